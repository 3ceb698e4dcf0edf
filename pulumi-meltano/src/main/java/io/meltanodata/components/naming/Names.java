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

    /**
     * The longest prefix, its trailing {@code -} included, that {@link #keepingPrefix} keeps for a kind:
     * the rest of the name must hold at least the hash that keeps long names apart.
     */
    public static int longestPrefix(NameKind kind) {
        return kind.maxLength() - ShortHash.LENGTH;
    }

    /**
     * A name that starts with {@code <prefix parts joined by ->-}, the prefix a policy matches, whatever
     * the tail: only the tail is truncated (and a hash of all parts appended) when the whole does not
     * fit. A prefix longer than {@link #longestPrefix} cannot be kept; the config refuses such inputs
     * first (see {@link ProjectNamePrefix}), so reaching it here is a bug, not a user error.
     */
    public static String keepingPrefix(NameKind kind, List<String> prefix, List<String> tail) {
        String kept = String.join(SEPARATOR, prefix) + SEPARATOR;
        if (prefix.isEmpty() || tail.isEmpty() || prefix.stream().anyMatch(p -> p.isEmpty() || !sanitise(kind, p).equals(p))) {
            throw new IllegalArgumentException("a kept prefix needs valid " + kind + " parts and a tail: " + prefix + ", " + tail);
        }
        if (kept.length() > longestPrefix(kind)) {
            throw new IllegalArgumentException("the prefix '" + kept + "' is " + kept.length() + " characters; a " + kind
                    + " name keeps at most " + longestPrefix(kind));
        }
        List<String> parts = new ArrayList<>(prefix);
        parts.addAll(tail);
        // of() cuts the readable join at maxLength - 9 and drops a trailing '-' before the hash, so the
        // prefix survives whole when it is at most maxLength - 8 characters.
        String name = of(kind, parts);
        if (!name.startsWith(kept)) {
            throw new IllegalStateException("'" + name + "' lost its prefix '" + kept + "'");
        }
        return name;
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
