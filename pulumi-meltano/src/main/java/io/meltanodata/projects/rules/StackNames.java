package io.meltanodata.projects.rules;

import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.List;

/**
 * Stack names of Layer 3 and Layer 4: {@code <site>.<project>} and
 * {@code <site>.<project>.<environment>.<ref>}, one Layer 4 stack per activated git ref. The ref
 * part is the branch name, or {@code tag-<name>} for a tag, made stack-name-safe through
 * {@link Names} (a hash keeps {@code feature/x}, {@code feature-x} and a tag {@code x} apart).
 * At most {@value #MAX_LENGTH} characters, Pulumi's limit.
 */
public final class StackNames {
    public static final int MAX_LENGTH = 100;

    private StackNames() {
    }

    public static String project(String site, String project) {
        return site + "." + project;
    }

    public static String environment(String site, String project, String environment, GitRef ref) {
        String prefix = project(site, project) + "." + environment + ".";
        List<String> parts = ref.kind() == GitRef.Kind.TAG ? List.of("tag", ref.name()) : List.of(ref.name());
        String slug = Names.of(NameKind.LABEL_VALUE, parts);
        if (prefix.length() + slug.length() > MAX_LENGTH) {
            slug = shorten(parts, MAX_LENGTH - prefix.length());
        }
        return prefix + slug;
    }

    private static String shorten(List<String> parts, int room) {
        String full = Names.of(NameKind.LABEL_VALUE, parts);
        String hash = io.meltanodata.components.naming.ShortHash.of(parts);
        int head = Math.max(0, room - hash.length() - 1);
        return (head == 0 ? "" : full.substring(0, Math.min(head, full.length())).replaceAll("[^A-Za-z0-9]+$", "") + "-") + hash;
    }
}
