package io.meltanodata.components.git;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.List;

/**
 * A git branch or tag: {@code refs/heads/x}, {@code refs/tags/v1}, or a bare {@code x} (a branch).
 * Validated with git's own rules ({@code git check-ref-format}).
 */
public record GitRef(Kind kind, String name) {
    public enum Kind { BRANCH, TAG }

    public static GitRef parse(String text) {
        Kind kind = Kind.BRANCH;
        String name = text;
        if (text.startsWith("refs/heads/")) {
            name = text.substring("refs/heads/".length());
        } else if (text.startsWith("refs/tags/")) {
            kind = Kind.TAG;
            name = text.substring("refs/tags/".length());
        } else if (text.startsWith("refs/")) {
            throw invalid(text, "a branch or tag (refs/heads/..., refs/tags/... or a bare branch name)");
        }
        String problem = problem(name, false);
        if (problem != null) {
            throw invalid(text, problem);
        }
        return new GitRef(kind, name);
    }

    /** Why git would refuse this ref name (or pattern, allowing '*'); null when it is fine. */
    public static String problem(String name, boolean pattern) {
        if (name.isEmpty()) {
            return "a non-empty name";
        }
        if (name.contains("..") || name.contains("@{") || name.contains("//") || name.equals("@")) {
            return "no '..', '@{', '//' and not '@' (git check-ref-format)";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ' ' || c == '~' || c == '^' || c == ':' || c == '?' || c == '['
                    || c == '\\' || (c == '*' && !pattern)) {
                return "no spaces, control characters or any of ~ ^ : ? * [ \\ (git check-ref-format)";
            }
        }
        if (name.startsWith("/") || name.endsWith("/") || name.endsWith(".") || name.endsWith(".lock")) {
            return "no leading or trailing '/', no trailing '.' or '.lock' (git check-ref-format)";
        }
        for (String part : name.split("/")) {
            if (part.startsWith(".")) {
                return "no path component starting with '.' (git check-ref-format)";
            }
        }
        return null;
    }

    private static UserInputException invalid(String text, String allowed) {
        return new UserInputException("git ref '" + ConfigReader.printable(text) + "' is not valid; expected " + allowed);
    }

    /**
     * The ref in names, labels and image tags: the branch name ({@code main}), or {@code tag-<name>}
     * for a tag, made label-safe; a lossy result ({@code feature/x}) carries a hash
     * ({@code feature-x-1a2b3c4d}), so branches {@code feature/x} and {@code feature-x} and tag
     * {@code x} never share a slug. At most 63 characters.
     */
    public String slug() {
        List<String> parts = kind == Kind.TAG ? List.of("tag", name) : List.of(name);
        return Names.of(NameKind.LABEL_VALUE, parts);
    }

    public String full() {
        return (kind == Kind.TAG ? "refs/tags/" : "refs/heads/") + name;
    }
}
