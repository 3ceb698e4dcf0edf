package io.meltanodata.components.naming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds physical names from parts (fabric, site, project, environment, ref, purpose), valid
 * for their {@link NameKind} and collision-free.
 *
 * <p>Parts are joined with {@code -}. The result is exactly that join when the join is
 * unambiguous and already valid. Otherwise a short hash of the original parts is appended
 * (and the readable part truncated to make room), so that:
 * <ul>
 *   <li>two inputs that sanitise to the same text ({@code Acme} / {@code acme}, {@code a.b} /
 *       {@code a_b}) still get different names;</li>
 *   <li>two splits that join to the same text ({@code acme-prod}+{@code x} /
 *       {@code acme}+{@code prod-x}) still get different names;</li>
 *   <li>two long names that share a prefix beyond the limit still get different names.</li>
 * </ul>
 * A join is unambiguous when every part is non-empty, unchanged by sanitising and free of
 * {@code -}; so {@code ("acme-data")} and {@code ("acme", "data")} never collide either.
 */
public final class Names {
    private static final String SEPARATOR = "-";

    private Names() {
    }

    public static String of(NameKind kind, String... parts) {
        return of(kind, Arrays.asList(parts));
    }

    public static String of(NameKind kind, List<String> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a name needs at least one part");
        }
        List<String> cleaned = new ArrayList<>(parts.size());
        boolean exact = true;
        for (String part : parts) {
            String clean = sanitise(kind, part);
            exact &= clean.equals(part) && !part.contains(SEPARATOR) && !part.isEmpty();
            cleaned.add(clean);
        }
        String readable = trimSeparators(String.join(SEPARATOR, cleaned.stream().filter(p -> !p.isEmpty()).toList()));
        if (exact && readable.length() <= kind.maxLength() && readable.length() >= 3) {
            return readable;
        }
        String hash = ShortHash.of(parts);
        int room = kind.maxLength() - ShortHash.LENGTH - SEPARATOR.length();
        String head = trimSeparators(readable.length() > room ? readable.substring(0, room) : readable);
        return head.isEmpty() ? hash : head + SEPARATOR + hash;
    }

    /** Sanitises one free-text value to a kind's character set, without hashing (e.g. label values). */
    public static String sanitise(NameKind kind, String value) {
        String v = kind.lowercase() ? value.toLowerCase(java.util.Locale.ROOT) : value;
        v = kind.disallowed().matcher(v).replaceAll(String.valueOf(kind.replacement()));
        if (kind.replacement() == '-') {
            v = v.replaceAll("-{2,}", "-");
        }
        return v;
    }

    private static String trimSeparators(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetterOrDigit(s.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}
