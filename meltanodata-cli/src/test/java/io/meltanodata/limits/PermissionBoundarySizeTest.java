package io.meltanodata.limits;

import io.meltanodata.components.config.Patterns;
import io.meltanodata.components.limits.AwsLimit;
import io.meltanodata.components.limits.AwsLimits;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.meltanodata.testing.LayerHarness.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both permission boundaries fit IAM's managed policy size quota (6,144 characters, white space not
 * counted, not adjustable: IAM User Guide, "IAM and AWS STS quotas, name requirements, and character
 * limits", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html) for the longest
 * names every config accepts: a 16-character fabric in the longest region the region pattern admits
 * and a 20-character site; fabric, site and project at most 40 characters together
 * ({@code ProjectNamePrefix}), so the project boundary is rendered at each corner of that budget
 * (the longest site, the longest project, the longest site with the longest project it leaves room
 * for), by the real layer programs, each from its parent's outputs. {@code CreatePolicy} answers {@code LimitExceeded} past the quota, so a boundary
 * over it would fail the first {@code pulumi up} of every site or project.
 */
class PermissionBoundarySizeTest {
    static final AwsLimit QUOTA = AwsLimits.IAM_MANAGED_POLICY_SIZE;
    /** Fabric, site and project lengths: the longest site, the longest fabric and project, the longest project. */
    static final List<LongestNames> renderings = new ArrayList<>();

    @BeforeAll
    static void renderTheLongestNames(@TempDir Path dir) {
        assertTrue(Patterns.AWS_REGION.matcher(LongestNames.REGION).matches(), "the longest region the pattern admits");
        assertFalse(Patterns.AWS_REGION.matcher(LongestNames.REGION.replace("southeast", "southeastx")).matches(), "and no longer");
        assertFalse(Patterns.AWS_REGION.matcher(LongestNames.REGION + "0").matches(), "and no longer");
        for (int[] corner : LongestNames.CORNERS) {
            renderings.add(LongestNames.render(corner[0], corner[1], corner[2], dir));
        }
    }

    @Test
    void theSiteBoundaryFitsTheQuotaAtTheLongestNames() {
        LongestNames longest = renderings.get(0);
        String policy = boundary(longest.layers().get(1), "site-boundary");
        assertTrue(policy.contains("meltanodata-" + longest.fabric() + "-" + longest.site())
                && policy.contains(":" + LongestNames.REGION + ":"), "rendered with the longest names");
        assertWithinQuota("site boundary", policy);
    }

    @Test
    void theProjectBoundaryFitsTheQuotaAtEachCornerOfTheLongestNames() {
        for (LongestNames longest : renderings) {
            String policy = boundary(longest.layers().get(2), "project-boundary");
            assertTrue(policy.contains("meltanodata-" + longest.fabric() + "-" + longest.site() + "-" + longest.project() + "-*"),
                    "rendered with the longest names");
            assertWithinQuota("project boundary (" + longest.fabric().length() + "+" + longest.site().length() + "+"
                    + longest.project().length() + ")", policy);
        }
    }

    @Test
    void aBoundaryOverTheQuotaIsMeasuredAsIamMeasuresIt() {
        String padded = "{\"Version\": \"2012-10-17\",\n  \"Statement\": [\"" + "x".repeat(6_144 - 41) + "\"]}";
        assertEquals(6_144, QUOTA.sizeOf(padded), "white space is not counted");
        assertTrue(QUOTA.admits(padded));
        assertFalse(QUOTA.admits(padded.replace("\"x", "\"xx")));
        assertEquals("site boundary is 6145 characters, white space not counted; IAM accepts at most 6144 (IAM-POLICY-SIZE, "
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
}
