package io.meltanodata.environments;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import io.meltanodata.components.UserInputException;
import io.meltanodata.components.chargeback.ChargeBackTransformation;
import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.components.config.StackFile;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.projects.HostedProjectOutputs;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.StackFiles;
import io.meltanodata.testing.Topology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.meltanodata.testing.LayerHarness.assertNoInput;
import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.named;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled example: main in prod (long-lived, archived) and feature/login in dev (ephemeral, not archived). */
class ActivatedEnvironmentTest {
    static final Path DIR = Path.of("..", "deployments", "04_environments");
    static final String MAIN = "acme.analytics.prod.main";
    static final String FEATURE = "acme.analytics.dev.feature-login-78f299f7";
    static Rendering main;
    static Rendering feature;

    static Rendering render(String stack, Map<String, Object> projectOutputs) {
        ActivatedEnvironmentConfig config = ActivatedEnvironmentConfig.load(StackFile.read(DIR.resolve("Pulumi." + stack + ".yaml")), stack);
        return Topology.environmentHarness(stack, projectOutputs).render(ctx -> ActivatedEnvironmentProgram.run(ctx, config));
    }

    @BeforeAll
    static void renderExamples() {
        main = render(MAIN, Topology.analyticsOutputs());
        feature = render(FEATURE, Topology.analyticsOutputs());
    }

    @Test
    void theNamespaceIsRestrictedLabelledForChargeBackAndCarriesTtl() {
        RecordedResource ns = one(main, "kubernetes:core/v1:Namespace");
        assertEquals("acme-analytics-prod-main", input(ns, "metadata.name"));
        Map<String, Object> labels = input(ns, "metadata.labels");
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/enforce"));
        assertEquals("acme", labels.get("meltanodata.io/site"));
        assertEquals("analytics", labels.get("meltanodata.io/project"));
        assertEquals("prod", labels.get("meltanodata.io/environment"));
        assertEquals("main", labels.get("meltanodata.io/git-ref"));
        assertEquals("activated-environment", labels.get("meltanodata.io/layer"));
        assertEquals("PT72H", input(one(feature, "kubernetes:core/v1:Namespace"), "metadata.annotations[\"meltanodata.io/ttl\"]"));
        assertNoInput(ns, "metadata.annotations[\"meltanodata.io/ttl\"]");
        assertFalse(input(one(feature, "kubernetes:core/v1:Namespace"), "metadata.name").equals(input(ns, "metadata.name")));
    }

    @Test
    void networkIsDefaultDenyWithOnlyDnsPodIdentityAndTheInternetNeverMetadataOrPrivateRanges() {
        RecordedResource deny = named(main, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "default-deny");
        assertEquals(List.of("Ingress", "Egress"), input(deny, "spec.policyTypes"));
        assertEquals(Map.of(), input(deny, "spec.podSelector"));
        assertNoInput(deny, "spec.ingress");
        assertNoInput(deny, "spec.egress");
        RecordedResource internet = named(main, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "allow-internet-egress");
        assertEquals("0.0.0.0/0", input(internet, "spec.egress[0].to[0].ipBlock.cidr"));
        assertNoInput(internet, "spec.egress[0].ports");
        assertEquals(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.169.254/32"),
                input(internet, "spec.egress[0].to[0].ipBlock.except"), "no metadata service, no other site's pods");
        // EKS Auto Mode runs no CoreDNS pods: "Auto Mode nodes utilize CoreDNS running as a system service
        // directly on each node" (EKS User Guide, "Learn about VPC Networking and Load Balancing in EKS Auto
        // Mode", https://docs.aws.amazon.com/eks/latest/userguide/auto-networking.html). Pods ask the cluster
        // DNS address, the tenth of the Service range the fabric fixes, and their node answers; a rule for
        // kube-system's pods admits nothing that answers DNS, and the private-range except blocks the address.
        RecordedResource dns = named(main, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "allow-dns");
        assertEquals(List.of(Map.of("ipBlock", Map.of("cidr", "172.20.0.10/32"))), input(dns, "spec.egress[0].to"));
        assertEquals(List.of(Map.of("protocol", "UDP", "port", 53), Map.of("protocol", "TCP", "port", 53)),
                input(dns, "spec.egress[0].ports"));
        assertEquals(List.of("Egress"), input(dns, "spec.policyTypes"));
        RecordedResource agent = named(main, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "allow-pod-identity");
        assertEquals("169.254.170.23/32", input(agent, "spec.egress[0].to[0].ipBlock.cidr"));
    }

