package io.meltanodata.real.engine;

import java.util.List;

/** Pulumi's own one-line message out of the CLI's whole output. */
final class PulumiMessages {
    private PulumiMessages() {
    }

    static String firstError(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.stream().filter(l -> l.contains("error:"))
                .map(l -> l.substring(l.indexOf("error:") + "error:".length()).strip())
                .filter(l -> !l.isEmpty()).findFirst()
                .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
    }
}
