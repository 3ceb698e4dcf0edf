package io.meltanodata.real.meltano;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** moto's server on a free loopback port: the S3, Secrets Manager and CloudWatch Logs the pods talk to. */
final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static MotoServer start(Path bin, Path log) throws IOException, InterruptedException {
        int port = freeLoopbackPort();
        Process process = new ProcessBuilder(bin.resolve("moto_server").toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited " + process.exitValue() + "; see " + log);
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return new MotoServer(process, port);
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not listen on 127.0.0.1:" + port + " within 60 s; see " + log);
    }

    /** A port nothing listens on now, on 127.0.0.1. */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
