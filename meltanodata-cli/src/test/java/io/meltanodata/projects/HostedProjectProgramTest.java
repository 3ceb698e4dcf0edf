package io.meltanodata.projects;

import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.components.config.StackFile;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.preview.Rendering;
import io.meltanodata.siteinstances.SiteInstanceOutputs;
import io.meltanodata.testing.StackFiles;
import io.meltanodata.testing.Topology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Layer 3 as deployed: the example stack file, on the real site acme, on the real fabric dev. */
class HostedProjectProgramTest {
    static final Path STACK_FILE = Path.of("..", "deployments", "03_projects", "Pulumi.acme.analytics.yaml");
    static Rendering analytics;

    static Map<String, String> exampleConfig() {
        return StackFiles.values(STACK_FILE);
    }

    static MapConfigSource source(Map<String, String> values) {
        return new MapConfigSource("Pulumi.acme.analytics.yaml", values, Set.of(), STACK_FILE.toAbsolutePath().getParent());
    }

    @BeforeAll
    static void render() {
        HostedProjectConfig config = HostedProjectConfig.load(StackFile.read(STACK_FILE), "acme.analytics");
        analytics = Topology.projectHarness("acme.analytics").render(ctx -> HostedProjectProgram.run(ctx, config));
    }

    @Test
    void exportsItsOwnContractPlusTheSitesForLayerFour() {
        Set<String> expected = new TreeSet<>(HostedProjectOutputs.OWN_NAMES);
        expected.addAll(SiteInstanceOutputs.NAMES);
        assertEquals(expected, new TreeSet<>(analytics.outputs().keySet()));
        assertEquals(List.of("dev", "prod", "staging"), analytics.outputs().get("environments"));
        assertEquals(List.of("events-report:serve"), analytics.outputs().get("services"),
                "evidence:serve needs Node.js, which the platform image lacks");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> schedules = (List<Map<String, Object>>) analytics.outputs().get("schedules");
        assertEquals(Map.of("name", "github-hourly", "cron", "0 * * * *", "manual", false,
                "command", "meltano schedule run github-hourly", "job", "github-to-snowflake", "broken", ""), schedules.get(1));
        assertEquals("acme", analytics.outputs().get("site"));
        assertEquals("dev", analytics.outputs().get("fabricName"));
    }

    @Test
    void theDeployRoleTrustsExactlyTheActivatedRulesRefs() {
        Map<String, Object> trust = PolicyDocument.parse(input(one(analytics, "aws:iam/role:Role"), "assumeRolePolicy")).get(0);
        assertEquals(Map.of("token.actions.githubusercontent.com:sub", List.of(
                        "repo:acme/analytics:ref:refs/heads/main", "repo:acme/analytics:ref:refs/tags/v*",
                        "repo:acme/analytics:ref:refs/heads/feature/*")),
                ((Map<?, ?>) trust.get("Condition")).get("StringLike"), "exp/** is not activated, so not trusted");
        assertEquals(analytics.outputs().get("projectBoundaryArn"), input(one(analytics, "aws:iam/role:Role"), "permissionsBoundary"));
        assertEquals("arn:aws:iam::123456789012:policy/meltanodata/dev/acme/dev-acme-analytics-boundary", analytics.outputs().get("projectBoundaryArn"));
        assertEquals("/meltanodata/dev/acme/", input(one(analytics, "aws:iam/role:Role"), "path"));
    }

    @Test
    void resourcesAreEncryptedWithTheSitesKey() {
        String key = (String) Topology.acmeOutputs().get("keyArn");
        assertEquals(key, input(one(analytics, "aws:ecr/repository:Repository"), "encryptionConfigurations[0].kmsKey"));
        analytics.ofType("aws:secretsmanager/secret:Secret").forEach(s -> assertEquals(key, input(s, "kmsKeyId")));
        assertEquals("dev/acme/analytics", input(one(analytics, "aws:ecr/repository:Repository"), "name"));
    }

    @Test
    void aFabricThatDisagreesWithTheSiteFailsTheDeploy() {
        Map<String, String> values = exampleConfig();
        values.put("meltanodata:fabric", "prod");
        HostedProjectConfig config = HostedProjectConfig.load(source(values), "acme.analytics");
        RuntimeException error = Topology.projectHarness("acme.analytics")
                .renderFailing(ctx -> HostedProjectProgram.run(ctx, config));
        assertEquals("Pulumi.acme.analytics.yaml: config key 'meltanodata:fabric' has value 'prod'; allowed: 'dev', "
                + "the fabric site stack organization/meltanodata-site-instance/acme runs on", error.getMessage());
    }

    static Map<String, String> with(String key, String value) {
        return StackFiles.with(STACK_FILE, key, value);
    }

