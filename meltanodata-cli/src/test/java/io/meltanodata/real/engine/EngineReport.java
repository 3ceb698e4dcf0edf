package io.meltanodata.real.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the suite measured, written to target/real-engine-report.md for the record. */
final class EngineReport {
    private final List<String> times = new ArrayList<>();
    private final List<String> counts = new ArrayList<>();

    synchronized void time(EngineStack stack, String command, PulumiCli.Result result) {
        times.add("| " + stack.qualified() + " | pulumi " + command + " | " + String.format("%.1f", result.millis() / 1000.0) + " |");
    }

    synchronized void time(String where, String command, java.time.Duration took) {
        times.add("| " + where + " | " + command + " | " + String.format("%.1f", took.toMillis() / 1000.0) + " |");
    }

    synchronized void count(EngineStack stack, int engine, int offline) {
        counts.add("| " + stack.qualified() + " | " + engine + " | " + offline + " |");
    }

    synchronized void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>(List.of("# Real-engine suite", "",
                "| stack | resources (engine, without default providers) | resources (offline preview) |", "|---|---|---|"));
        lines.addAll(counts);
        lines.addAll(List.of("", "| stack | command | wall time (s) |", "|---|---|---|"));
        lines.addAll(times);
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
