package io.meltanodata.real.engine;

import io.meltanodata.testing.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Switches layers between Pulumi's two ways of running a Java program, as the README tells a
 * user to: the default (Maven, through the layer's ./mvnw) and a prebuilt jar, built with the
 * {@code binary} profile and named by the commented-out {@code options: binary:} lines of the
 * layer's Pulumi.yaml. While the jars are selected, each layer's ./mvnw is a stub that fails:
 * a run that still went through Maven (the program or its plugin discovery) cannot pass unseen.
 */
final class BinaryJars {
    private static final String COMMENTED = "  # options:\n  #   binary: ";
    private static final String ACTIVE = "  options:\n    binary: ";
    private static final String MAVEN_ASIDE = "mvnw.aside";

    private BinaryJars() {
    }

    /** Builds the layers' jars and makes their Pulumi.yaml run them. */
    static void build(Path repository, List<String> layers) {
        List<String> command = new ArrayList<>(List.of(repository.resolve("mvnw").toString(), "-B", "-q", "-Pbinary",
                "-pl", String.join(",", layers), "-am", "package", "-Dmaven.test.skip=true"));
        Command.require(repository, Map.of(), Duration.ofMinutes(20), command);
        for (String layer : layers) {
            replace(repository.resolve(layer).resolve("Pulumi.yaml"), COMMENTED, ACTIVE);
            Path mvnw = repository.resolve(layer).resolve("mvnw");
            move(mvnw, mvnw.resolveSibling(MAVEN_ASIDE));
            write(mvnw, "#!/bin/sh\necho \"error: $0 ran, but Pulumi.yaml selects the prebuilt jar\" >&2\nexit 3\n");
            mvnw.toFile().setExecutable(true);
        }
    }

    /** Back to the default executor. */
    static void useMaven(Path repository, List<String> layers) {
        for (String layer : layers) {
            replace(repository.resolve(layer).resolve("Pulumi.yaml"), ACTIVE, COMMENTED);
            Path mvnw = repository.resolve(layer).resolve("mvnw");
            move(mvnw.resolveSibling(MAVEN_ASIDE), mvnw);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
