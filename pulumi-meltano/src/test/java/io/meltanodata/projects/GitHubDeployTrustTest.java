package io.meltanodata.projects;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.iam.PolicyDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitHubDeployTrustTest {
    private static final String PROVIDER = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

    @Test
    void trustsOnlyTheRepositoryAndTheActivatedRefs() {
        List<Map<String, Object>> statements = PolicyDocument.parse(GitHubDeployTrust.policy(PROVIDER, "acme/analytics",
                List.of("main", "feature/**", "refs/tags/v*", "main"), "main").toJson());
        assertEquals(1, statements.size());
        Map<String, Object> st = statements.get(0);
        assertEquals("Allow", st.get("Effect"));
        assertEquals(List.of("sts:AssumeRoleWithWebIdentity"), st.get("Action"));
        assertEquals(Map.of("Federated", PROVIDER), st.get("Principal"));
        assertEquals(Map.of(
                "StringEquals", Map.of("token.actions.githubusercontent.com:aud", "sts.amazonaws.com"),
                "StringLike", Map.of("token.actions.githubusercontent.com:sub", List.of(
                        "repo:acme/analytics:ref:refs/heads/main",
                        "repo:acme/analytics:ref:refs/heads/feature/*",
                        "repo:acme/analytics:ref:refs/tags/v*"))), st.get("Condition"));
    }

    /**
     * A delete or schedule run's token names the default branch, whatever ref was deleted (GitHub
     * Docs, "About security hardening with OpenID Connect", https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect;
     * "Events that trigger workflows": GITHUB_REF of delete and schedule is the default branch):
     * the default branch is trusted though no rule activates it, so those runs can dispose and reap.
     */
    @Test
    void theDefaultBranchIsTrustedForDisposalsAndTheReapThoughNoRuleActivatesIt() {
        Map<String, Object> st = PolicyDocument.parse(GitHubDeployTrust.policy(PROVIDER, "acme/analytics",
                List.of("release/*"), "develop").toJson()).get(0);
        assertEquals("Allow", st.get("Effect"));
        assertEquals(Map.of("token.actions.githubusercontent.com:sub", List.of("repo:acme/analytics:ref:refs/heads/release/*",
                "repo:acme/analytics:ref:refs/heads/develop")), ((Map<?, ?>) st.get("Condition")).get("StringLike"));
    }

    /** Rules that activate nothing today may have activated environments yesterday: the default branch still disposes and reaps them. */
    @Test
    void noActivatedRefLeavesOnlyTheDefaultBranch() {
        Map<String, Object> st = PolicyDocument.parse(GitHubDeployTrust.policy(PROVIDER, "acme/analytics", List.of(), "main")
                .toJson()).get(0);
        assertEquals("Allow", st.get("Effect"));
        assertEquals(Map.of("token.actions.githubusercontent.com:sub", List.of("repo:acme/analytics:ref:refs/heads/main")),
                ((Map<?, ?>) st.get("Condition")).get("StringLike"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"refs/heads/main", "ma*n", "ma?n", "", "a..b", "main/", "ma in"})
    void aDefaultBranchGitOrIamWouldReadOtherwiseIsRefused(String branch) {
        UserInputException e = assertThrows(UserInputException.class,
                () -> GitHubDeployTrust.defaultBranch("Pulumi.acme.analytics.yaml", "meltanodata:defaultBranch", branch));
        assertTrue(e.getMessage().startsWith("Pulumi.acme.analytics.yaml: config key 'meltanodata:defaultBranch' has value '"
                + ConfigReader.printable(branch) + "'; allowed: the repository's default branch (e.g. main): "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "acme/", "/analytics", "acme/analytics/x", "ac me/analytics", "acme/..",
            "-acme/analytics", "acme/ana\nlytics", "acme/an*"})
    void badRepositoriesAreRejectedNamingTheKey(String repo) {
        UserInputException e = assertThrows(UserInputException.class,
                () -> GitHubDeployTrust.repository("Pulumi.acme.analytics.yaml", "meltanodata:repository", repo));
        assertEquals("Pulumi.acme.analytics.yaml: config key 'meltanodata:repository' has value '" + ConfigReader.printable(repo)
                + "'; allowed: a GitHub repository as owner/name (letters, digits, '-', '.', '_')", e.getMessage());
    }

    @Test
    void validRepositoriesPass() {
        assertEquals("acme-corp/meltano.analytics_v2",
                GitHubDeployTrust.repository("f", "k", "acme-corp/meltano.analytics_v2"));
    }
}
