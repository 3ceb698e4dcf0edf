package io.meltanodata.real.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the suite measured, written to target/real-engine-report.md for the record: each run's wall
 * time, and the median of every command that ran more than once, with the two ratios issue 26
 * benchmarks (the default executor against the jar, the jar against the hello-world floor). Nothing
 * here is asserted: times are a benchmark's, never a test's.
 */
final class EngineReport {
    static final String PREVIEW_MAVEN = "preview --expect-no-changes (./mvnw)";
    static final String PREVIEW_JAR = "preview --expect-no-changes (binary jar)";
    static final String HELLO_WORLD = "hello-world";
    /** The hello-world program with one AWS resource: the floor of a program that starts the AWS provider. */
    static final String HELLO_WORLD_AWS = "hello-world with one AWS resource";
    private static final java.util.Set<String> FLOORS = java.util.Set.of(HELLO_WORLD, HELLO_WORLD_AWS);

    private record Time(String where, String command, double seconds) {
    }

    private final List<Time> times = new ArrayList<>();
    private final List<String> counts = new ArrayList<>();

    synchronized void time(EngineStack stack, String command, PulumiCli.Result result) {
        times.add(new Time(stack.qualified(), command, result.millis() / 1000.0));
    }

    synchronized void time(String where, String command, PulumiCli.Result result) {
        times.add(new Time(where, command, result.millis() / 1000.0));
    }

    synchronized void time(String where, String command, Duration took) {
        times.add(new Time(where, command, took.toMillis() / 1000.0));
    }

    synchronized void count(EngineStack stack, int engine, int offline) {
        counts.add("| " + stack.qualified() + " | " + engine + " | " + offline + " |");
    }

    synchronized void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>(List.of("# Real-engine suite", "",
                "| stack | resources (engine, without default providers) | resources (offline preview) |", "|---|---|---|"));
        lines.addAll(counts);
        lines.addAll(List.of("", "| stack | command | wall time (s) |", "|---|---|---|"));
        times.forEach(t -> lines.add("| " + t.where() + " | " + t.command() + " | " + String.format("%.1f", t.seconds()) + " |"));
        lines.addAll(medians());
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    /** Per command run more than once (each hello-world program's runs on their own): runs, median and range. */
    private List<String> medians() {
        Map<String, List<Double>> byCommand = new LinkedHashMap<>();
        for (Time t : times) {
            String key = FLOORS.contains(t.where()) ? t.where() + " " + t.command() : t.command();
            byCommand.computeIfAbsent(key, k -> new ArrayList<>()).add(t.seconds());
        }
        List<String> lines = new ArrayList<>(List.of("", "| command | runs | median (s) | range (s) |", "|---|---|---|---|"));
        byCommand.forEach((command, seconds) -> {
            if (seconds.size() > 1) {
                List<Double> sorted = seconds.stream().sorted().toList();
                lines.add(String.format("| %s | %d | %.1f | %.1f-%.1f |", command, sorted.size(), median(sorted),
                        sorted.get(0), sorted.get(sorted.size() - 1)));
            }
        });
        ratio(byCommand, PREVIEW_MAVEN, PREVIEW_JAR, "the default executor against the prebuilt jar (issue 26: within 1.2x)")
                .ifPresent(lines::add);
        ratio(byCommand, PREVIEW_JAR, HELLO_WORLD + " " + PREVIEW_JAR,
                "the layers' jars against the hello-world program's (issue 26: within 1.5x)").ifPresent(lines::add);
        ratio(byCommand, PREVIEW_JAR, HELLO_WORLD_AWS + " " + PREVIEW_JAR,
                "the layers' jars against the hello-world program's with one AWS resource").ifPresent(lines::add);
        ratio(byCommand, PREVIEW_MAVEN, HELLO_WORLD_AWS + " " + PREVIEW_JAR,
                "the default executor against the hello-world program's with one AWS resource").ifPresent(lines::add);
        return lines;
    }

    private static java.util.Optional<String> ratio(Map<String, List<Double>> byCommand, String numerator,
                                                    String denominator, String what) {
        List<Double> top = byCommand.get(numerator);
        List<Double> bottom = byCommand.get(denominator);
        if (top == null || bottom == null) {
            return java.util.Optional.empty();
        }
        double ratio = median(top.stream().sorted().toList()) / median(bottom.stream().sorted().toList());
        return java.util.Optional.of(String.format("%nMedian %s: %.2fx.", what, ratio));
    }

    /** The middle value of a sorted list; the mean of the two middle values when the count is even. */
    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
