package io.meltanodata.projects;

import com.pulumi.core.Output;
import io.meltanodata.components.Json;
import io.meltanodata.components.chargeback.ChargeBackTransformation;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.LayerHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostedProjectTest {
    static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/acme-key";
    static final String BOUNDARY = "arn:aws:iam::123456789012:policy/acme-boundary";
    static final String GITHUB = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    static final String CLUSTER = "arn:aws:eks:eu-west-1:123456789012:cluster/prod";

    static final ProjectSpec SPEC = new ProjectSpec("prod", "acme", "analytics", "acme/analytics",
            List.of("main", "feature/**"), List.of("TAP_GITHUB_AUTH_TOKEN", "TARGET_SNOWFLAKE_PASSWORD"), 25, "main");

    static Rendering render() {
        return LayerHarness.stack("meltanodata-hosted-project", "acme.analytics").render(ctx -> new HostedProject(
                "analytics", SPEC, new SiteContext(Output.of("123456789012"), Output.of("eu-west-1"),
                Output.of("prod"), Output.of("acme"), Output.of(KEY), Output.of("meltanodata-prod-acme"), Output.of(BOUNDARY),
                Output.of(GITHUB), Output.of("prod"), Output.of(CLUSTER), Output.of("/meltanodata/prod/jobs")),
                Output.of(List.of())));
    }

    /**
     * ECR User Guide, "Preventing image tags from being overwritten in Amazon ECR"
     * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html): with IMMUTABLE
     * a push of a tag that exists fails. Each build gets a tag of its own and Layer 4 runs it by digest.
     */
    @Test
    void registryIsScannedImmutableEncryptedWithTheSiteKeyAndRetained() {
        RecordedResource repo = one(render(), "aws:ecr/repository:Repository");
        assertEquals("prod/acme/analytics", input(repo, "name"));
        assertEquals("IMMUTABLE", input(repo, "imageTagMutability"), "a tag always means one image");
        assertEquals(true, input(repo, "imageScanningConfiguration.scanOnPush"));
        assertEquals(Map.of("encryptionType", "KMS", "kmsKey", KEY), input(repo, "encryptionConfigurations[0]"));
        assertEquals(false, input(repo, "forceDelete"));
        assertTrue(repo.retainOnDelete(), "images outlive the stack");
    }

    /**
     * ECR User Guide, "Lifecycle policy properties" and "Examples of lifecycle policies"
     * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html,
     * https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html): a rule of
     * tagStatus any counts every image, so thirty pushes of feature branches would expire the build
     * prod runs. Only untagged images and the builds the workflow retired (tagPrefixList retired-)
     * are selected; the images live environments run carry no retired- tag and match no rule.
     */
    @Test
    void lifecycleExpiresOnlyUntaggedAndRetiredImages() throws Exception {
        RecordedResource lifecycle = one(render(), "aws:ecr/lifecyclePolicy:LifecyclePolicy");
        assertEquals("prod/acme/analytics", input(lifecycle, "repository"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) Json.mapper()
                .readValue((String) input(lifecycle, "policy"), Map.class).get("rules");
        assertEquals(Map.of("tagStatus", "tagged", "tagPrefixList", List.of("retired-"), "countType", "imageCountMoreThan",
                "countNumber", 25), rules.get(1).get("selection"));
        assertEquals(2, rules.size());
        rules.forEach(rule -> assertFalse("any".equals(((Map<?, ?>) rule.get("selection")).get("tagStatus")), rule.toString()));
        assertEquals(Map.of("tagStatus", "untagged", "countType", "sinceImagePushed", "countUnit", "days",
                "countNumber", 7), rules.get(0).get("selection"));
    }

    @Test
    void secretsAreEmptyContainersUnderTheProjectPathEncryptedWithTheSiteKey() {
        Rendering r = render();
        List<RecordedResource> secrets = r.ofType("aws:secretsmanager/secret:Secret");
        assertEquals(List.of("meltanodata/prod/acme/analytics/TAP_GITHUB_AUTH_TOKEN",
                "meltanodata/prod/acme/analytics/TARGET_SNOWFLAKE_PASSWORD"), secrets.stream().map(s -> input(s, "name")).toList());
        secrets.forEach(s -> {
            assertEquals(KEY, input(s, "kmsKeyId"));
            assertEquals(30, ((Number) input(s, "recoveryWindowInDays")).intValue());
            assertTrue(s.retainOnDelete());
        });
        assertTrue(r.ofType("aws:secretsmanager/secretVersion:SecretVersion").isEmpty(),
                "no secret value is ever written by the stack");
    }

    @Test
    void deployRoleIsCappedByTheBoundaryAndTrustsOnlyTheRepositorysActivatedRefs() {
        Rendering r = render();
        RecordedResource role = one(r, "aws:iam/role:Role");
        assertEquals("arn:aws:iam::123456789012:policy/meltanodata/prod/acme/prod-acme-analytics-boundary",
                input(role, "permissionsBoundary"), "the project boundary, not the site's");
        assertEquals(3600, ((Number) input(role, "maxSessionDuration")).intValue());
        Map<String, Object> trust = PolicyDocument.parse(input(role, "assumeRolePolicy")).get(0);
        assertEquals(Map.of("Federated", GITHUB), trust.get("Principal"));
        assertEquals(Map.of("token.actions.githubusercontent.com:sub", List.of(
                "repo:acme/analytics:ref:refs/heads/main", "repo:acme/analytics:ref:refs/heads/feature/*")),
                ((Map<?, ?>) trust.get("Condition")).get("StringLike"));
    }

    @Test
    void theDeployRoleDeploysOnlyThisProjectsEnvironments() {
        Rendering r = render();
        RecordedResource policy = r.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> p.name().equals("environment-deploy-policy")).findFirst().orElseThrow();
        Map<String, Map<String, Object>> bySid = new java.util.LinkedHashMap<>();
        PolicyDocument.parse(input(policy, "policy")).forEach(st -> bySid.put((String) st.get("Sid"), st));
        String roles = "arn:aws:iam::123456789012:role/meltanodata/prod/acme/prod-acme-analytics-*";
        assertEquals(List.of("arn:aws:s3:::meltanodata-prod-acme-analytics-*"), bySid.get("EnvironmentArtifactBuckets").get("Resource"));
        assertEquals(List.of(roles), bySid.get("CreateEnvironmentRolesUnderTheProjectBoundary").get("Resource"));
        assertEquals(Map.of("iam:PermissionsBoundary", "arn:aws:iam::123456789012:policy/meltanodata/prod/acme/prod-acme-analytics-boundary",
                        "aws:RequestTag/meltanodata:site", "acme", "aws:RequestTag/meltanodata:project", "analytics"),
                ((Map<?, ?>) bySid.get("CreateEnvironmentRolesUnderTheProjectBoundary").get("Condition")).get("StringEquals"));
        Map<String, Object> associations = bySid.get("ManageAndTagThisProjectsPodIdentityAssociations");
        assertEquals(List.of("eks:*PodIdentityAssociation", "eks:TagResource"), associations.get("Action"));
        assertEquals(List.of("arn:aws:eks:eu-west-1:123456789012:podidentityassociation/prod/*"), associations.get("Resource"),
                "never the cluster");
        assertEquals(Map.of(
                        "ForAllValues:StringLike", Map.of("aws:TagKeys", "meltanodata:*"),
                        "StringEquals", Map.of("aws:ResourceTag/meltanodata:project", "analytics", "aws:ResourceTag/meltanodata:site", "acme"),
                        "StringEqualsIfExists", Map.of("aws:RequestTag/meltanodata:project", "analytics",
                                "aws:RequestTag/meltanodata:site", "acme")),
                associations.get("Condition"), "only associations that already are this project's, tagged only as this project's");
        assertEquals(List.of("arn:aws:eks:eu-west-1:123456789012:cluster/prod"),
                bySid.get("CreateTaggedPodIdentityAssociations").get("Resource"));
        assertEquals(List.of("eks:CreatePodIdentityAssociation"), bySid.get("CreateTaggedPodIdentityAssociations").get("Action"));
        assertEquals(Map.of("StringEquals", Map.of("iam:PassedToService", "pods.eks.amazonaws.com")),
                bySid.get("PassEnvironmentRolesToPods").get("Condition"));
        Map<String, Object> self = bySid.get("DeployRoleCannotChangeItself");
        assertEquals("Deny", self.get("Effect"));
        assertEquals(List.of("iam:*"), self.get("Action"));
        assertEquals(List.of("arn:aws:iam::123456789012:role/meltanodata/prod/acme/prod-acme-analytics-deploy"), self.get("Resource"),
                "the deploy role's own name matches the environment roles' prefix");
        assertEquals(List.of("arn:aws:budgets::123456789012:budget/meltanodata-prod-acme-analytics-*"),
                bySid.get("EnvironmentBudgets").get("Resource"));
        bySid.values().forEach(st -> assertFalse(((List<?>) st.get("Resource")).contains("*"), st.toString()));

        RecordedResource access = one(r, "aws:eks/accessEntry:AccessEntry");
        assertEquals("prod", input(access, "clusterName"));
        assertEquals("STANDARD", input(access, "type"));
        assertEquals(List.of("meltanodata-acme-deployers"), input(access, "kubernetesGroups"));
        assertTrue(r.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").isEmpty(),
                "no EKS access policy: the site's RBAC and admission policy decide");
    }

    @Test
    void deployPermissionsNameOnlyThisProjectsRegistryAndNoDataActionOnWildcards() {
        RecordedResource policy = render().ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> p.name().equals("deploy-role-policy")).findFirst().orElseThrow();
        List<Map<String, Object>> statements = PolicyDocument.parse(input(policy, "policy"));
        for (Map<String, Object> st : statements) {
            @SuppressWarnings("unchecked")
            List<String> resources = (List<String>) st.get("Resource");
            @SuppressWarnings("unchecked")
            List<String> actions = (List<String>) st.get("Action");
            if (resources.contains("*")) {
                assertEquals(List.of("ecr:GetAuthorizationToken"), actions, "only registry login may use *");
            }
            resources.stream().filter(arn -> arn.contains(":repository/"))
                    .forEach(arn -> assertEquals("arn:aws:ecr:eu-west-1:123456789012:repository/prod/acme/analytics", arn));
        }
        assertTrue(statements.stream().anyMatch(st -> ((List<?>) st.get("Resource")).contains(CLUSTER)));
        Map<String, Object> push = statements.stream().filter(st -> "PushProjectImage".equals(st.get("Sid"))).findFirst().orElseThrow();
        assertEquals("Allow", push.get("Effect"));
        assertEquals(List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
                "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage",
                "ecr:UploadLayerPart"), push.get("Action"));
        assertEquals(List.of("arn:aws:ecr:eu-west-1:123456789012:repository/prod/acme/analytics"), push.get("Resource"),
                "the environments workflow pushes the image to this project's repository and no other");
    }

    @Test
    void everyTaggableResourceIsChargedToTheSiteAndProject() {
        Rendering r = render();
        List<RecordedResource> taggable = r.where(res -> res.argsClass().map(ChargeBackTransformation::isTaggable).orElse(false));
        assertFalse(taggable.isEmpty());
        for (RecordedResource res : taggable) {
            Map<String, Object> tags = input(res, "tags");
            assertEquals("hosted-project", tags.get("meltanodata:layer"), res.name());
            assertEquals("acme", tags.get("meltanodata:site"), res.name());
            assertEquals("analytics", tags.get("meltanodata:project"), res.name());
            assertEquals("prod", tags.get("meltanodata:fabric"), res.name());
        }
    }

    @Test
    void theProjectBoundaryReachesOnlyThisProjectAndProtectsWhatConfinesIt() {
        RecordedResource boundary = one(render(), "aws:iam/policy:Policy");
        assertEquals("prod-acme-analytics-boundary", input(boundary, "name"));
        assertEquals("/meltanodata/prod/acme/", input(boundary, "path"));
        Map<String, Map<String, Object>> bySid = new java.util.LinkedHashMap<>();
        PolicyDocument.parse(input(boundary, "policy")).forEach(st -> bySid.put((String) st.get("Sid"), st));
        assertEquals(List.of("arn:aws:s3:::meltanodata-prod-acme/projects/analytics/*", "arn:aws:s3:::meltanodata-prod-acme-analytics-*",
                        KEY, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:meltanodata/prod/acme/analytics/*"),
                bySid.get("ProjectData").get("Resource"), "its state prefix, its environments' buckets, the site key, its secrets");
        assertEquals(List.of("arn:aws:ecr:eu-west-1:123456789012:repository/prod/acme/analytics", CLUSTER,
                        "arn:aws:budgets::123456789012:budget/meltanodata-prod-acme-analytics-*",
                        "arn:aws:logs:eu-west-1:123456789012:log-group:/meltanodata/prod/jobs:log-stream:acme/analytics/*"),
                bySid.get("ProjectOperations").get("Resource"));
        assertEquals(Map.of("iam:PermissionsBoundary", "arn:aws:iam::123456789012:policy/meltanodata/prod/acme/prod-acme-analytics-boundary",
                        "aws:RequestTag/meltanodata:site", "acme", "aws:RequestTag/meltanodata:project", "analytics"),
                ((Map<?, ?>) bySid.get("CreateProjectRoles").get("Condition")).get("StringEquals"),
                "roles of the project are created under this boundary only");
        assertEquals(Map.of("StringEqualsIfExists", Map.of("aws:RequestTag/meltanodata:project", "analytics",
                        "aws:RequestTag/meltanodata:site", "acme", "iam:PassedToService", "pods.eks.amazonaws.com")),
                bySid.get("ManageProjectRoles").get("Condition"), "tagged only as this project's, passed only to EKS Pod Identity");
        assertEquals(Map.of("ForAllValues:StringNotEquals", Map.of("aws:TagKeys", List.of("meltanodata:site", "meltanodata:project"))),
                bySid.get("KeepChargeBackTags").get("Condition"));
        assertEquals(List.of("iam:UntagRole"), bySid.get("KeepChargeBackTags").get("Action"));
        Map<String, Object> confines = bySid.get("KeepWhatConfines");
        assertEquals("Deny", confines.get("Effect"));
        assertEquals(List.of("iam:*"), confines.get("Action"));
        assertEquals(List.of("arn:aws:iam::123456789012:policy/meltanodata/prod/acme/*",
                "arn:aws:iam::123456789012:role/meltanodata/prod/acme/prod-acme-analytics-deploy"), confines.get("Resource"));
        assertEquals(List.of("iam:*RolePermissionsBoundary"), bySid.get("KeepRoleBoundaries").get("Action"));
        assertEquals(List.of("*"), bySid.get("KeepRoleBoundaries").get("Resource"));
    }

    @Test
    void aProjectHasNoAlwaysOnCompute() {
        Rendering r = render();
        List<String> types = r.resources().stream().map(RecordedResource::type).distinct().sorted().toList();
        assertEquals(List.of("aws:ecr/lifecyclePolicy:LifecyclePolicy", "aws:ecr/repository:Repository", "aws:eks/accessEntry:AccessEntry",
                "aws:iam/policy:Policy", "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:secretsmanager/secret:Secret",
                HostedProject.TYPE, "pulumi:pulumi:Stack"), types);
    }
}
