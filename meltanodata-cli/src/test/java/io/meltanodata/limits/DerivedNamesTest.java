package io.meltanodata.limits;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.environments.ActivatedEnvironmentConfig;
import io.meltanodata.projects.HostedProjectConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 item 7: every name Layers 3 and 4 derive fits, and keeps the prefix the project's policies
 * match, for the longest names the config accepts; what cannot is refused at config time.
 * <ul>
 *   <li>Amazon S3 User Guide, "General purpose bucket naming rules",
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html: 3 to 63 characters.</li>
 *   <li>IAM User Guide, "IAM and AWS STS quotas, name requirements, and character limits",
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html: role names 64.</li>
 *   <li>Kubernetes documentation, "CronJob", https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/:
 *       "the name must be no longer than 52 characters".</li>
 * </ul>
 */
class DerivedNamesTest {
    static final String FABRIC = LongestNames.name('f', 16);
    static final String SITE = LongestNames.name('s', 20);
    static LongestNames longest;

    @BeforeAll
    static void render(@TempDir Path dir) {
        longest = LongestNames.render(16, 20, 4, dir);
    }

    @Test
    void aProjectWhoseNamesLeaveNoRoomForItsPrefixIsRefusedWithOneLineNamingTheKeys(@TempDir Path dir) {
        String project = LongestNames.name('p', 30);
        MapConfigSource source = new MapConfigSource("Pulumi." + SITE + "." + project + ".yaml",
                LongestNames.projectConfig(FABRIC, "organization/meltanodata-site-instance/" + SITE), Set.of(),
                LongestNames.meltanoProject(dir).getParent());
        UserInputException error = assertThrows(UserInputException.class,
                () -> HostedProjectConfig.load(source, SITE + "." + project));
        assertEquals("Pulumi." + SITE + "." + project + ".yaml: config keys 'meltanodata:fabric' ('" + FABRIC
                + "'), 'meltanodata:siteStack' (site '" + SITE + "') and 'meltanodata:project' ('" + project + "') are 66 "
                + "characters together; allowed: at most 40 together, so that an environment's artifacts bucket "
                + "(meltanodata-<fabric>-<site>-<project>-..., at most 63 characters in S3) keeps the prefix the project's "
                + "policies match", error.getMessage());
    }

    @Test
    void anEnvironmentOfSuchAProjectIsRefusedToo() {
        String project = LongestNames.name('p', 5);
        MapConfigSource source = MapConfigSource.of("Pulumi.x.yaml",
                LongestNames.environmentConfig(FABRIC, "organization/meltanodata-hosted-project/" + SITE + "." + project));
        UserInputException error = assertThrows(UserInputException.class, () -> ActivatedEnvironmentConfig.load(source, "x"));
        assertEquals("Pulumi.x.yaml: config keys 'meltanodata:fabric' ('" + FABRIC + "') and 'meltanodata:projectStack' "
                + "(site '" + SITE + "', project '" + project + "') are 41 characters together; allowed: at most 40 together, "
                + "so that an environment's artifacts bucket (meltanodata-<fabric>-<site>-<project>-..., at most 63 characters "
                + "in S3) keeps the prefix the project's policies match", error.getMessage());
    }

    @Test
    void theArtifactsBucketKeepsThePrefixTheProjectBoundaryMatches() {
        String bucket = input(one(longest.environment(), "aws:s3/bucketV2:BucketV2"), "bucket");
        String prefix = "meltanodata-" + FABRIC + "-" + SITE + "-" + longest.project() + "-";
        assertEquals(55, prefix.length());
        assertTrue(bucket.startsWith(prefix) && bucket.length() <= 63, bucket);
        String boundary = input(longest.layers().get(2).ofType("aws:iam/policy:Policy").stream()
                .filter(p -> p.name().equals("project-boundary")).findFirst().orElseThrow(), "policy");
        assertTrue(boundary.contains("arn:aws:s3:::" + prefix + "*"), "the boundary matches that prefix");
    }

    @Test
    void theEnvironmentsRoleAndBudgetKeepTheirPrefixes() {
        String role = input(one(longest.environment(), "aws:iam/role:Role"), "name");
        assertTrue(role.startsWith(FABRIC + "-" + SITE + "-" + longest.project() + "-") && role.length() <= 64, role);
        String budget = input(one(longest.environment(), "aws:budgets/budget:Budget"), "name");
        assertTrue(budget.startsWith("meltanodata-" + FABRIC + "-" + SITE + "-" + longest.project() + "-") && budget.length() <= 100,
                budget);
        String deployRole = longest.layers().get(2).ofType("aws:iam/role:Role").stream().map(r -> (String) input(r, "name"))
                .filter(n -> n.endsWith("-deploy")).findFirst().orElseThrow();
        assertEquals(FABRIC + "-" + SITE + "-" + longest.project() + "-deploy", deployRole);
    }

    /**
     * ECR takes a repository name part of 1 or 2 characters, but {@code Names.of} gives such a part a
     * hash: the site's and the project's boundaries name the repository the project creates, not the
     * plain {@code <fabric>/<site>/<project>} (IamMatrixIT found the deploy role denied ecr:PutImage).
     */
    @Test
    void thePoliciesNameTheRepositoryTheProjectCreatesWhenTheFabricOrSiteIsShorterThanThree(@TempDir Path dir) {
        for (int[] corner : java.util.Arrays.stream(LongestNames.CORNERS).filter(c -> c[0] < 3 || c[1] < 3).toList()) {
            LongestNames names = LongestNames.render(corner[0], corner[1], corner[2], dir);
            String repository = input(one(names.layers().get(2), "aws:ecr/repository:Repository"), "name");
            assertTrue(!repository.startsWith(names.fabric() + "/" + names.site() + "/") && repository.endsWith("/" + names.project()),
                    repository);
            String boundary = input(names.layers().get(2).ofType("aws:iam/policy:Policy").stream()
                    .filter(p -> p.name().equals("project-boundary")).findFirst().orElseThrow(), "policy");
            assertTrue(boundary.contains(":repository/" + repository + "\""), boundary);
            String namespace = repository.substring(0, repository.lastIndexOf('/'));
            String siteBoundary = input(names.layers().get(1).ofType("aws:iam/policy:Policy").stream()
                    .filter(p -> p.name().equals("site-boundary")).findFirst().orElseThrow(), "policy");
            assertTrue(siteBoundary.contains(":repository/" + namespace + "/*\""), siteBoundary);
        }
    }

    @Test
    void cronJobNamesFitKubernetes52Characters() {
        List<String> names = longest.environment().ofType("kubernetes:batch/v1:CronJob").stream()
                .map(r -> (String) input(r, "metadata.name")).toList();
        assertEquals(2, names.size());
        assertEquals(2, Set.copyOf(names).size(), "two schedules sharing 126 characters still get two names");
        names.forEach(n -> assertTrue(n.length() <= 52 && n.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"), n));
    }

}
