package io.meltanodata.real.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Switches layers between Pulumi's two ways of running a Java program, as the README tells a
 * user to: the default (Maven, through the layer's ./mvnw) and a prebuilt jar, built with the
 * {@code binary} profile and named by the commented-out {@code options: binary:} lines of the
 * layer's Pulumi.yaml.
 */
final class BinaryJars {
    private static final String COMMENTED = "  # options:\n  #   binary: ";
    private static final String ACTIVE = "  options:\n    binary: ";

    private BinaryJars() {
    }

    /** Builds the layers' jars and makes their Pulumi.yaml run them. */
    static void build(Path repository, List<String> layers) {
        List<String> command = new ArrayList<>(List.of(repository.resolve("mvnw").toString(), "-B", "-q", "-Pbinary",
                "-pl", String.join(",", layers), "-am", "package", "-Dmaven.test.skip=true"));
        try {
            Process process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError("building the layers' jars failed:\n" + output);
            }
            for (String layer : layers) {
                replace(repository.resolve(layer).resolve("Pulumi.yaml"), COMMENTED, ACTIVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Back to the default executor. */
    static void useMaven(Path repository, List<String> layers) {
        for (String layer : layers) {
            replace(repository.resolve(layer).resolve("Pulumi.yaml"), ACTIVE, COMMENTED);
        }
    }

    private static void replace(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            if (!text.contains(from)) {
                throw new AssertionError(file + " has no '" + from.strip() + "' lines");
            }
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
