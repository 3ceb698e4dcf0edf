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

class GitHubDeployTrustTest {
    private static final String PROVIDER = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

    @Test
    void trustsOnlyTheRepositoryAndTheActivatedRefs() {
        List<Map<String, Object>> statements = PolicyDocument.parse(GitHubDeployTrust.policy(PROVIDER, "acme/analytics",
                List.of("main", "feature/**", "refs/tags/v*", "main")).toJson());
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

    @Test
    void noActivatedRefMeansNobodyCanAssumeTheRole() {
        List<Map<String, Object>> statements = PolicyDocument.parse(
                GitHubDeployTrust.policy(PROVIDER, "acme/analytics", List.of()).toJson());
        assertEquals("Deny", statements.get(0).get("Effect"));
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
