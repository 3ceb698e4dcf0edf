package io.meltanodata.projects;

import java.util.List;

/**
 * What a Hosted Project stack creates, as plain validated data (built from the stack config, the
 * meltano.yml model and the branch rules).
 *
 * @param fabric               the fabric's name (charge-back)
 * @param site                 the site's name
 * @param project              the project's name (DNS-safe)
 * @param repository           the GitHub repository, {@code owner/name}
 * @param activatedRefPatterns the ref patterns of the rules that activate an environment: the
 *                             refs CI may deploy from
 * @param secretNames          the names of the project's secrets (values are set out of band)
 * @param keepImages           how many retired images (builds no environment runs) the registry keeps
 * @param defaultBranch        the repository's default branch: the ref of the CI runs that dispose and reap
 */
public record ProjectSpec(String fabric, String site, String project, String repository,
                          List<String> activatedRefPatterns, List<String> secretNames, int keepImages,
                          String defaultBranch) {

    public ProjectSpec {
        activatedRefPatterns = List.copyOf(activatedRefPatterns);
        secretNames = List.copyOf(secretNames);
    }

    /** {@code meltanodata/<fabric>/<site>/<project>/}: the Secrets Manager prefix of this project. */
    public String secretsPath() {
        return "meltanodata/" + fabric + "/" + site + "/" + project + "/";
    }

    /** IAM path of the site's roles (the site boundary only admits roles under it). */
    public String rolePath() {
        return "/meltanodata/" + fabric + "/" + site + "/";
    }
}