    @Test
    void quotaAndLimitsComeFromConfigWithDefaults() {
        assertEquals(Map.of("requests.cpu", "8", "requests.memory", "32Gi", "limits.cpu", "8", "limits.memory", "32Gi", "pods", "20"),
                input(one(main, "kubernetes:core/v1:ResourceQuota"), "spec.hard"));
        assertEquals(Map.of("requests.cpu", "4", "requests.memory", "16Gi", "limits.cpu", "4", "limits.memory", "16Gi", "pods", "20"),
                input(one(feature, "kubernetes:core/v1:ResourceQuota"), "spec.hard"), "defaults");
        assertEquals(Map.of("cpu", "1", "memory", "2Gi"), input(one(main, "kubernetes:core/v1:LimitRange"), "spec.limits[0].default"));
    }

    @Test
    void schedulesBecomeForbidConcurrencyCronJobsAndManualOnesAreSuspended() {
        RecordedResource hourly = named(main, "kubernetes:batch/v1:CronJob", "schedule-github-hourly");
        assertEquals("0 * * * *", input(hourly, "spec.schedule"));
        assertEquals(false, input(hourly, "spec.suspend"));
        assertEquals("Forbid", input(hourly, "spec.concurrencyPolicy"));
        assertEquals(3, (int) input(hourly, "spec.successfulJobsHistoryLimit"));
        assertEquals(3, (int) input(hourly, "spec.failedJobsHistoryLimit"));
        assertEquals(2, (int) input(hourly, "spec.jobTemplate.spec.backoffLimit"));
        assertEquals(7200, (int) input(hourly, "spec.jobTemplate.spec.activeDeadlineSeconds"));
        List<String> command = input(hourly, "spec.jobTemplate.spec.template.spec.containers[0].command");
        assertEquals(List.of("meltanodata-run", "schedule", "run", "github-hourly"), command);
        RecordedResource backfill = named(main, "kubernetes:batch/v1:CronJob", "schedule-backfill");
        assertEquals(true, input(backfill, "spec.suspend"), "@manual: started on demand only");
        assertEquals(5, main.ofType("kubernetes:batch/v1:CronJob").size());
        assertEquals(2, feature.ofType("kubernetes:batch/v1:CronJob").size());
    }

    /**
     * Karpenter, "Well-Known Annotations" (https://karpenter.sh/docs/reference/annotations/): a pod
     * annotated karpenter.sh/do-not-disrupt "true" blocks the consolidation of its node, which EKS
     * Auto Mode (managed Karpenter) would otherwise do in the middle of a long ELT run.
     */
    @Test
    void runsAreNeverConsolidatedAwayButServicesMayMove() {
        for (Rendering rendering : List.of(main, feature)) {
            rendering.ofType("kubernetes:batch/v1:CronJob").forEach(c -> assertEquals(Map.of("karpenter.sh/do-not-disrupt", "true"),
                    input(c, "spec.jobTemplate.spec.template.metadata.annotations"), c.name()));
        }
        main.ofType("kubernetes:apps/v1:Deployment").forEach(d -> assertNoInput(d, "spec.template.metadata.annotations"));
    }

