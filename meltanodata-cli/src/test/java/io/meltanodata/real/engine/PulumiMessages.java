package io.meltanodata.real.engine;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pulumi's own one-line message out of the CLI's whole output: the first error of its
 * Diagnostics section (or of the output, when there is none) that says more than that the
 * command failed or that the program process exited.
 */
final class PulumiMessages {
    private static final Set<String> GENERIC = Set.of("update failed", "preview failed", "destroy failed");
    private static final Pattern PROGRAM_EXIT = Pattern.compile("^Running program \\[PID: \\d+\\].*");

    private PulumiMessages() {
    }

    static String firstError(String output) {
        List<String> all = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        int diagnostics = all.indexOf("Diagnostics:");
        List<String> lines = diagnostics < 0 ? all : all.subList(diagnostics, all.size());
        List<String> errors = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("error:")) {
                String message = lines.get(i).substring("error:".length()).strip();
                // "1 error occurred:" and the like: the message is on the next line, "* ...".
                if (message.endsWith(":") && i + 1 < lines.size() && lines.get(i + 1).startsWith("* ")) {
                    message = lines.get(i + 1).substring(2).strip();
                }
                errors.add(message);
            }
        }
        return errors.stream().filter(e -> !GENERIC.contains(e) && !PROGRAM_EXIT.matcher(e).matches()).findFirst()
                .or(() -> errors.stream().findFirst())
                .orElse(all.isEmpty() ? "no output" : all.get(all.size() - 1));
    }
}
