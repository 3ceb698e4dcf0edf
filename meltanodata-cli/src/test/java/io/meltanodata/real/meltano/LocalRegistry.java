package io.meltanodata.real.meltano;

import io.meltanodata.testing.Command;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The distribution registry on a free loopback port, storing under a folder of the run: where the
 * project's ECR repository stands. Plain HTTP on loopback (buildah is told --tls-verify=false).
 */
final class LocalRegistry implements AutoCloseable {
    private final Process process;
    private final int port;

    private LocalRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LocalRegistry start(Path bin, Path dir) throws IOException, InterruptedException {
        int port = MotoServer.freeLoopbackPort();
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yml");
        Files.writeString(config, String.join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("storage"),
                "http:",
                "  addr: 127.0.0.1:" + port,
                ""));
        Path log = dir.resolve("registry.log");
        ProcessBuilder builder = new ProcessBuilder(bin.resolve("registry").toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OTEL_TRACES_EXPORTER", "none"); // nothing leaves loopback
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("registry exited " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return new LocalRegistry(process, port);
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("registry did not listen on 127.0.0.1:" + port + " within 30 s: " + Files.readString(log));
    }

    /** The registry's host, as an image reference starts: {@code 127.0.0.1:<port>}. */
    String host() {
        return "127.0.0.1:" + port;
    }

    /**
     * {@code buildah push} of a local image to {@code <host>/<repository>:<tag>}; returns the digest the
     * push reports ({@code --digestfile}): the manifest's, {@code sha256:<hex>}, what a deploy by digest names.
     */
    String push(Path bin, String image, String repository, String tag, Path digestFile) throws IOException {
        Command.require(Path.of("").toAbsolutePath(), Map.of(), Duration.ofMinutes(10), List.of(bin.resolve("buildah").toString(),
                "push", "--tls-verify=false", "--digestfile", digestFile.toString(), image,
                "docker://" + host() + "/" + repository + ":" + tag));
        return Files.readString(digestFile).trim();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
