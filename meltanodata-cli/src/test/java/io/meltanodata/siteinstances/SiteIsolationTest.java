package io.meltanodata.siteinstances;

import io.meltanodata.components.chargeback.ChargeBackTransformation;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.Topology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.named;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two sites on one fabric, acme and globex: nothing of one names anything of the other, no data
 * action is granted on "*", every role carries its site's boundary, and nothing runs while idle.
 */
class SiteIsolationTest {
    static final String VALIDATING_POLICY = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";
    static Rendering acme;
    static Rendering globex;

    /** Input paths that hold policy JSON, by resource type. */
    static final Map<String, String> POLICY_INPUTS = Map.of(
            "aws:iam/role:Role", "assumeRolePolicy",
            "aws:iam/rolePolicy:RolePolicy", "policy",
            "aws:iam/policy:Policy", "policy",
            "aws:kms/keyPolicy:KeyPolicy", "policy",
            "aws:s3/bucketPolicy:BucketPolicy", "policy");
    static final List<String> DATA_ACTION_PREFIXES = List.of("s3:Get", "s3:Put", "s3:Delete", "s3:List", "s3:Restore",
            "s3:AbortMultipartUpload", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncrypt",
            "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue");

    @BeforeAll
    static void renderTwoSites() {
        Map<String, String> acmeConfig = Topology.siteConfig();
        acmeConfig.put("meltanodata:groups", "{\"admin\":{\"members\":[\"ana@acme.example\"],"
                + "\"principals\":[\"arn:aws:iam::111122223333:role/AcmeAdmins\"]},"
                + "\"developer\":{\"members\":[\"bo@acme.example\"],\"principals\":[\"arn:aws:iam::111122223333:role/AcmeDevs\"]}}");
        acme = Topology.site("acme", acmeConfig);
        Map<String, String> globexConfig = Topology.siteConfig();
        globexConfig.put("meltanodata:groups", "{\"admin\":{\"members\":[\"hank@globex.example\"],"
                + "\"principals\":[\"arn:aws:iam::111122223333:role/GlobexAdmins\"]}}");
        globex = Topology.site("globex", globexConfig);
    }

    /**
     * Each site's whole cost, its nodes included (they carry meltanodata:site, SiteCompute), against a
     * monthly budget; AWS Budgets API Reference, "Budget" (CostFilters TagKeyValue takes
     * user:key$value), https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html,
     * and AWS Billing User Guide, "Managing your costs with AWS Budgets".
     */
    @Test
    void eachSiteHasABudgetOnItsSiteTagAlertingTheFabricTopicAndItsAdmins() {
        for (Rendering site : List.of(acme, globex)) {
            String name = site.stack();
            RecordedResource budget = one(site, "aws:budgets/budget:Budget");
            assertEquals("meltanodata-dev-" + name, input(budget, "name"));
            assertEquals("1000", input(budget, "limitAmount"));
            assertEquals("MONTHLY", input(budget, "timeUnit"));
            assertEquals(List.of(Map.of("name", "TagKeyValue", "values", List.of("user:meltanodata:site$" + name))),
                    input(budget, "costFilters"));
            for (int i = 0; i < 2; i++) {
                assertEquals(List.of(Topology.fabricOutputs().get("alertTopicArn")),
                        input(budget, "notifications[" + i + "].subscriberSnsTopicArns"));
            }
            assertEquals(List.of(name.equals("acme") ? "ana@acme.example" : "hank@globex.example"),
                    input(budget, "notifications[0].subscriberEmailAddresses"));
            assertEquals(List.of("ACTUAL", "80", "FORECASTED", "100"), List.of(input(budget, "notifications[0].notificationType"),
                    String.valueOf((Object) input(budget, "notifications[0].threshold")), input(budget, "notifications[1].notificationType"),
                    String.valueOf((Object) input(budget, "notifications[1].threshold"))));
        }
    }

