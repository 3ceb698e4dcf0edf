package io.meltanodata.real;

import com.fasterxml.jackson.core.type.TypeReference;
import io.meltanodata.components.Json;
import io.meltanodata.testing.RealTools;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The maintained IAM evaluation engine {@code @cloud-copilot/iam-simulate} (pinned, built by
 * {@code scripts/real-tools.sh iam-simulate}), driven through {@code src/test/iam-simulate/simulate.cjs}:
 * one Node process evaluates a batch of requests and prints AWS's decision for each.
 */
final class IamEngine {
    private final Path executable;
    private final Path driver;

    private IamEngine(Path executable, Path driver) {
        this.executable = executable;
        this.driver = driver;
    }

    static IamEngine pinned() {
        return new IamEngine(RealTools.bin("iam-simulate").resolve("iam-simulate"),
                RealTools.repositoryRoot().resolve("meltanodata-cli/src/test/iam-simulate/simulate.cjs"));
    }

    /** The engine's decision (Allowed, ExplicitlyDenied, ImplicitlyDenied, or Error and why) per request id. */
    Map<String, String> decide(List<IamRequest> requests) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (IamRequest request : requests) {
            batch.add(Map.of("id", request.id(), "simulation", request.simulation()));
        }
        try {
            Process process = new ProcessBuilder(executable.toString(), driver.toString()).start();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(Json.write(batch).getBytes(StandardCharsets.UTF_8));
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new AssertionError("iam-simulate exited " + exit + ": " + errors.join());
            }
            List<Map<String, String>> decisions = Json.mapper().readValue(out.join(), new TypeReference<>() { });
            Map<String, String> byId = new LinkedHashMap<>();
            for (Map<String, String> d : decisions) {
                byId.put(d.get("id"), "Error".equals(d.get("result")) ? "Error " + d.get("detail") : d.get("result"));
            }
            return byId;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
