package io.meltanodata.components.config;

import io.meltanodata.components.UserInputException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them in config: {@code 12h}, {@code 7d}, {@code 2w} or ISO-8601 ({@code P7D}, {@code PT36H}). */
public final class Durations {
    public static final String ALLOWED = "12h, 7d, 2w or ISO-8601 such as P7D or PT36H";
    private static final Pattern SHORT = Pattern.compile("(\\d{1,4})([hdw])");

    private Durations() {
    }

    /** Parses a positive duration; {@code where} starts the one-line error. */
    public static Duration positive(String where, String text) {
        Matcher m = SHORT.matcher(text.trim().toLowerCase(Locale.ROOT));
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        } else {
            try {
                d = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new UserInputException(where + ": ttl '" + ConfigReader.printable(text)
                    + "' is not a positive duration; allowed: " + ALLOWED);
        }
        return d;
    }
}
