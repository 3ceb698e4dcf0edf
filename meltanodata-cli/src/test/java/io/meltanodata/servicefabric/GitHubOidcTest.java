package io.meltanodata.servicefabric;

import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.projects.HostedProjectProgram;
import io.meltanodata.siteinstances.SiteInstanceConfig;
import io.meltanodata.siteinstances.SiteInstanceProgram;
import io.meltanodata.testing.LayerHarness;
import io.meltanodata.testing.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.meltanodata.servicefabric.FabricFixtures.render;
import static io.meltanodata.servicefabric.FabricFixtures.validConfig;
import static io.meltanodata.servicefabric.FabricFixtures.with;
import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One GitHub Actions OIDC provider per account. IAM API Reference, CreateOpenIDConnectProvider
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html): "You
 * cannot register the same provider multiple times in a single Amazon Web Services account. If you
 * try to submit a URL that has already been used for an OpenID Connect provider in the Amazon Web
 * Services account, you will get an error" (EntityAlreadyExists); IAM User Guide, "Create an OpenID
 * Connect (OIDC) identity provider in IAM"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html). So the
 * second fabric of an account names the first one's provider instead of creating its own.
 */
class GitHubOidcTest {
    static final String NAMED = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
    static final String TYPE = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";

    static List<RecordedResource> githubProviders(Rendering fabric) {
        return fabric.ofType(TYPE).stream()
                .filter(p -> "https://token.actions.githubusercontent.com".equals(p.inputs().get("url"))).toList();
    }

    @Test
    void aFabricWhoseConfigNamesNoProviderCreatesTheAccountsOne() {
        Rendering fabric = render(validConfig());
        List<RecordedResource> github = githubProviders(fabric);
        assertEquals(1, github.size());
        assertEquals(List.of("sts.amazonaws.com"), input(github.get(0), "clientIdLists"));
        assertEquals("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
                fabric.outputs().get("githubOidcProviderArn"));
    }

    @Test
    void aFabricNamingTheAccountsProviderCreatesNoneAndExportsTheNamedOne() {
        Rendering fabric = render(with("meltanodata:githubOidcProviderArn", NAMED));
        assertEquals(List.of(), githubProviders(fabric));
        assertEquals(1, fabric.ofType(TYPE).size(), "the cluster's own OIDC provider (IRSA) stays");
        assertEquals(NAMED, fabric.outputs().get("githubOidcProviderArn"));
    }

    /** The contract still carries the ARN down to Layer 3, whose deploy role trusts it. */
    @Test
    void theProjectDeployRoleTrustsTheNamedProvider() {
        ServiceFabricConfig dev = ServiceFabricConfig.load(MapConfigSource.of("Pulumi.dev.yaml",
                with("meltanodata:githubOidcProviderArn", NAMED)), "dev");
        Map<String, Object> fabric = LayerHarness.stack(ServiceFabricProgram.PROJECT, "dev")
                .render(ctx -> ServiceFabricProgram.run(ctx, dev)).outputs();
        SiteInstanceConfig acme = SiteInstanceConfig.load(MapConfigSource.of("Pulumi.acme.yaml", Topology.siteConfig()), "acme");
        Map<String, Object> site = LayerHarness.stack(SiteInstanceProgram.PROJECT, "acme")
                .parentStack(Topology.FABRIC_STACK, fabric)
                .render(ctx -> SiteInstanceProgram.run(ctx, acme)).outputs();
        assertEquals(NAMED, site.get("githubOidcProviderArn"));
        HostedProjectConfig analytics = HostedProjectConfig.load(io.meltanodata.components.config.StackFile.read(
                Path.of("..", "deployments", "03_projects", "Pulumi.acme.analytics.yaml")), "acme.analytics");
        Rendering project = LayerHarness.stack("meltanodata-hosted-project", "acme.analytics")
                .parentStack(Topology.SITE_STACK, site)
                .render(ctx -> HostedProjectProgram.run(ctx, analytics));
        Map<String, Object> trust = PolicyDocument.parse(input(one(project, "aws:iam/role:Role"), "assumeRolePolicy")).get(0);
        assertEquals(Map.of("Federated", NAMED), trust.get("Principal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
            "arn:aws:iam::1111:oidc-provider/token.actions.githubusercontent.com",
            "arn:aws:iam::111122223333:role/token.actions.githubusercontent.com",
            "token.actions.githubusercontent.com"})
    void anythingButTheGitHubProvidersArnFailsWithOneLineBeforeAnyResource(String arn) {
        RuntimeException error = LayerHarness.stack(ServiceFabricProgram.PROJECT, "test").renderFailing(ctx ->
                ServiceFabricProgram.run(ctx, ServiceFabricConfig.load(FabricFixtures.source(
                        with("meltanodata:githubOidcProviderArn", arn)), "test")));
        assertEquals("Pulumi.test.yaml: config key 'meltanodata:githubOidcProviderArn' has value '" + arn
                + "'; allowed: the ARN of the account's existing GitHub Actions OIDC provider, "
                + "arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com (leave it unset and this "
                + "fabric creates it: one per account)", error.getMessage());
    }
}
