package io.meltanodata.projects;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.git.GitRef;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The trust policy of a project's CI deploy role: only GitHub Actions OIDC tokens issued to one
 * repository, for the git refs its branch rules activate and for its default branch, may assume it.
 *
 * <p>GitHub puts {@code repo:<owner>/<repo>:ref:refs/heads/<branch>} (or {@code refs/tags/...})
 * in the token's {@code sub} claim of a job that names no environment, outside pull requests; the
 * ref is the run's {@code GITHUB_REF} (GitHub Docs, "About security hardening with OpenID
 * Connect"), which for {@code delete} and {@code schedule} runs is the repository's default branch
 * ("Events that trigger workflows"), whatever ref was deleted: the runs that dispose and reap
 * environments carry the default branch, so it is trusted even when no rule activates it. IAM's {@code StringLike} {@code *} also matches {@code /},
 * so a rule pattern {@code feature/*} admits {@code feature/a/b} at the IAM level: the trust is
 * the coarse gate, and the deploy itself re-resolves the ref against the rules, which decide
 * exactly (and a ref no rule activates deploys nothing).
 */
public final class GitHubDeployTrust {
    public static final String ISSUER = "token.actions.githubusercontent.com";

    private GitHubDeployTrust() {
    }

    /** Validates {@code owner/repo} as GitHub spells repository names. */
    public static String repository(String origin, String key, String value) {
        return io.meltanodata.components.git.GitHubRepository.validate(origin, key, value);
    }

    /**
     * @param providerArn the account's GitHub OIDC provider
     * @param repository  {@code owner/repo}
     * @param refPatterns the activated rules' ref patterns ({@code main}, {@code feature/**},
     *                    {@code refs/tags/v*}); bare patterns are branches
     * @param defaultBranch the repository's default branch ({@code main}), validated by {@link #defaultBranch}
     */
    public static PolicyDocument policy(String providerArn, String repository, List<String> refPatterns, String defaultBranch) {
        Set<String> subjects = new LinkedHashSet<>();
        for (String pattern : refPatterns) {
            subjects.add(subject(repository, pattern));
        }
        subjects.add(subject(repository, "refs/heads/" + defaultBranch));
        return PolicyDocument.of(PolicyStatement.allow("sts:AssumeRoleWithWebIdentity")
                .principal("Federated", providerArn)
                .when("StringEquals", ISSUER + ":aud", "sts.amazonaws.com")
                .when("StringLike", ISSUER + ":sub", List.copyOf(subjects))
                .sid("GitHubActionsOfActivatedRefsAndDefaultBranch"));
    }

    /** Validates the repository's default branch: a bare branch name git accepts (no wildcard: IAM would match it as one). */
    public static String defaultBranch(String origin, String key, String value) {
        String problem = value.startsWith("refs/") ? "a bare branch name, not a full ref" : GitRef.problem(value, false);
        if (problem != null) {
            throw new UserInputException(origin + ": config key '" + key + "' has value '" + ConfigReader.printable(value)
                    + "'; allowed: the repository's default branch (e.g. main): " + problem);
        }
        return value;
    }

    /** {@code feature/**} -> {@code repo:acme/analytics:ref:refs/heads/feature/*}. */
    static String subject(String repository, String refPattern) {
        String ref = refPattern.startsWith("refs/") ? refPattern : "refs/heads/" + refPattern;
        return "repo:" + repository + ":ref:" + ref.replaceAll("\\*+", "*");
    }
}
