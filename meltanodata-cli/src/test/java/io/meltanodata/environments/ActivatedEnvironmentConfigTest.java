package io.meltanodata.environments;

import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.testing.StackFiles;
import io.meltanodata.testing.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ActivatedEnvironmentConfigTest {
    static final String STACK = ActivatedEnvironmentTest.MAIN;
    static final String P = "Pulumi." + STACK + ".yaml: ";

    static Map<String, String> with(String key, String value) {
        return StackFiles.with(ActivatedEnvironmentTest.DIR.resolve("Pulumi." + STACK + ".yaml"), key, value);
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                arguments(with("meltanodata:projectStack", "acme.analytics"), P + "config key 'meltanodata:projectStack' has value 'acme.analytics'; allowed: the project's fully qualified stack name, <org>/meltanodata-hosted-project/<site>.<project>"),
                arguments(with("meltanodata:ref", "bad..ref"), "Pulumi.acme.analytics.prod.main.yaml: config key 'meltanodata:ref': git ref 'bad..ref' is not valid; expected no '..', '@{', '//' and not '@' (git check-ref-format)"),
                arguments(with("meltanodata:ref", null), P + "config key 'meltanodata:ref' is required; expected the git ref this environment runs (refs/heads/main, feature/x)"),
                arguments(with("meltanodata:environment", "../prod"), P + "config key 'meltanodata:environment' has value '../prod'; allowed: a Meltano environment name of the project"),
                arguments(with("meltanodata:schedules", "[\"rm -rf /\"]"), P + "config key 'meltanodata:schedules' has value 'rm -rf /'; allowed: schedule names of the project's meltano.yml"),
                arguments(with("meltanodata:services", "[\"evidence\"]"), P + "config key 'meltanodata:services' has value 'evidence'; allowed: <plugin>:<command> of the project's meltano.yml"),
                arguments(with("meltanodata:ttl", "forever"), P + "config key 'meltanodata:ttl': ttl 'forever' is not a positive duration; allowed: 12h, 7d, 2w or ISO-8601 such as P7D or PT36H"),
                arguments(with("meltanodata:archiveStorageClass", "STANDARD"), P + "config key 'meltanodata:archiveStorageClass' has value 'STANDARD'; allowed: one of GLACIER_IR, GLACIER, DEEP_ARCHIVE"),
                arguments(with("meltanodata:archiveRetentionDays", "20"), P + "config key 'meltanodata:archiveRetentionDays' has value '20'; allowed: more days than archiveAfterDays (30)"),
                arguments(with("meltanodata:quota", "{\"cpu\":\"lots\",\"memory\":\"1Gi\",\"pods\":1,\"podCpu\":\"1\",\"podMemory\":\"1Gi\"}"), P + "config key 'meltanodata:quota': cpu 'lots' is not CPU such as 4 or 500m"),
                arguments(with("meltanodata:monthlyBudgetUsd", "0"), P + "config key 'meltanodata:monthlyBudgetUsd' has value '0'; allowed: a whole number from 1 to 1000000"),
                arguments(with("meltanodata:schedule", "[]"), P + "unknown config key 'meltanodata:schedule'; known keys: meltanodata:activatedAt, meltanodata:archiveAfterDays, meltanodata:archiveOnDispose, meltanodata:archiveRetentionDays, meltanodata:archiveStorageClass, meltanodata:environment, meltanodata:fabric, meltanodata:imageDigest, meltanodata:monthlyBudgetUsd, meltanodata:projectStack, meltanodata:quota, meltanodata:ref, meltanodata:runDeadlineMinutes, meltanodata:schedules, meltanodata:servicePort, meltanodata:services, meltanodata:ttl"),
                // a tag (mutable) or a short digest is not the build the workflow pushed
                arguments(with("meltanodata:imageDigest", "main"), P + "config key 'meltanodata:imageDigest' has value 'main'; allowed: the digest of the image the workflow pushed for this ref, sha256:<64 lowercase hex digits>"),
                arguments(with("meltanodata:imageDigest", "sha256:4f4f"), P + "config key 'meltanodata:imageDigest' has value 'sha256:4f4f'; allowed: the digest of the image the workflow pushed for this ref, sha256:<64 lowercase hex digits>"),
                arguments(with("meltanodata:imageDigest", null), P + "config key 'meltanodata:imageDigest' is required; expected the digest of the image the workflow pushed for this ref, sha256:<64 lowercase hex digits>"),
                // an archived bucket outlives the stack: without the activation the next one could not be created
                arguments(with("meltanodata:activatedAt", null), P + "config key 'meltanodata:activatedAt' is required; expected the UTC instant env up activated this stack, such as 2026-12-03T11:25:00Z"),
                arguments(with("meltanodata:activatedAt", "2026-13-01T00:00:00Z"), P + "config key 'meltanodata:activatedAt' has value '2026-13-01T00:00:00Z'; allowed: the UTC instant env up activated this stack, such as 2026-12-03T11:25:00Z"),
                arguments(with("meltanodata:activatedAt", "yesterday"), P + "config key 'meltanodata:activatedAt' has value 'yesterday'; allowed: the UTC instant env up activated this stack, such as 2026-12-03T11:25:00Z"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badValueFailsWithItsOwnMessageAndNothingIsCreated(Map<String, String> values, String message) {
        RuntimeException error = Topology.environmentHarness(STACK, Topology.analyticsOutputs()).renderFailing(ctx ->
                ActivatedEnvironmentProgram.run(ctx, ActivatedEnvironmentConfig.load(MapConfigSource.of("Pulumi." + STACK + ".yaml", values), STACK)));
        assertEquals(message, error.getMessage());
    }

    /**
     * A job log stream is the environment's prefix and a pod's name (at most 253 characters, a DNS
     * subdomain); CloudWatch Logs takes stream names of 1 to 512 characters without {@code :} or
     * {@code *} (CloudWatch Logs API Reference, "CreateLogStream",
     * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogStream.html).
     */
    @Test
    void theJobLogStreamNamesFitCloudWatchAtTheLongestNamesTheConfigAccepts() {
        // Fabric "dev", site and project at 40 characters together, the most ProjectNamePrefix allows.
        String site = "s" + "9".repeat(19);
        String project = "p" + "9".repeat(16);
        Map<String, String> values = with("meltanodata:projectStack", "my-org/meltanodata-hosted-project/" + site + "." + project);
        values.put("meltanodata:environment", "E" + "x".repeat(62));
        values.put("meltanodata:ref", "refs/heads/feature/" + "a".repeat(200));
        ActivatedEnvironmentConfig config = ActivatedEnvironmentConfig.load(MapConfigSource.of("x", values), STACK);
        String prefix = config.jobLogStreamPrefix();
        assertEquals(site + "/" + project + "/e" + "x".repeat(62) + "/" + config.refSlug() + "/", prefix);
        assertEquals(167, prefix.length(), "20 + 17 + 63 + 63 characters and four slashes");
        assertTrue(prefix.length() + 253 <= 512, "with the longest pod name");
        assertFalse(prefix.contains(":") || prefix.contains("*"), prefix);
        assertEquals("acme/analytics/prod/main/", ActivatedEnvironmentConfig.load(MapConfigSource.of("x", with("meltanodata:ttl", null)), STACK)
                .jobLogStreamPrefix());
    }

    @Test
    void namesAreDerivedFromSiteProjectEnvironmentAndRef() {
        ActivatedEnvironmentConfig config = ActivatedEnvironmentConfig.load(MapConfigSource.of("x", with("meltanodata:ref", "refs/tags/v1.2")), STACK);
        assertEquals("tag-v1.2", config.refSlug());
        assertEquals("projects/analytics/environments/prod/tag-v1.2/", config.dataPrefix());
        assertEquals("acme-analytics-prod-tag-v1-2-" + config.namespace().substring(config.namespace().length() - 8), config.namespace());
    }
}
