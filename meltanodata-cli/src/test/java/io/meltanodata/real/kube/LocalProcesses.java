package io.meltanodata.real.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a test control plane (etcd, kube-apiserver, the controllers): each started
 * with its output in {@code <workDir>/<name>.log}, checked while a caller waits for one to
 * answer, and stopped in reverse order of start.
 */
final class LocalProcesses {
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private final Path workDir;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    LocalProcesses(Path workDir) {
        this.workDir = workDir;
    }

    synchronized void start(String name, List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        try {
            processes.add(builder.start());
            names.add(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Fails, with the process's log, if any process has exited. */
    synchronized void assertRunning() {
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.isAlive()) {
                throw new IllegalStateException(names.get(i) + " is not running (exit " + p.exitValue() + "); its log:\n"
                        + logTail(names.get(i)));
            }
        }
    }

    /** Waits until {@code uri} answers 200 (with {@code token} as bearer, if given), every process still running. */
    void awaitOk(URI uri, HttpClient http, String token, String what) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            assertRunning();
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            KubeApiServer.sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(what + " not ready at " + uri + " after " + STARTUP_TIMEOUT + " (last: " + last
                + "); its log:\n" + logTail(what));
    }

    String logTail(String name) {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops every process, the last started first. */
    synchronized void stopAll() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        names.clear();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
