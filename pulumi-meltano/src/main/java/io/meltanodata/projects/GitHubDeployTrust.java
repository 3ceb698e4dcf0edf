package io.meltanodata.projects;

import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The trust policy of a project's CI deploy role: only GitHub Actions OIDC tokens issued to one
 * repository, for the git refs its branch rules activate, may assume it.
 *
 * <p>GitHub puts {@code repo:<owner>/<repo>:ref:refs/heads/<branch>} (or {@code refs/tags/...})
 * in the token's {@code sub} claim. IAM's {@code StringLike} {@code *} also matches {@code /},
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
     */
    public static PolicyDocument policy(String providerArn, String repository, List<String> refPatterns) {
        Set<String> subjects = new LinkedHashSet<>();
        for (String pattern : refPatterns) {
            subjects.add(subject(repository, pattern));
        }
        if (subjects.isEmpty()) {
            // No rule activates anything: a role nobody can assume, rather than one anybody in the repo can.
            return PolicyDocument.of(PolicyStatement.deny("sts:AssumeRoleWithWebIdentity")
                    .principal("Federated", providerArn).sid("NoActivatedRefs"));
        }
        return PolicyDocument.of(PolicyStatement.allow("sts:AssumeRoleWithWebIdentity")
                .principal("Federated", providerArn)
                .when("StringEquals", ISSUER + ":aud", "sts.amazonaws.com")
                .when("StringLike", ISSUER + ":sub", List.copyOf(subjects))
                .sid("GitHubActionsOfActivatedRefs"));
    }

    /** {@code feature/**} -> {@code repo:acme/analytics:ref:refs/heads/feature/*}. */
    static String subject(String repository, String refPattern) {
        String ref = refPattern.startsWith("refs/") ? refPattern : "refs/heads/" + refPattern;
        return "repo:" + repository + ":ref:" + ref.replaceAll("\\*+", "*");
    }
}