    /**
     * The site's admins receive the bill's budget alerts (meltanodata bill alerts, which publishes to the
     * fabric's topic with the message attribute meltanodata.site) and only their own site's: an email
     * subscription to the fabric's alert topic per admin, filtered on that attribute. Amazon SNS Developer
     * Guide, "Amazon SNS message filtering" (a subscription with a filter policy receives only the messages
     * whose attributes satisfy it), https://docs.aws.amazon.com/sns/latest/dg/message-filtering.html, and
     * "Amazon SNS subscription filter policy scope" (MessageAttributes),
     * https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering-scope.html.
     */
    @Test
    void eachSiteAdminSubscribesToTheFabricTopicForItsOwnSitesAlertsOnly() {
        for (Rendering site : List.of(acme, globex)) {
            String name = site.stack();
            RecordedResource subscription = one(site, "aws:sns/topicSubscription:TopicSubscription");
            assertEquals(Topology.fabricOutputs().get("alertTopicArn"), input(subscription, "topic"));
            assertEquals("email", input(subscription, "protocol"));
            assertEquals(name.equals("acme") ? "ana@acme.example" : "hank@globex.example", input(subscription, "endpoint"));
            assertEquals("{\"meltanodata.site\":[\"" + name + "\"]}", input(subscription, "filterPolicy"));
            assertEquals("MessageAttributes", input(subscription, "filterPolicyScope"));
        }
    }

