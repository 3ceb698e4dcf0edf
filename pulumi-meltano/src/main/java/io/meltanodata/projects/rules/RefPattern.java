package io.meltanodata.projects.rules;

import io.meltanodata.components.git.GitRef;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A rule's ref pattern: {@code main}, {@code feature/*} ({@code *} stays within one path
 * segment), {@code release/**} ({@code **} crosses {@code /}, and matches nothing too: it
 * matches {@code release/} followed by anything), {@code refs/tags/v*} for tags. A pattern
 * without {@code refs/tags/} is about branches.
 */
public record RefPattern(String text, GitRef.Kind kind, String glob) {
    private static final char STAR = '\u0001';
    private static final char DOUBLE_STAR = '\u0002';

    /** Parses a pattern; the error (null when valid) says what is wrong. */
    public static RefPattern parse(String text) {
        GitRef.Kind kind = GitRef.Kind.BRANCH;
        String glob = text;
        if (text.startsWith("refs/heads/")) {
            glob = text.substring("refs/heads/".length());
        } else if (text.startsWith("refs/tags/")) {
            kind = GitRef.Kind.TAG;
            glob = text.substring("refs/tags/".length());
        } else if (text.startsWith("refs/")) {
            throw new IllegalArgumentException("patterns are for branches (bare or refs/heads/...) or tags (refs/tags/...)");
        }
        if (glob.contains("***")) {
            throw new IllegalArgumentException("'***' is not a pattern; use '*' (one segment) or '**' (any depth)");
        }
        String problem = GitRef.problem(glob, true);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new RefPattern(text, kind, glob);
    }

    public boolean matches(GitRef ref) {
        return ref.kind() == kind && regex().matcher(ref.name()).matches();
    }

    private Pattern regex() {
        StringBuilder regex = new StringBuilder();
        for (char c : tokens().toCharArray()) {
            regex.append(c == DOUBLE_STAR ? ".*" : c == STAR ? "[^/]*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** The glob as tokens: literal characters, STAR and DOUBLE_STAR. */
    private String tokens() {
        return glob.replace("**", String.valueOf(DOUBLE_STAR)).replace('*', STAR);
    }

    /**
     * True when every ref this pattern matches is matched by {@code other} too (so a rule with
     * this pattern after one with {@code other} can never fire). Sound: a {@code true} is always
     * right; for the rare patterns it cannot decide it answers {@code false}.
     */
    public boolean isCoveredBy(RefPattern other) {
        return kind == other.kind && covers(other.tokens(), 0, tokens(), 0, new HashMap<>());
    }

    private static boolean covers(String outer, int o, String inner, int i, Map<Long, Boolean> memo) {
        long key = ((long) o << 32) | i;
        Boolean known = memo.get(key);
        if (known != null) {
            return known;
        }
        boolean result;
        if (o == outer.length()) {
            result = i == inner.length();
        } else {
            char t = outer.charAt(o);
            if (t == DOUBLE_STAR) {
                result = covers(outer, o + 1, inner, i, memo)
                        || (i < inner.length() && covers(outer, o, inner, i + 1, memo));
            } else if (t == STAR) {
                result = covers(outer, o + 1, inner, i, memo)
                        || (i < inner.length() && inner.charAt(i) != '/' && inner.charAt(i) != DOUBLE_STAR
                        && covers(outer, o, inner, i + 1, memo));
            } else {
                result = i < inner.length() && inner.charAt(i) == t && covers(outer, o + 1, inner, i + 1, memo);
            }
        }
        memo.put(key, result);
        return result;
    }
}
