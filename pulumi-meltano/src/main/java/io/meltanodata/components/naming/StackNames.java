package io.meltanodata.components.naming;

import io.meltanodata.components.git.GitRef;

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
        String slug = ref.slug();
        if (prefix.length() + slug.length() > MAX_LENGTH) {
            String hash = ShortHash.of(List.of(ref.full()));
            int head = Math.max(0, MAX_LENGTH - prefix.length() - hash.length() - 1);
            slug = (head == 0 ? "" : slug.substring(0, head).replaceAll("[^A-Za-z0-9]+$", "") + "-") + hash;
        }
        return prefix + slug;
    }
}