    @Test
    void podsRunOnTheSitesNodesHardenedWithMeltanoConfiguredAndNoSecretValues() {
        Map<String, Object> pod = input(named(main, "kubernetes:batch/v1:CronJob", "schedule-github-hourly"), "spec.jobTemplate.spec.template.spec");
        assertEquals(Map.of("meltanodata.io/site", "acme"), pod.get("nodeSelector"));
        assertEquals(List.of(Map.of("key", "meltanodata.io/site", "operator", "Equal", "value", "acme", "effect", "NoSchedule")),
                pod.get("tolerations"));
        assertEquals("meltano", pod.get("serviceAccountName"));
        assertEquals(false, pod.get("automountServiceAccountToken"));
        @SuppressWarnings("unchecked")
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com/dev/acme/analytics@sha256:" + "0".repeat(64), container.get("image"),
                "the build the workflow pushed, by digest (the example's placeholder)");
        assertEquals("IfNotPresent", container.get("imagePullPolicy"), "a digest names one image for good");
        assertEquals(Map.of("runAsNonRoot", true, "runAsUser", 10001, "readOnlyRootFilesystem", true,
                "allowPrivilegeEscalation", false, "privileged", false, "capabilities", Map.of("drop", List.of("ALL")),
                "seccompProfile", Map.of("type", "RuntimeDefault")), container.get("securityContext"));
        assertEquals(Map.of("requests", Map.of("cpu", "1", "memory", "2Gi"), "limits", Map.of("cpu", "1", "memory", "2Gi")),
                container.get("resources"));
        Map<String, Object> env = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> vars = (List<Map<String, Object>>) container.get("env");
        vars.forEach(v -> env.put((String) v.get("name"), v.get("value")));
        assertEquals("prod", env.get("MELTANO_ENVIRONMENT"));
        assertEquals("s3://meltanodata-dev-acme/projects/analytics/environments/prod/main/state", env.get("MELTANO_STATE_BACKEND_URI"));
        assertEquals("/tmp/.meltano", env.get("MELTANO_SYS_DIR_ROOT"));
        assertEquals("eu-west-1", env.get("AWS_DEFAULT_REGION"), "boto3, which Meltano's S3 state backend uses, reads only this");
        assertEquals("/tmp/meltanodata/output", env.get("MELTANODATA_OUTPUT_DIR"));
        assertEquals("/run/secrets/meltano", env.get("MELTANODATA_SECRETS_DIR"));
        assertEquals("schedules/github-hourly", env.get("MELTANODATA_WORKLOAD"));
        String all = pod.toString();
        assertFalse(all.contains("secretKeyRef") || all.contains("configMapKeyRef"), "no Kubernetes Secret carries a value");
        assertEquals(List.of(Map.of("name", "MELTANODATA_POD_NAME", "valueFrom", Map.of("fieldRef", Map.of("fieldPath", "metadata.name")))),
                vars.stream().filter(v -> v.containsKey("valueFrom")).toList(), "the only value taken from elsewhere is the pod's name");
        assertTrue(main.ofType("kubernetes:core/v1:Secret").isEmpty());
    }

    /**
     * Every Meltano container is handed what its run wrapper needs to write the run's output to the
     * fabric's job log group, in stream {@code <site>/<project>/<env>/<ref>/<pod name>}, and the mark of
     * the line the failed-run metric filter counts; the pod's role may write exactly those streams.
     * Pages: "Expose Pod Information to Containers Through Environment Variables"
     * (https://kubernetes.io/docs/tasks/inject-data-application/environment-variable-expose-pod-information/);
     * "Actions, resources, and condition keys for Amazon CloudWatch Logs"
     * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html):
     * CreateLogStream and PutLogEvents are both authorized on the log-stream resource
     * {@code arn:aws:logs:<region>:<account>:log-group:<group>:log-stream:<stream>}.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyRunWritesItsOutputToItsOwnStreamOfTheJobLogGroupAndTheRoleMayWriteOnlyThere() {
        for (Rendering rendering : List.of(main, feature)) {
            String prefix = rendering == main ? "acme/analytics/prod/main/" : "acme/analytics/dev/feature-login-78f299f7/";
            List<Map<String, Object>> containers = new ArrayList<>();
            rendering.ofType("kubernetes:batch/v1:CronJob").forEach(c -> containers.add(input(c, "spec.jobTemplate.spec.template.spec.containers[0]")));
            rendering.ofType("kubernetes:apps/v1:Deployment").forEach(d -> containers.add(input(d, "spec.template.spec.containers[0]")));
            assertEquals(rendering == main ? 6 : 2, containers.size());
            for (Map<String, Object> container : containers) {
                List<Map<String, Object>> vars = (List<Map<String, Object>>) container.get("env");
                Map<String, Object> env = new HashMap<>();
                vars.forEach(v -> env.put((String) v.get("name"), v.containsKey("value") ? v.get("value") : v.get("valueFrom")));
                assertEquals("/meltanodata/dev/jobs", env.get("MELTANODATA_LOG_GROUP"), "the fabric's job log group (Layer 1 output)");
                assertEquals(prefix, env.get("MELTANODATA_LOG_STREAM_PREFIX"));
                assertEquals(Map.of("fieldRef", Map.of("fieldPath", "metadata.name")), env.get("MELTANODATA_POD_NAME"));
                assertEquals("meltanodata run failed", env.get("MELTANODATA_FAILED_RUN_MARK"));
                assertEquals("eu-west-1", env.get("AWS_DEFAULT_REGION"));
            }
            Map<String, Object> logs = PolicyDocument.parse(input(one(rendering, "aws:iam/rolePolicy:RolePolicy"), "policy")).stream()
                    .filter(st -> "JobLogStreams".equals(st.get("Sid"))).findFirst().orElseThrow();
            assertEquals(List.of("logs:CreateLogStream", "logs:PutLogEvents"), logs.get("Action"));
            assertEquals(List.of("arn:aws:logs:eu-west-1:123456789012:log-group:/meltanodata/dev/jobs:log-stream:" + prefix + "*"),
                    logs.get("Resource"), "exactly the streams the pods write, never the group");
        }
    }

    @Test
    void servicesRunAsDeploymentsWithProbes() {
        assertEquals(List.of("service-events-report-serve"),
                main.ofType("kubernetes:apps/v1:Deployment").stream().map(RecordedResource::name).toList());
        RecordedResource report = named(main, "kubernetes:apps/v1:Deployment", "service-events-report-serve");
        assertEquals(Map.of("tcpSocket", Map.of("port", 8080), "initialDelaySeconds", 10, "periodSeconds", 15),
                input(report, "spec.template.spec.containers[0].readinessProbe"));
        assertEquals(Map.of("tcpSocket", Map.of("port", 8080), "initialDelaySeconds", 30, "periodSeconds", 15),
                input(report, "spec.template.spec.containers[0].livenessProbe"));
        assertEquals(List.of(Map.of("containerPort", 8080, "name", "http")), input(report, "spec.template.spec.containers[0].ports"));
        List<String> command = input(report, "spec.template.spec.containers[0].command");
        assertEquals(List.of("meltanodata-run", "invoke", "events-report:serve"), command);
        String env = input(report, "spec.template.spec.containers[0].env").toString();
        assertTrue(env.contains("{name=MELTANODATA_WORKLOAD, value=services/events-report:serve}"), env);
        assertTrue(env.contains("{name=MELTANODATA_SERVICE_PORT, value=8080}"), "the port the service's command listens on: " + env);
        RecordedResource schedule = named(main, "kubernetes:batch/v1:CronJob", "schedule-events-hourly");
        assertFalse(input(schedule, "spec.jobTemplate.spec.template.spec.containers[0].env").toString().contains("MELTANODATA_SERVICE_PORT"));
        assertTrue(feature.ofType("kubernetes:apps/v1:Deployment").isEmpty());
    }

    @Test
    void theRoleReachesOnlyThisEnvironmentsStateArtifactsAndProjectSecrets() {
        RecordedResource role = one(main, "aws:iam/role:Role");
        assertEquals("arn:aws:iam::123456789012:policy/meltanodata/dev/acme/dev-acme-analytics-boundary", input(role, "permissionsBoundary"),
                "the project boundary");
        assertEquals("/meltanodata/dev/acme/", input(role, "path"));
        assertEquals("acme", input(role, "tags[\"meltanodata:site\"]"), "the project boundary only admits roles tagged with the site");
        assertEquals("analytics", input(role, "tags[\"meltanodata:project\"]"), "and the project");
        List<Map<String, Object>> policy = PolicyDocument.parse(input(one(main, "aws:iam/rolePolicy:RolePolicy"), "policy"));
        assertEquals(List.of("arn:aws:s3:::meltanodata-dev-acme/projects/analytics/environments/prod/main/*"), policy.get(0).get("Resource"));
        assertEquals(List.of("arn:aws:secretsmanager:eu-west-1:123456789012:secret:meltanodata/dev/acme/analytics/*"),
                policy.get(4).get("Resource"));
        assertEquals(List.of("arn:aws:logs:eu-west-1:123456789012:log-group:/meltanodata/dev/jobs:log-stream:acme/analytics/prod/main/*"),
                policy.get(5).get("Resource"), "its own job log streams, never the group");
        policy.forEach(st -> assertFalse(((List<?>) st.get("Resource")).contains("*"), st.toString()));
        Map<String, Object> deny = PolicyDocument.parse(input(one(main, "aws:s3/bucketPolicy:BucketPolicy"), "policy")).stream()
                .filter(st -> "DenyDataToOtherSites".equals(st.get("Sid"))).findFirst().orElseThrow();
        assertEquals(Map.of("aws:PrincipalTag/meltanodata:site", "acme"), ((Map<?, ?>) deny.get("Condition")).get("StringNotEquals"));
        RecordedResource association = one(main, "aws:eks/podIdentityAssociation:PodIdentityAssociation");
        assertEquals("acme-analytics-prod-main", input(association, "namespace"));
        assertEquals("meltano", input(association, "serviceAccount"));
    }

    static final List<String> BUCKET_SETTINGS = List.of("aws:s3/bucketOwnershipControls:BucketOwnershipControls",
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
            "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2");

    /**
     * What {@code pulumi destroy} leaves of an archived environment is the bucket with every setting it
     * ran with: its lifecycle (without it nothing is archived or expired), its policy (TLS only, other
     * sites denied), public-access block, encryption and ownership, each a resource of its own that
     * destroy would otherwise delete. S3 User Guide, "Transitioning objects using Amazon S3 Lifecycle"
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html)
     * and S3 API Reference, "PutBucketLifecycleConfiguration"
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html): since
     * September 2024 objects under 128 KB do not transition unless TransitionDefaultMinimumObjectSize is
     * varies_by_storage_class (to GLACIER and DEEP_ARCHIVE) or a rule's filter sets ObjectSizeGreaterThan.
     */
    @Test
    void archiveOnKeepsTheArtifactsAndEverySettingOfThemOnDestroyAndArchivesSmallObjectsToo() {
        RecordedResource bucket = one(main, "aws:s3/bucketV2:BucketV2");
        assertTrue(bucket.retainOnDelete(), "pulumi destroy leaves the bucket");
        assertEquals(false, input(bucket, "forceDestroy"));
        for (String type : BUCKET_SETTINGS) {
            RecordedResource setting = one(main, type);
            assertTrue(setting.retainOnDelete(), type + " stays with the archive");
            assertEquals((String) input(bucket, "bucket"), (String) input(setting, "bucket"), type);
        }
        RecordedResource lifecycle = one(main, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2");
        assertEquals(List.of(Map.of("days", 30, "storageClass", "DEEP_ARCHIVE")), input(lifecycle, "rules[0].transitions"));
        assertEquals(730, (int) input(lifecycle, "rules[0].expiration.days"));
        assertEquals("varies_by_storage_class", input(lifecycle, "transitionDefaultMinimumObjectSize"),
                "run logs are mostly under 128 KB");
        assertEquals(main.outputs().get("artifactsUri"), main.outputs().get("archiveUri"));
    }

    /**
     * S3 User Guide, "Bucket naming rules" and "Creating a general purpose bucket"
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-overview.html): creating a
     * bucket whose name you already own fails with BucketAlreadyOwnedByYou outside us-east-1. The
     * archive of an earlier activation of the ref still holds the ref's name, so each activation names
     * its own bucket after its activatedAt (UTC second), and the bucket ignores later changes to the
     * name, so an up of a live stack (env up writes a new activatedAt each time) keeps its bucket.
     */
    @Test
    void eachActivationOfARefNamesItsOwnBucketAndKeepsItAcrossUps() {
        RecordedResource bucket = one(main, "aws:s3/bucketV2:BucketV2");
        assertEquals("meltanodata-dev-acme-analytics-prod-main-261201090000", input(bucket, "bucket"));
        assertEquals(List.of("bucket"), bucket.ignoreChanges());
        ActivatedEnvironmentConfig again = mainWith("meltanodata:activatedAt", "2027-01-15T08:30:05Z");
        Rendering reactivated = Topology.environmentHarness(MAIN, Topology.analyticsOutputs())
                .render(ctx -> ActivatedEnvironmentProgram.run(ctx, again));
        assertEquals("meltanodata-dev-acme-analytics-prod-main-270115083005", input(one(reactivated, "aws:s3/bucketV2:BucketV2"), "bucket"));
        assertEquals("s3://meltanodata-dev-acme-analytics-prod-main-270115083005/", reactivated.outputs().get("artifactsUri"));
    }

    @Test
    void archiveOffDeletesTheArtifactsWithTheStack() {
        RecordedResource bucket = one(feature, "aws:s3/bucketV2:BucketV2");
        assertFalse(bucket.retainOnDelete());
        BUCKET_SETTINGS.forEach(type -> assertFalse(one(feature, type).retainOnDelete(), type));
        assertEquals(true, input(bucket, "forceDestroy"), "pulumi destroy empties and deletes it");
        assertEquals(List.of(), input(one(feature, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"), "rules[0].transitions"));
        assertEquals("", feature.outputs().get("archiveUri"));
    }

    @Test
    void aBudgetWatchesThisInstanceAndAlertsTheFabricTopic() {
        RecordedResource budget = one(main, "aws:budgets/budget:Budget");
        assertEquals("400", input(budget, "limitAmount"));
        assertEquals(List.of(Map.of("name", "TagKeyValue", "values", List.of("user:meltanodata:instance$" + MAIN))),
                input(budget, "costFilters"));
        assertEquals(List.of(Topology.fabricOutputs().get("alertTopicArn")), input(budget, "notifications[0].subscriberSnsTopicArns"));
        assertEquals(List.of(), input(budget, "notifications[0].subscriberEmailAddresses"), "site acme of the fixture has no admins");
        assertEquals(MAIN, input(one(main, "aws:iam/role:Role"), "tags[\"meltanodata:instance\"]"));
    }

    @Test
    void theSitesAdminsAreEmailedByTheBudget() {
        Rendering withAdmins = render(MAIN, projectWithAdmins(List.of("ana@acme.example", "raj@acme.example")));
        assertEquals(List.of("ana@acme.example", "raj@acme.example"),
                input(one(withAdmins, "aws:budgets/budget:Budget"), "notifications[1].subscriberEmailAddresses"));
    }

    /** The example project's outputs with these members in the site's admin group. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> projectWithAdmins(List<String> members) {
        Map<String, Object> project = new HashMap<>(Topology.analyticsOutputs());
        Map<String, Object> groups = new HashMap<>((Map<String, Object>) project.get("groups"));
        Map<String, Object> admin = new HashMap<>((Map<String, Object>) groups.get("admin"));
        admin.put("members", members);
        groups.put("admin", admin);
        project.put("groups", groups);
        return project;
    }

    /**
     * AWS Budgets API Reference, "NotificationWithSubscribers"
     * (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_NotificationWithSubscribers.html):
     * "one SNS subscriber and up to 10 email subscribers, for a total of 11". A site of 11 admins: the budget
     * emails the first 10 (it emailed 9) besides the topic; more would be refused.
     */
    @Test
    void theBudgetEmailsAsManyAdminsAsAwsBudgetsTakes() {
        List<String> eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> "admin" + i + "@acme.example").toList();
        RecordedResource budget = one(render(MAIN, projectWithAdmins(eleven)), "aws:budgets/budget:Budget");
        for (int i = 0; i < 2; i++) {
            assertEquals(eleven.subList(0, 10), input(budget, "notifications[" + i + "].subscriberEmailAddresses"));
            assertEquals(1, ((List<?>) input(budget, "notifications[" + i + "].subscriberSnsTopicArns")).size());
        }
    }

    @Test
    void siteGroupsAreBoundPerNamespaceByTheAcl() {
        assertEquals(List.of(Map.of("kind", "Group", "apiGroup", "rbac.authorization.k8s.io", "name", "meltanodata-acme-developer")),
                input(named(main, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "site-developer"), "subjects"));
        assertEquals("meltanodata-acme-admin",
                input(named(main, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "site-admin"), "roleRef.name"));
    }

    @Test
    void theSitesDeployersGetTheirTemplateOnlyInsideTheNamespace() {
        RecordedResource binding = named(main, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "site-deployers");
        assertEquals("acme-analytics-prod-main", input(binding, "metadata.namespace"));
        assertEquals(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", "meltanodata-acme-environment-deployer"),
                input(binding, "roleRef"));
        assertEquals(List.of(Map.of("kind", "Group", "apiGroup", "rbac.authorization.k8s.io", "name", "meltanodata-acme-deployers")),
                input(binding, "subjects"));
    }

    @Test
    void everyTaggableResourceAndKubernetesObjectIsChargedToTheInstance() {
        for (Rendering env : List.of(main, feature)) {
            env.where(r -> r.argsClass().map(ChargeBackTransformation::isTaggable).orElse(false)).forEach(r -> {
                assertEquals("activated-environment", input(r, "tags[\"meltanodata:layer\"]"), r.name());
                assertEquals(env.stack(), input(r, "tags[\"meltanodata:instance\"]"), r.name());
            });
            env.where(r -> r.type().startsWith("kubernetes:") && !r.type().contains("providers"))
                    .forEach(r -> assertEquals("analytics", input(r, "metadata.labels[\"meltanodata.io/project\"]"), r.name()));
        }
    }

    /**
     * The schedules are looked up only after the parent checks passed. Here the checks fail 200 ms after
     * the project's schedules are known: had the lookup run on the schedules alone, its "not in the
     * project" would end the run first, as it once did in CI, instead of the checks' one-line error.
     */
    @Test
    void aScheduleIsLookedUpOnlyAfterTheParentChecksPassed() {
        ActivatedEnvironmentConfig config = mainWith("meltanodata:schedules", "[\"nightly-typo\"]");
        RuntimeException error = Topology.environmentHarness(MAIN, Topology.analyticsOutputs()).renderFailing(ctx -> {
            var reference = new StackReference("hosted-project", StackReferenceArgs.builder().name(config.projectStack()).build());
            HostedProjectOutputs project = HostedProjectOutputs.read(reference);
            Output<List<Resource>> checksFailLater = project.schedules().apply(known -> Output.of(CompletableFuture.supplyAsync(
                    () -> {
                        throw new UserInputException("the parent checks failed");
                    }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))));
            new ActivatedEnvironment(config, project, checksFailLater);
        });
        assertEquals("the parent checks failed", error.getMessage());
    }

    @Test
    void exportsTheLayerFourContract() {
        assertEquals(new TreeSet<>(ActivatedEnvironmentOutputs.NAMES), new TreeSet<>(main.outputs().keySet()));
        assertEquals("refs/heads/main", main.outputs().get("ref"));
        assertEquals("PT72H", feature.outputs().get("ttl"));
        assertEquals(List.of("events-report:serve"), main.outputs().get("services"));
    }

    @Test
    void aScheduleTheProjectDoesNotDeclareFailsTheDeploy() {
        ActivatedEnvironmentConfig config = mainWith("meltanodata:schedules", "[\"nightly-typo\"]");
        RuntimeException error = Topology.environmentHarness(MAIN, Topology.analyticsOutputs())
                .renderFailing(ctx -> ActivatedEnvironmentProgram.run(ctx, config));
        assertEquals("Pulumi." + MAIN + ".yaml: config key 'meltanodata:schedules' has value 'nightly-typo'; allowed: "
                + "schedules of the project's meltano.yml (events-hourly, github-hourly, postgres-nightly, transform-weekdays, backfill)",
                error.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScheduleThatCannotRunFailsTheDeployNamingTheMissingPlugin() {
        Map<String, Object> project = new HashMap<>(Topology.analyticsOutputs());
        List<Map<String, Object>> schedules = new ArrayList<>();
        for (Object s : (List<?>) project.get("schedules")) {
            schedules.add((Map<String, Object>) s);
        }
        schedules.add(Map.of("name", "a-to-b", "cron", "0 3 * * *", "manual", false, "command", "meltano schedule run a-to-b",
                "job", "", "broken", "it names extractor 'tap-a', which meltano.yml does not define"));
        project.put("schedules", schedules);
        ActivatedEnvironmentConfig config = mainWith("meltanodata:schedules", "[\"github-hourly\", \"a-to-b\"]");
        RuntimeException error = Topology.environmentHarness(MAIN, project)
                .renderFailing(ctx -> ActivatedEnvironmentProgram.run(ctx, config));
        assertEquals("Pulumi." + MAIN + ".yaml: config key 'meltanodata:schedules' has value 'a-to-b', a schedule that cannot "
                + "run: it names extractor 'tap-a', which meltano.yml does not define", error.getMessage());

        ActivatedEnvironmentConfig other = mainWith("meltanodata:schedules", "[\"github-hourly\"]");
        Rendering rendered = Topology.environmentHarness(MAIN, project).render(ctx -> ActivatedEnvironmentProgram.run(ctx, other));
        assertEquals(1, rendered.ofType("kubernetes:batch/v1:CronJob").size(), "the broken schedule, not activated, is no error");
    }

    @Test
    void anEnvironmentWithTwoHundredSchedulesRenders() {
        Map<String, Object> project = new HashMap<>(Topology.analyticsOutputs());
        List<Map<String, Object>> schedules = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            schedules.add(Map.of("name", "s" + i, "cron", (i % 60) + " * * * *", "manual", false, "command", "meltano schedule run s" + i, "job", "j"));
            names.add("\"s" + i + "\"");
        }
        project.put("schedules", schedules);
        ActivatedEnvironmentConfig config = mainWith("meltanodata:schedules", "[" + String.join(",", names) + "]");
        Rendering big = Topology.environmentHarness(MAIN, project).render(ctx -> ActivatedEnvironmentProgram.run(ctx, config));
        assertEquals(200, big.ofType("kubernetes:batch/v1:CronJob").size());
        assertEquals(Set.of("0 * * * *", "19 * * * *"), Set.of(input(named(big, "kubernetes:batch/v1:CronJob", "schedule-s0"), "spec.schedule"),
                input(named(big, "kubernetes:batch/v1:CronJob", "schedule-s199"), "spec.schedule")));
    }

    /**
     * EKS injects a pod's credentials when the pod is admitted: "If a pod uses a service account that has
     * an association, Amazon EKS sets environment variables in the containers of the pod" (EKS API
     * Reference, "CreatePodIdentityAssociation",
     * https://docs.aws.amazon.com/eks/latest/APIReference/API_CreatePodIdentityAssociation.html; EKS User
     * Guide, "Learn how EKS Pod Identity grants pods access to AWS services",
     * https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html). A pod admitted before the
     * association exists runs without them, so no workload is created before it.
     */
    @Test
    void workloadsWaitForTheirPodIdentityAssociation() {
        for (Rendering rendering : List.of(main, feature)) {
            var workloads = rendering.where(r -> r.type().equals("kubernetes:batch/v1:CronJob")
                    || r.type().equals("kubernetes:apps/v1:Deployment"));
            assertEquals(rendering == main ? 6 : 2, workloads.size());
            workloads.forEach(w -> assertTrue(w.dependsOn().contains("pod-identity"), w.name() + " depends on " + w.dependsOn()));
        }
    }

    /**
     * A Deployment rolls out only when its pod template changes (Kubernetes, "Deployments": "A
     * Deployment's rollout is triggered if and only if the Deployment's Pod template is changed",
     * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#updating-a-deployment). The
     * template names the build by digest, so each new build the workflow pushes changes every workload.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aNewBuildChangesEveryWorkloadsPodTemplate() {
        String digest = "sha256:" + "4f".repeat(32);
        ActivatedEnvironmentConfig pushed = mainWith("meltanodata:imageDigest", digest);
        Rendering next = Topology.environmentHarness(MAIN, Topology.analyticsOutputs()).render(ctx -> ActivatedEnvironmentProgram.run(ctx, pushed));
        String image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/dev/acme/analytics@" + digest;
        next.ofType("kubernetes:batch/v1:CronJob").forEach(c -> assertEquals(image,
                input(c, "spec.jobTemplate.spec.template.spec.containers[0].image"), c.name()));
        next.ofType("kubernetes:apps/v1:Deployment").forEach(d -> assertEquals(image,
                input(d, "spec.template.spec.containers[0].image"), d.name()));
        assertEquals(6, next.ofType("kubernetes:batch/v1:CronJob").size() + next.ofType("kubernetes:apps/v1:Deployment").size());
    }

    /** A Layer 4 stack written by hand cannot enable a service the platform image cannot serve either. */
    @Test
    void aServiceThePlatformImageCannotServeFailsTheDeploy() {
        ActivatedEnvironmentConfig config = mainWith("meltanodata:services", "[\"evidence:serve\"]");
        RuntimeException error = Topology.environmentHarness(MAIN, Topology.analyticsOutputs())
                .renderFailing(ctx -> ActivatedEnvironmentProgram.run(ctx, config));
        assertEquals("Pulumi." + MAIN + ".yaml: config key 'meltanodata:services' has value 'evidence:serve'; allowed: "
                + "plugin commands of the project's meltano.yml the platform image can serve (events-report:serve)", error.getMessage());
    }

    /** The main stack's config with one key set to a value (YAML), as the stack file would hold it. */
    private static ActivatedEnvironmentConfig mainWith(String key, String value) {
        Map<String, String> values = StackFiles.with(DIR.resolve("Pulumi." + MAIN + ".yaml"), key, value);
        return ActivatedEnvironmentConfig.load(MapConfigSource.of("Pulumi." + MAIN + ".yaml", values), MAIN);
    }
}