    static Stream<Arguments> badConfigs() {
        String p = "Pulumi.acme.analytics.yaml: ";
        return Stream.of(
                arguments(with("meltanodata:siteStack", "acme"), p + "config key 'meltanodata:siteStack' has value 'acme'; allowed: the site's fully qualified stack name, <org>/meltanodata-site-instance/<site>"),
                arguments(with("meltanodata:fabric", "Dev"), p + "config key 'meltanodata:fabric' has value 'Dev'; allowed: the site's fabric (its Layer 1 stack name, e.g. prod)"),
                arguments(with("meltanodata:repository", "acme"), p + "config key 'meltanodata:repository' has value 'acme'; allowed: a GitHub repository as owner/name (letters, digits, '-', '.', '_')"),
                arguments(with("meltanodata:meltanoProject", null), p + "config key 'meltanodata:meltanoProject' is required; expected the path of the Meltano project (the directory holding meltano.yml), relative to this stack file"),
                arguments(with("meltanodata:meltanoProject", "../../docs"), p + "config key 'meltanodata:meltanoProject' ('../../docs'): " + STACK_FILE.toAbsolutePath().getParent().resolve("../../docs").normalize() + ": no meltano.yml here; expected a Meltano project root"),
                arguments(with("meltanodata:branchRules", "[{\"name\":\"qa\",\"ref\":\"qa\",\"environment\":\"qa\"}]"), p + "config key 'meltanodata:branchRules' rule 1 ('qa'): environment 'qa' is not defined in meltano.yml; environments: [dev, prod, staging]"),
                arguments(with("meltanodata:branchRules", "[{\"name\":\"a\",\"ref\":\"**\",\"environment\":\"dev\"},{\"name\":\"b\",\"ref\":\"main\",\"environment\":\"prod\"}]"), p + "config key 'meltanodata:branchRules' rule 2 ('b'): unreachable: every ref matching 'main' already matches rule 1 ('a', '**')"),
                arguments(with("meltanodata:secrets", "[\"tap token\"]"), p + "config key 'meltanodata:secrets' has value 'tap token'; allowed: environment-variable style names such as TAP_GITHUB_AUTH_TOKEN"),
                // the platform image has Python only; Evidence's extension runs Evidence with Node.js
                arguments(with("meltanodata:branchRules", "[{\"name\":\"production\",\"ref\":\"main\",\"environment\":\"prod\",\"services\":[\"service:evidence:serve\"]}]"), p + "config key 'meltanodata:branchRules' rule 1 ('production'): service 'evidence:serve' cannot run: plugin 'evidence' (pip_url evidence-ext) needs Node.js, which the platform image (deployments/04_environments/image/Dockerfile) does not have"),
                arguments(with("meltanodata:keepImages", "0"), p + "config key 'meltanodata:keepImages' has value '0'; allowed: a whole number from 1 to 1000"),
                arguments(with("meltanodata:defaultBranch", "refs/heads/main"), p + "config key 'meltanodata:defaultBranch' has value 'refs/heads/main'; allowed: the repository's default branch (e.g. main): a bare branch name, not a full ref"),
                arguments(with("meltanodata:project", "group"), p + "config key 'meltanodata:project' has value 'group'; allowed: a name the site's own roles and boundary do not use (not admin, boundary, group, workload)"),
                arguments(with("meltanodata:project", "Analytics!"), p + "config key 'meltanodata:project' has value 'Analytics!'; allowed: 1-30 lowercase letters and digits, starting with a letter (default: the stack name after '<site>.')"),
                arguments(with("meltanodata:branchrules", "[]"), p + "unknown config key 'meltanodata:branchrules'; known keys: meltanodata:branchRules, meltanodata:defaultBranch, meltanodata:fabric, meltanodata:keepImages, meltanodata:meltanoProject, meltanodata:project, meltanodata:repository, meltanodata:secrets, meltanodata:siteStack"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badValueFailsWithItsOwnMessageAndNothingIsCreated(Map<String, String> values, String message) {
        RuntimeException error = Topology.projectHarness("acme.analytics").renderFailing(ctx ->
                HostedProjectProgram.run(ctx, HostedProjectConfig.load(source(values), "acme.analytics")));
        assertEquals(message, error.getMessage());
    }

    @Test
    void theProjectNameDefaultsToTheStackNameAfterTheSite() {
        assertEquals("analytics", HostedProjectConfig.load(source(exampleConfig()), "acme.analytics").project());
        assertTrue(HostedProjectConfig.load(source(exampleConfig()), "acme.analytics").spec().activatedRefPatterns()
                .containsAll(List.of("main", "feature/**")));
    }
}