    static List<Map<String, Object>> statements(Rendering site) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (RecordedResource r : site.resources()) {
            String path = POLICY_INPUTS.get(r.type());
            if (path != null) {
                PolicyDocument.parse(input(r, path)).forEach(st -> {
                    st.put("_resource", r.type() + " " + r.name());
                    all.add(st);
                });
            }
        }
        return all;
    }

    @Test
    void noPolicyOfOneSiteNamesTheOthersResources() {
        assertNoMention(acme, "globex");
        assertNoMention(globex, "acme");
        assertTrue(statements(acme).size() > 25, "acme's policies were all inspected");
    }

    private static void assertNoMention(Rendering site, String other) {
        for (Map<String, Object> st : statements(site)) {
            String text = st.toString().replace(String.valueOf(st.get("_resource")), "");
            assertFalse(text.toLowerCase().contains(other), st.get("_resource") + " mentions " + other + ": " + st);
        }
    }

    @Test
    void everyGrantNamesThisSitesOwnArns() {
        String acmeKey = (String) acme.outputs().get("keyArn");
        assertFalse(acmeKey.equals(globex.outputs().get("keyArn")), "each site has its own key");
        for (Map<String, Object> st : statements(acme)) {
            if (!"Allow".equals(st.get("Effect")) || st.get("_resource").toString().startsWith("aws:kms/keyPolicy")) {
                continue;
            }
            for (Object arn : (List<?>) st.getOrDefault("Resource", List.of())) {
                String a = arn.toString();
                boolean fabricShared = a.equals("arn:aws:eks:eu-west-1:123456789012:cluster/meltanodata-dev")
                        || a.equals("arn:aws:logs:eu-west-1:123456789012:log-group:/meltanodata/dev/jobs:*");
                // Pod Identity associations have cluster-wide ARNs: grants on them must be pinned to the site's tag.
                boolean siteTagged = a.equals("arn:aws:eks:eu-west-1:123456789012:podidentityassociation/meltanodata-dev/*")
                        && st.get("Condition") instanceof Map<?, ?> c && c.get("StringEquals") instanceof Map<?, ?> eq
                        && ("acme".equals(eq.get("aws:ResourceTag/meltanodata:site")) || "acme".equals(eq.get("aws:RequestTag/meltanodata:site")));
                assertTrue(a.equals("*") || a.contains("acme") || a.equals(acmeKey) || fabricShared || siteTagged,
                        st.get("_resource") + " grants " + a);
            }
        }
    }

    @Test
    void noDataActionIsGrantedOnAWildcardResource() {
        for (Rendering site : List.of(acme, globex)) {
            for (Map<String, Object> st : statements(site)) {
                boolean keyPolicy = st.get("_resource").toString().startsWith("aws:kms/keyPolicy");
                if (!"Allow".equals(st.get("Effect")) || keyPolicy) {
                    // In a key policy "*" means the key itself.
                    continue;
                }
                List<?> resources = (List<?>) st.getOrDefault("Resource", List.of());
                for (Object action : (List<?>) st.getOrDefault("Action", List.of())) {
                    boolean data = DATA_ACTION_PREFIXES.stream().anyMatch(p -> action.toString().startsWith(p));
                    if (data && resources.contains("*")) {
                        fail(st.get("_resource") + " grants data action " + action + " on *");
                    }
                }
            }
        }
    }

    @Test
    void everyRoleCarriesItsOwnSitesBoundary() {
        for (Rendering site : List.of(acme, globex)) {
            String name = site.stack();
            String boundary = "arn:aws:iam::123456789012:policy/meltanodata/dev/" + name + "/dev-" + name + "-boundary";
            List<RecordedResource> roles = site.ofType("aws:iam/role:Role");
            assertTrue(roles.size() >= 3, name + " has admin, workload and group roles");
            roles.forEach(role -> {
                assertEquals(boundary, input(role, "permissionsBoundary"), role.name());
                assertEquals("/meltanodata/dev/" + name + "/", input(role, "path"), role.name());
            });
        }
    }

    @Test
    void theBoundaryCannotBeRemovedOrSidesteppedAndOnlyAdmitsThisSitesRoles() {
        RecordedResource boundary = acme.ofType("aws:iam/policy:Policy").get(0);
        List<Map<String, Object>> st = PolicyDocument.parse(input(boundary, "policy"));
        Map<String, Map<String, Object>> bySid = new java.util.LinkedHashMap<>();
        st.forEach(s -> bySid.put((String) s.get("Sid"), s));
        Map<String, Object> create = bySid.get("CreateRolesUnderSiteBoundaries");
        assertEquals(List.of("arn:aws:iam::123456789012:role/meltanodata/dev/acme/*"), create.get("Resource"));
        assertEquals(Map.of("iam:PermissionsBoundary", "arn:aws:iam::123456789012:policy/meltanodata/dev/acme/*"),
                ((Map<?, ?>) create.get("Condition")).get("ArnLike"), "this boundary or one of its projects'");
        assertEquals(Map.of("aws:RequestTag/meltanodata:site", "acme"), ((Map<?, ?>) create.get("Condition")).get("StringEquals"));
        assertEquals(Map.of("aws:TagKeys", "meltanodata:*"), ((Map<?, ?>) create.get("Condition")).get("ForAllValues:StringLike"),
                "charge-back tag keys only");
        assertEquals(Map.of("Effect", "Deny", "Sid", "KeepRoleBoundaries", "Action", List.of("iam:*RolePermissionsBoundary"),
                "Resource", List.of("*")), bySid.get("KeepRoleBoundaries"));
        Map<String, Object> confining = bySid.get("KeepWhatConfines");
        assertEquals("Deny", confining.get("Effect"));
        assertEquals(List.of("iam:*"), confining.get("Action"));
        String roles = "arn:aws:iam::123456789012:role/meltanodata/dev/acme/dev-acme-";
        assertEquals(List.of("arn:aws:iam::123456789012:policy/meltanodata/dev/acme/*", roles + "admin", roles + "workload",
                roles + "group-*", roles + "*-deploy"), confining.get("Resource"));
        assertEquals(Map.of("aws:RequestTag/meltanodata:site", "acme"),
                ((Map<?, ?>) bySid.get("ManageSiteRoles").get("Condition")).get("StringEqualsIfExists"),
                "tagging with this site's value stays allowed (tags given at CreateRole), any other value is not");
        assertEquals(Map.of("ForAllValues:StringNotEquals", Map.of("aws:TagKeys", List.of("meltanodata:site"))),
                bySid.get("SiteTagCannotBeRemoved").get("Condition"));
        assertTrue(((List<?>) bySid.get("SiteOperations").get("Resource"))
                        .contains("arn:aws:logs:eu-west-1:123456789012:log-group:/meltanodata/dev/jobs:log-stream:acme/*"),
                "job log streams under the site's prefix only");
        assertTrue(st.stream().noneMatch(s -> "Allow".equals(s.get("Effect")) && ((List<?>) s.get("Action")).contains("eks:TagResource")
                && ((List<?>) s.get("Resource")).stream().anyMatch(r -> String.valueOf(r).contains(":cluster/"))), "never tag the cluster");
    }

    @Test
    void theBucketDeniesDataToPrincipalsOfOtherSites() {
        RecordedResource policy = acme.ofType("aws:s3/bucketPolicy:BucketPolicy").get(0);
        Map<String, Object> deny = PolicyDocument.parse(input(policy, "policy")).stream()
                .filter(s -> "DenyDataToOtherSites".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertEquals(Map.of("aws:PrincipalTag/meltanodata:site", "acme"), ((Map<?, ?>) deny.get("Condition")).get("StringNotEquals"));
        assertEquals(List.of("arn:aws:s3:::meltanodata-dev-acme", "arn:aws:s3:::meltanodata-dev-acme/*"), deny.get("Resource"));
    }

    /**
     * The key policy's account statement lets any IAM policy of the account grant {@code kms:*}
     * (AWS KMS Developer Guide, "Default key policy", section "Allows access to the AWS account and
     * enables IAM policies", https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html),
     * so only an explicit deny keeps other sites out. It must spare: AWS service principals on their
     * grants (Amazon ECR User Guide, "Encryption at rest": the grant's grantee is
     * {@code ecr.<region>.amazonaws.com}, https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html);
     * Secrets Manager's key check when a secret is created (Secrets Manager User Guide, "Secret
     * encryption and decryption", "Validating access to the KMS key": encryption context
     * {@code SecretVersionId=RequestToValidateKeyAccess}, through {@code kms:ViaService},
     * https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html); and key
     * management, never denied, or the key is locked out (same KMS page, the warning on
     * unmanageable keys). S3 calls KMS on behalf of the caller, so no S3 exception.
     */
    @Test
    void theKeyDeniesItsUseToPrincipalsNotTaggedWithTheSiteButNeverItsManagement() {
        RecordedResource policy = named(acme, "aws:kms/keyPolicy:KeyPolicy", "site-key-policy");
        List<Map<String, Object>> st = PolicyDocument.parse(input(policy, "policy"));
        List<String> use = List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*");
        Map<String, Object> deny = st.stream().filter(s -> "DenyKeyUseToUntaggedPrincipals".equals(s.get("Sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no deny of the key's use: " + st));
        assertEquals("Deny", deny.get("Effect"));
        assertEquals(Map.of("AWS", "*"), deny.get("Principal"));
        assertEquals(use, deny.get("Action"));
        assertEquals(List.of("*"), deny.get("Resource"));
        assertEquals(Map.of(
                "StringNotEquals", Map.of("aws:PrincipalTag/meltanodata:site", "acme",
                        "kms:EncryptionContext:SecretVersionId", "RequestToValidateKeyAccess"),
                "BoolIfExists", Map.of("aws:PrincipalIsAWSService", "false")), deny.get("Condition"));
        Map<String, Object> check = st.stream().filter(s -> "KeyCheckOnlyThroughSecretsManager".equals(s.get("Sid"))).findFirst()
                .orElseThrow();
        assertEquals(List.of("Deny", Map.of("AWS", "*"), use), List.of(check.get("Effect"), check.get("Principal"), check.get("Action")));
        assertEquals(Map.of(
                "StringNotEquals", Map.of("aws:PrincipalTag/meltanodata:site", "acme",
                        "kms:ViaService", "secretsmanager.eu-west-1.amazonaws.com"),
                "BoolIfExists", Map.of("aws:PrincipalIsAWSService", "false")), check.get("Condition"));
        // Never locked out: the account's statement stays, and no deny names any management action.
        assertTrue(st.stream().anyMatch(s -> "Allow".equals(s.get("Effect")) && List.of("kms:*").equals(s.get("Action"))
                && Map.of("AWS", "arn:aws:iam::123456789012:root").equals(s.get("Principal"))));
        st.stream().filter(s -> "Deny".equals(s.get("Effect"))).forEach(s -> assertEquals(use, s.get("Action"), s.get("Sid") + ""));
        // globex's key denies everyone but globex.
        RecordedResource other = named(globex, "aws:kms/keyPolicy:KeyPolicy", "site-key-policy");
        assertTrue(input(other, "policy").toString().contains("\"aws:PrincipalTag/meltanodata:site\":\"globex\""));
    }

    @Test
    void kubernetesObjectsOfOneSiteNeverReferenceTheOther() {
        for (RecordedResource r : acme.where(r -> r.type().startsWith("kubernetes:"))) {
            assertFalse(r.inputs().toString().contains("globex"), r.name());
        }
        for (RecordedResource r : globex.where(r -> r.type().startsWith("kubernetes:"))) {
            assertFalse(r.inputs().toString().contains("acme"), r.name());
        }
        List<RecordedResource> clusterBindings = acme.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding");
        assertEquals(1, clusterBindings.size(), "the site's deployers are the only cluster-wide binding");
        assertEquals(List.of(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Group", "name", "meltanodata-acme-deployers")),
                input(clusterBindings.get(0), "subjects"));
    }

    @Test
    void theDeployersClusterWideGrantIsPinnedToTheSitesNamespacesByAdmission() {
        RecordedResource role = acme.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").stream()
                .filter(r -> r.name().equals("deployer-role")).findFirst().orElseThrow();
        List<String> manage = List.of("get", "list", "watch", "create", "patch", "update", "delete");
        // Cluster-wide: nothing inside any namespace but creating the binding that opens a new one.
        assertEquals(List.of(
                Map.of("apiGroups", List.of(""), "resources", List.of("namespaces"), "verbs", manage),
                Map.of("apiGroups", List.of("rbac.authorization.k8s.io"), "resources", List.of("rolebindings"),
                        "verbs", List.of("create", "patch")),
                Map.of("apiGroups", List.of("rbac.authorization.k8s.io"), "resources", List.of("clusterroles"), "verbs", List.of("bind"),
                        "resourceNames", List.of("meltanodata-acme-viewer", "meltanodata-acme-developer", "meltanodata-acme-admin",
                                "meltanodata-acme-environment-deployer"))),
                input(role, "rules"));
        RecordedResource template = acme.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").stream()
                .filter(r -> r.name().equals("environment-deployer-role")).findFirst().orElseThrow();
        assertEquals("meltanodata-acme-environment-deployer", input(template, "metadata.name"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) input(template, "rules");
        assertEquals(List.of("serviceaccounts", "resourcequotas", "limitranges", "services", "networkpolicies", "rolebindings",
                "cronjobs", "jobs", "deployments"), rules.stream().flatMap(r -> ((List<?>) r.get("resources")).stream()).toList());
        rules.forEach(rule -> assertEquals(manage, rule.get("verbs")));
        assertEquals(List.of(), acme.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").stream()
                .filter(b -> input(b, "roleRef.name").equals("meltanodata-acme-environment-deployer")).toList(),
                "the template is bound only inside the site's namespaces (Layer 4)");
        RecordedResource policy = named(acme, VALIDATING_POLICY, "deployer-policy");
        assertEquals("Fail", input(policy, "spec.failurePolicy"));
        assertEquals(List.of(Map.of("name", "site-deployers", "expression", "'meltanodata-acme-deployers' in request.userInfo.groups")),
                input(policy, "spec.matchConditions"));
        String validations = input(policy, "spec.validations").toString();
        assertTrue(validations.contains("namespaceObject.metadata.labels['meltanodata.io/site'] == 'acme'"), validations);
        assertTrue(validations.contains("object.metadata.labels['pod-security.kubernetes.io/enforce'] == 'restricted'"), validations);
        assertFalse(validations.contains("globex"));
        RecordedResource binding = named(acme, VALIDATING_POLICY + "Binding", "deployer-policy-binding");
        assertEquals(Map.of("policyName", "meltanodata-acme-deployers", "validationActions", List.of("Deny")), input(binding, "spec"));
    }

    @Test
    void anyPodInTheSitesNamespacesIsAdmittedOnlyOnItsNodesWithItsImages() {
        RecordedResource policy = named(acme, VALIDATING_POLICY, "pod-policy");
        assertEquals("meltanodata-acme-pods", input(policy, "metadata.name"));
        assertEquals("Fail", input(policy, "spec.failurePolicy"));
        assertEquals(List.of(Map.of("apiGroups", List.of(""), "apiVersions", List.of("v1"),
                "operations", List.of("CREATE", "UPDATE"), "resources", List.of("pods"))),
                input(policy, "spec.matchConstraints.resourceRules"));
        String registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/dev/acme/";
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> validations = (List<Map<String, Object>>) input(policy, "spec.validations");
        assertEquals(List.of(
                "has(object.spec.nodeSelector) && 'meltanodata.io/site' in object.spec.nodeSelector"
                        + " && object.spec.nodeSelector['meltanodata.io/site'] == 'acme'",
                "has(object.spec.tolerations) && object.spec.tolerations.exists(t, has(t.key) && t.key == 'meltanodata.io/site'"
                        + " && has(t.value) && t.value == 'acme' && has(t.effect) && t.effect == 'NoSchedule')",
                "request.operation != 'CREATE' || !has(object.spec.nodeName)",
                "object.spec.containers.all(c, c.image.startsWith('" + registry + "'))",
                "!has(object.spec.initContainers) || object.spec.initContainers.all(c, c.image.startsWith('" + registry
                        + "') || c.image == 'public.ecr.aws/aws-cli/aws-cli:2.27.50')"),
                validations.stream().map(v -> v.get("expression")).toList());
        RecordedResource binding = named(acme, VALIDATING_POLICY + "Binding", "pod-policy-binding");
        assertEquals(Map.of("policyName", "meltanodata-acme-pods", "validationActions", List.of("Deny"),
                "matchResources", Map.of("namespaceSelector", Map.of("matchLabels", Map.of("meltanodata.io/site", "acme")))),
                input(binding, "spec"));
        assertFalse(input(named(globex, VALIDATING_POLICY, "pod-policy"), "spec").toString().contains("acme"));
    }

    @Test
    void theSitesNodePoolIsTaintedAndLabelledForItAlone() {
        RecordedResource pool = acme.ofType("kubernetes:karpenter.sh/v1:NodePool").get(0);
        assertEquals(List.of(Map.of("key", "meltanodata.io/site", "value", "acme", "effect", "NoSchedule")),
                input(pool, "spec.template.spec.taints"));
        assertEquals(Map.of("meltanodata.io/site", "acme"), input(pool, "spec.template.metadata.labels"));
        assertEquals("meltanodata-acme", input(pool, "spec.template.spec.nodeClassRef.name"));
        RecordedResource nodeClass = acme.ofType("kubernetes:eks.amazonaws.com/v1:NodeClass").get(0);
        assertEquals("acme", input(nodeClass, "spec.tags[\"meltanodata:site\"]"), "EC2 instances are charged to the site");
    }

    /**
     * Every node of a site's pool has at most {@code nodeMaxCpu} vCPUs (default 8): a custom NodePool
     * limits instance sizes itself (EKS User Guide, "Control costs in EKS Auto Mode", "Constrain
     * instance sizes", https://docs.aws.amazon.com/eks/latest/userguide/auto-cost-control.html) with
     * {@code eks.amazonaws.com/instance-cpu} ("Create a Node Pool for EKS Auto Mode",
     * https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html). {@code Lt 9}, not
     * {@code Lte 8}: Karpenter 1.6.4's NodePool CRD admits In, NotIn, Exists, DoesNotExist, Gt, Lt.
     */
    @Test
    void theSitesNodesAreAtMostEightVcpusUnlessConfigured() {
        RecordedResource pool = acme.ofType("kubernetes:karpenter.sh/v1:NodePool").get(0);
        assertEquals(List.of(
                Map.of("key", "karpenter.sh/capacity-type", "operator", "In", "values", List.of("on-demand", "spot")),
                Map.of("key", "eks.amazonaws.com/instance-category", "operator", "In", "values", List.of("c", "m", "r")),
                Map.of("key", "kubernetes.io/arch", "operator", "In", "values", List.of("amd64")),
                Map.of("key", "eks.amazonaws.com/instance-cpu", "operator", "Lt", "values", List.of("9"))),
                input(pool, "spec.template.spec.requirements"));

        Map<String, String> config = Topology.siteConfig();
        config.put("meltanodata:nodeMaxCpu", "32");
        Rendering large = Topology.site("initech", config);
        assertEquals(Map.of("key", "eks.amazonaws.com/instance-cpu", "operator", "Lt", "values", List.of("33")),
                input(large.ofType("kubernetes:karpenter.sh/v1:NodePool").get(0), "spec.template.spec.requirements[3]"));

        config = Topology.siteConfig();
        config.put("meltanodata:nodePoolCpuLimit", "6");
        Rendering small = Topology.site("initech", config);
        assertEquals(List.of("5"), input(small.ofType("kubernetes:karpenter.sh/v1:NodePool").get(0),
                "spec.template.spec.requirements[3].values"), "unset, the cap is the largest size within a smaller pool limit: 4");
    }

    /**
     * Layer 4's default deny holds only on nodes whose NodeClass configures the network policy agent
     * (EKS User Guide, "Use network policies with EKS Auto Mode",
     * https://docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html; fields: "Create a Node Class
     * for Amazon EKS", https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html). The
     * controller itself is switched on by the fabric (AutoModeComputeTest).
     */
    @Test
    void theSitesNodesEnforceNetworkPoliciesAndLogTheirVerdicts() {
        for (Rendering site : List.of(acme, globex)) {
            RecordedResource nodeClass = site.ofType("kubernetes:eks.amazonaws.com/v1:NodeClass").get(0);
            assertEquals("DefaultAllow", input(nodeClass, "spec.networkPolicy"), "each namespace's own policies decide");
            assertEquals("Enabled", input(nodeClass, "spec.networkPolicyEventLogs"));
        }
    }

    @Test
    void physicalNamesOfTheTwoSitesNeverCollide() {
        Set<String> acmeNames = physicalNames(acme);
        Set<String> globexNames = physicalNames(globex);
        acmeNames.retainAll(globexNames);
        assertEquals(Set.of(), acmeNames);
    }

    private static Set<String> physicalNames(Rendering site) {
        Set<String> names = new HashSet<>();
        for (RecordedResource r : site.where(r -> !r.type().equals("pulumi:pulumi:StackReference"))) {
            for (String path : List.of("name", "bucket", "metadata.name")) {
                io.meltanodata.preview.InputPath.get(r.inputs(), path).filter(v -> v instanceof String)
                        .ifPresent(v -> names.add(r.type() + "=" + v));
            }
        }
        return names;
    }

    @Test
    void anIdleSiteRunsNothing() {
        Set<String> alwaysOn = Set.of("aws:ec2/instance:Instance", "aws:ec2/natGateway:NatGateway", "aws:lb/loadBalancer:LoadBalancer",
                "aws:alb/loadBalancer:LoadBalancer", "aws:rds/instance:Instance", "aws:rds/cluster:Cluster",
                "aws:eks/nodeGroup:NodeGroup", "kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet",
                "kubernetes:core/v1:Pod", "aws:elasticache/cluster:Cluster");
        for (RecordedResource r : acme.resources()) {
            assertFalse(alwaysOn.contains(r.type()), "always-on compute in a site: " + r.type() + " " + r.name());
        }
    }

    @Test
    void everyTaggableResourceIsChargedToItsSite() {
        List<RecordedResource> taggable = acme.where(r -> r.argsClass().map(ChargeBackTransformation::isTaggable).orElse(false));
        assertTrue(taggable.size() >= 8, "key, boundary, roles, bucket: " + taggable.size());
        taggable.forEach(r -> {
            assertEquals("site-instance", input(r, "tags[\"meltanodata:layer\"]"), r.name());
            assertEquals("acme", input(r, "tags[\"meltanodata:site\"]"), r.name());
        });
        acme.where(r -> r.type().startsWith("kubernetes:") && !r.type().startsWith("kubernetes:rbac"))
                .forEach(r -> assertEquals("acme", input(r, "metadata.labels[\"meltanodata.io/site\"]"), r.name()));
    }

    @Test
    void dataIsProtectedFromAccidentalDeletion() {
        RecordedResource bucket = acme.ofType("aws:s3/bucketV2:BucketV2").get(0);
        assertTrue(bucket.protect() && bucket.retainOnDelete());
        assertTrue(acme.ofType("aws:kms/key:Key").get(0).protect());
        assertEquals(30, (int) input(acme.ofType("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2").get(0),
                "rules[0].noncurrentVersionExpiration.noncurrentDays"));
        assertEquals("aws:kms", input(acme.ofType("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2").get(0),
                "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm"));
    }
}
