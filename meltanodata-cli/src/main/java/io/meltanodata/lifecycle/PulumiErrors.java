package io.meltanodata.lifecycle;

import com.pulumi.automation.AutomationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulumi's own message, on one line, out of the CLI's whole output (or an Automation API failure,
 * which carries it): the first error of its Diagnostics section (or of the output, when there is
 * none) that says more than that the command failed or that the program process exited. A
 * message the CLI wraps over several lines ("... cannot be deleted" / "because it is protected")
 * is joined back into one.
 */
public final class PulumiErrors {
    private static final Set<String> GENERIC = Set.of("update failed", "preview failed", "destroy failed");
    /** The language host's report that the program exited non-zero: the program's own error came before it. */
    private static final Pattern PROGRAM_EXIT = Pattern.compile("^(an unhandled error occurred: .*|Running program \\[PID: \\d+\\].*)");
    /** An error entry; the Automation API's failures prefix the CLI's streams with "stdout: " / "stderr: ". */
    private static final Pattern ERROR = Pattern.compile("^(?:std(?:out|err): )?error:(.*)");
    private static final Pattern NEXT_ENTRY = Pattern.compile("^(?:std(?:out|err): )?(error|warning|info):.*");

    private PulumiErrors() {
    }

    static String firstError(AutomationException e) {
        return firstError(String.valueOf(e.getMessage()));
    }

    public static String firstError(String output) {
        List<String> all = output.lines().map(String::strip).toList();
        int diagnostics = all.indexOf("Diagnostics:");
        List<String> lines = diagnostics < 0 ? all : all.subList(diagnostics, all.size());
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher error = ERROR.matcher(lines.get(i));
            if (!error.matches()) {
                continue;
            }
            StringBuilder message = new StringBuilder(error.group(1).strip());
            // "1 error occurred:" and the like: the message is on the next line, "* ...".
            if (message.toString().endsWith(":") && i + 1 < lines.size() && lines.get(i + 1).startsWith("* ")) {
                message = new StringBuilder(lines.get(++i).substring(2).strip());
            }
            while (i + 1 < lines.size() && !lines.get(i + 1).isEmpty() && !NEXT_ENTRY.matcher(lines.get(i + 1)).matches()
                    && !lines.get(i + 1).startsWith("* ")) {
                message.append(' ').append(lines.get(++i));
            }
            errors.add(message.toString());
        }
        List<String> nonEmpty = all.stream().filter(l -> !l.isEmpty()).toList();
        return errors.stream().filter(e -> !GENERIC.contains(e) && !PROGRAM_EXIT.matcher(e).matches()).findFirst()
                .or(() -> errors.stream().findFirst())
                .orElse(nonEmpty.isEmpty() ? "no output" : nonEmpty.get(nonEmpty.size() - 1));
    }
}
