package io.meltanodata.limits;

import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.components.config.Patterns;
import io.meltanodata.components.limits.AwsLimit;
import io.meltanodata.components.limits.AwsLimits;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.projects.HostedProjectProgram;
import io.meltanodata.servicefabric.ServiceFabricConfig;
import io.meltanodata.servicefabric.ServiceFabricProgram;
import io.meltanodata.siteinstances.SiteInstanceConfig;
import io.meltanodata.siteinstances.SiteInstanceProgram;
import io.meltanodata.testing.LayerHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both permission boundaries fit IAM's managed policy size quota (6,144 characters, white space not
 * counted, not adjustable: IAM User Guide, "IAM and AWS STS quotas, name requirements, and character
 * limits", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html) for the longest
 * names every config accepts: a 16-character fabric in the longest region the region pattern admits,
 * a 20-character site and a 30-character project, rendered by the real layer programs, each from its
 * parent's outputs. {@code CreatePolicy} answers {@code LimitExceeded} past the quota, so a boundary
 * over it would fail the first {@code pulumi up} of every site or project.
 */
class PermissionBoundarySizeTest {
    static final String FABRIC = "f234567890abcdef";
    static final String SITE = "s234567890abcdefghij";
    static final String PROJECT = "p234567890abcdefghij0123456789";
    static final String REGION = "us-gov-southeast-10";
    static final AwsLimit QUOTA = AwsLimits.IAM_MANAGED_POLICY_SIZE;
    static Rendering site;
    static Rendering project;

    @BeforeAll
    static void renderTheLongestNames() {
        assertTrue(ServiceFabricConfigPatterns.FABRIC.matcher(FABRIC).matches() && FABRIC.length() == 16);
        assertTrue(Patterns.AWS_REGION.matcher(REGION).matches(), "the longest region the pattern admits");
        assertFalse(Patterns.AWS_REGION.matcher(REGION.replace("southeast", "southeastx")).matches(), "and no longer");
        assertFalse(Patterns.AWS_REGION.matcher(REGION + "0").matches(), "and no longer");

        ServiceFabricConfig fabricConfig = ServiceFabricConfig.load(MapConfigSource.of("Pulumi." + FABRIC + ".yaml", Map.of(
                "aws:region", REGION,
                "meltanodata:platformAdmins", "[\"arn:aws:iam::111122223333:role/PlatformAdmin\"]",
                "meltanodata:apiImage", "ghcr.io/meltanodata/api:0.1.0")), FABRIC);
        String fabricStack = "organization/meltanodata-service-fabric/" + FABRIC;
        Map<String, Object> fabricOutputs = LayerHarness.stack(ServiceFabricProgram.PROJECT, FABRIC).region(REGION)
                .render(ctx -> ServiceFabricProgram.run(ctx, fabricConfig)).outputs();

        SiteInstanceConfig siteConfig = SiteInstanceConfig.load(MapConfigSource.of("Pulumi." + SITE + ".yaml", Map.of(
                "aws:region", REGION, "meltanodata:fabricStack", fabricStack)), SITE);
        site = LayerHarness.stack(SiteInstanceProgram.PROJECT, SITE).region(REGION).parentStack(fabricStack, fabricOutputs)
                .render(ctx -> SiteInstanceProgram.run(ctx, siteConfig));

        String siteStack = "organization/meltanodata-site-instance/" + SITE;
        String projectStack = SITE + "." + PROJECT;
        HostedProjectConfig projectConfig = HostedProjectConfig.load(new MapConfigSource("Pulumi." + projectStack + ".yaml", Map.of(
                "aws:region", REGION,
                "meltanodata:siteStack", siteStack,
                "meltanodata:fabric", FABRIC,
                "meltanodata:repository", "acme/analytics",
                "meltanodata:meltanoProject", "../../examples/meltano-project",
                "meltanodata:branchRules", "[{\"name\":\"production\",\"ref\":\"main\",\"environment\":\"prod\"}]"),
                Set.of(), Path.of("..", "deployments", "03_projects")), projectStack);
        project = LayerHarness.stack("meltanodata-hosted-project", projectStack).region(REGION)
                .parentStack(siteStack, site.outputs())
                .render(ctx -> HostedProjectProgram.run(ctx, projectConfig));
    }

    @Test
    void theSiteBoundaryFitsTheQuotaAtTheLongestNames() {
        String policy = boundary(site, "site-boundary");
        assertTrue(policy.contains("meltanodata-" + FABRIC + "-" + SITE) && policy.contains(":" + REGION + ":"),
                "rendered with the longest names");
        assertWithinQuota("site boundary", policy);
    }

    @Test
    void theProjectBoundaryFitsTheQuotaAtTheLongestNames() {
        String policy = boundary(project, "project-boundary");
        assertTrue(policy.contains("meltanodata-" + FABRIC + "-" + SITE + "-" + PROJECT + "-*"), "rendered with the longest names");
        assertWithinQuota("project boundary", policy);
    }

    @Test
    void aBoundaryOverTheQuotaIsMeasuredAsIamMeasuresIt() {
        String padded = "{\"Version\": \"2012-10-17\",\n  \"Statement\": [\"" + "x".repeat(6_144 - 41) + "\"]}";
        assertEquals(6_144, QUOTA.sizeOf(padded), "white space is not counted");
        assertTrue(QUOTA.admits(padded));
        assertFalse(QUOTA.admits(padded.replace("\"x", "\"xx")));
        assertEquals("site boundary is 6145 characters, white space not counted; AWS accepts at most 6144 (IAM-POLICY-SIZE, "
                + QUOTA.source() + ")", QUOTA.breach("site boundary", padded.replace("\"x", "\"xx")));
    }

    private static String boundary(Rendering rendering, String name) {
        RecordedResource policy = rendering.ofType("aws:iam/policy:Policy").stream().filter(r -> r.name().equals(name))
                .findFirst().orElseThrow();
        return input(policy, "policy");
    }

    private static void assertWithinQuota(String what, String policy) {
        int size = QUOTA.sizeOf(policy);
        // The headroom the closing note reports; a change that eats most of it shows here first.
        System.out.printf("%s at the longest names: %d of %d characters (%d to spare)%n", what, size, QUOTA.max(), QUOTA.max() - size);
        assertTrue(QUOTA.admits(policy), QUOTA.breach(what, policy));
    }

    /** The fabric name's pattern, as {@code ServiceFabricConfig} states it. */
    static final class ServiceFabricConfigPatterns {
        static final java.util.regex.Pattern FABRIC = java.util.regex.Pattern.compile("[a-z][a-z0-9]{0,15}");
    }
}
