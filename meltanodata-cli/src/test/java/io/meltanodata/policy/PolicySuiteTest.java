package io.meltanodata.policy;

import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.Layers;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.preview.TopologyPreview;
import io.meltanodata.testing.ExampleProjects;
import io.meltanodata.testing.RepositoryCopy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The policy suite over the rendered topology of two sites with two projects each and an
 * environment of every project on main and on a feature branch: clean. Then each rule is fed
 * one deliberately broken resource and must fire, naming it.
 */
class PolicySuiteTest {
    static final PolicySuite SUITE = PolicySuite.standard();
    static final Set<String> FIRED = new HashSet<>();
    static List<LayerRendering> clean;

    @BeforeAll
    static void render(@TempDir Path root) {
        RepositoryCopy repo = RepositoryCopy.of(Path.of(".."), root);
        ExampleProjects.add(repo, "acme", "reports");
        ExampleProjects.add(repo, "globex", "analytics");
        ExampleProjects.add(repo, "globex", "billing");
        TopologyPreview preview = new TopologyPreview(Layers.all());
        clean = preview.render(preview.exampleStackFiles(root));
    }

    @Test
    void theTopologyOfTwoSitesWithTwoProjectsEachIsClean() {
        assertEquals(2 + 2 + 4 + 8, clean.size(), "2 fabrics, 2 sites, 4 projects, 8 environments");
        assertEquals(List.of(), SUITE.check(clean));
        System.out.println("PolicySuite: " + SUITE.rules().size() + " rules over " + clean.size() + " stacks, "
                + clean.stream().mapToInt(l -> l.rendering().resources().size()).sum() + " resources: no findings");
    }

    @Test
    void ruleIdsAreUniqueAndStable() {
        List<String> ids = SUITE.rules().stream().map(PolicyRule::id).toList();
        assertEquals(ids.size(), Set.copyOf(ids).size());
        assertEquals(55, ids.size());
    }

    static final String MAIN = "acme.analytics.prod.main";

    static Stream<Arguments> brokenResources() {
        String cronJob = "kubernetes:batch/v1:CronJob";
        String container = "spec.jobTemplate.spec.template.spec.containers[0]";
        return Stream.of(
                arguments("ISO-001", "acme", "aws:iam/role:Role", (Consumer<Map<String, Object>>) in -> in.remove("permissionsBoundary")),
                arguments("ISO-002", "acme", "aws:iam/rolePolicy:RolePolicy", change("policy", p -> p.toString().replace("acme", "globex"))),
                arguments("ISO-003", "acme", "aws:iam/rolePolicy:RolePolicy", set("policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Leak\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}]}")),
                arguments("ISO-004", MAIN, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", set("roleRef.name", "meltanodata-globex-admin")),
                arguments("ISO-005", MAIN, cronJob, set("spec.jobTemplate.spec.template.spec.nodeSelector", Map.of("meltanodata.io/site", "other"))),
                arguments("ISO-006", "acme", "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
                        set("spec.matchResources.namespaceSelector.matchLabels", Map.of("team", "any"))),
                arguments("ISO-007", "acme", "aws:iam/policy:Policy", set("policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Retag\",\"Effect\":\"Allow\",\"Action\":[\"eks:TagResource\"],"
                                + "\"Resource\":\"arn:aws:eks:eu-west-1:123456789012:podidentityassociation/meltanodata-dev/*\","
                                + "\"Condition\":{\"StringEquals\":{\"aws:RequestTag/meltanodata:site\":\"acme\"}}}]}")),
                arguments("ISO-008", MAIN, "aws:iam/rolePolicy:RolePolicy", set("policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"JobLogs\",\"Effect\":\"Allow\",\"Action\":[\"logs:PutLogEvents\"],"
                                + "\"Resource\":\"arn:aws:logs:eu-west-1:123456789012:log-group:/meltanodata/dev/jobs:*\"}]}")),
                arguments("ISO-009", "acme", "aws:kms/keyPolicy:KeyPolicy", set("policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Account\",\"Effect\":\"Allow\","
                                + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":[\"kms:*\"],\"Resource\":\"*\"}]}")),
                arguments("NAME-001", "acme", "aws:s3/bucketV2:BucketV2", set("bucket", "meltanodata-dev-ui")),
                arguments("EKS-001", "dev", "aws:eks/cluster:Cluster", (Consumer<Map<String, Object>>) in -> in.remove("encryptionConfig")),
                arguments("EKS-002", "dev", "aws:eks/cluster:Cluster", set("enabledClusterLogTypes", List.of("api"))),
                arguments("EKS-003", "dev", "aws:eks/cluster:Cluster", set("vpcConfig.publicAccessCidrs", List.of("0.0.0.0/0"))),
                arguments("EKS-006", "dev", "aws:eks/cluster:Cluster", set("version", "1.31")),
                arguments("EKS-007", "acme", "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", Map.of(
                        "clusterName", "meltanodata-dev", "principalArn", "arn:aws:iam::123456789012:role/acme-admin",
                        "policyArn", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                        "accessScope", Map.of("type", "cluster"))),
                arguments("KMS-001", "acme", "aws:kms/key:Key", set("enableKeyRotation", false)),
                arguments("LOG-001", "dev", "aws:cloudwatch/logGroup:LogGroup", (Consumer<Map<String, Object>>) in -> in.remove("retentionInDays")),
                arguments("S3-001", "acme", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", set("blockPublicPolicy", false)),
                arguments("S3-002", "acme", "aws:s3/bucketPolicy:BucketPolicy", set("policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"x\"},\"Action\":[\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::b/*\"}]}")),
                arguments("S3-003", "acme", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                        set("rules", List.of(Map.of("applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "AES256"))))),
                arguments("NET-001", "dev", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", Map.of(
                        "cidrIpv4", "0.0.0.0/0", "fromPort", 22, "toPort", 22, "ipProtocol", "tcp")),
                arguments("NET-002", MAIN, "kubernetes:networking.k8s.io/v1:NetworkPolicy", set("spec.egress",
                        List.of(Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", "0.0.0.0/0"))))))),
                arguments("NET-005", "prod", "kubernetes:networking.k8s.io/v1:Ingress",
                        set("metadata.annotations[\"alb.ingress.kubernetes.io/listen-ports\"]", "[{\"HTTP\": 80}]")),
                arguments("POD-001", MAIN, "kubernetes:core/v1:Namespace", set("metadata.labels[\"pod-security.kubernetes.io/enforce\"]", "baseline")),
                arguments("POD-002", MAIN, cronJob, set(container + ".securityContext.readOnlyRootFilesystem", false)),
                arguments("POD-003", MAIN, cronJob, set("spec.jobTemplate.spec.template.spec.hostNetwork", true)),
                arguments("CB-001", "acme", "aws:kms/key:Key", set("tags[\"meltanodata:site\"]", "globex")),
                arguments("CB-002", MAIN, "kubernetes:core/v1:ServiceAccount", set("metadata.labels", Map.of())),
                // CUR User Guide, "Understanding split cost allocation data": no requests, no split cost.
                arguments("CB-003", MAIN, cronJob, set(container + ".resources.requests", Map.of("cpu", "1"))),
                arguments("CB-003", MAIN, cronJob, set("spec.jobTemplate.spec.template.spec.initContainers[0].resources",
                        Map.of("limits", Map.of("cpu", "200m", "memory", "256Mi")))),
                arguments("CB-003", "prod", "kubernetes:apps/v1:Deployment", set("spec.template.spec.containers[0].resources", Map.of())),
                // AWS Data Exports User Guide, "Cost and Usage Report (CUR) 2.0" table configurations.
                arguments("CB-004", "prod", "aws:bcmdata/export:Export",
                        set("export.dataQueries[0].tableConfigurations.COST_AND_USAGE_REPORT.INCLUDE_SPLIT_COST_ALLOCATION_DATA", "FALSE")),
                arguments("DATA-001", "acme", "aws:kms/key:Key", "unprotect"),
                arguments("DATA-002", MAIN, "aws:s3/bucketV2:BucketV2", set("forceDestroy", true)),
                // an archive's lifecycle deleted by destroy: nothing would ever be archived or expired
                arguments("DATA-003", MAIN, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "unprotect"),
                // IAM User Guide, "IAM and AWS STS quotas": a managed policy holds at most 6,144 characters.
                arguments("LIMIT-001", "acme", "aws:iam/policy:Policy", set("policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],"
                                + "\"Resource\":[\"arn:aws:s3:::meltanodata-dev-acme/" + "x".repeat(6_100) + "\"]}]}")),
                // AwsLimits, one rule per service: Amazon S3 User Guide, "General purpose bucket naming rules" (63);
                // Amazon CloudWatch API Reference, "PutMetricAlarm" (AlarmName 255); Tagging AWS Resources, "Tag naming
                // limits and requirements" (aws: reserved); Kubernetes documentation, "CronJob" (names 52).
                arguments("LIMIT-002", "acme", "aws:s3/bucketV2:BucketV2", set("bucket", "meltanodata-" + "x".repeat(52))),
                arguments("LIMIT-007", "dev", "aws:cloudwatch/metricAlarm:MetricAlarm", set("name", "a".repeat(256))),
                arguments("LIMIT-012", "acme", "aws:kms/key:Key", set("tags[\"aws:owner\"]", "me")),
                arguments("LIMIT-013", MAIN, cronJob, set("metadata.name", "x".repeat(53))),
                // AWS Certificate Manager API Reference, "RequestCertificate": a first domain name of at most 64 characters.
                arguments("LIMIT-015", "prod", "aws:acm/certificate:Certificate", set("domainName", "api." + "a".repeat(57) + ".com")),
                // Amazon Route 53 Developer Guide, "DNS domain name format": labels of at most 63 bytes.
                arguments("LIMIT-016", "prod", "aws:route53/record:Record", set("name", "a".repeat(64) + ".meltanodata.example.com")),
                // A merged statement may name the cluster for eks:DescribeCluster; EKS's own tagging on it is still caught.
                arguments("ISO-007", "globex", "aws:iam/policy:Policy", set("policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Ops\",\"Effect\":\"Allow\","
                                + "\"Action\":[\"eks:DescribeCluster\",\"eks:TagResource\",\"budgets:TagResource\"],"
                                + "\"Resource\":[\"arn:aws:eks:eu-west-1:123456789012:cluster/meltanodata-dev\"]}]}")),
                // Auto Mode: EKS User Guide, "Run critical add-ons on dedicated instances" (the system pool's taint),
                // "Amazon EKS Auto Mode cluster IAM role" (custom tags), "Use network policies with EKS Auto Mode",
                // "Learn about VPC Networking and Load Balancing in EKS Auto Mode" (node-local DNS).
                arguments("SCHED-001", "dev", "kubernetes:apps/v1:Deployment", set("spec.template.spec.tolerations", List.of())),
                arguments("SCHED-001", "dev", "kubernetes:apps/v1:Deployment", set("spec.template.spec.tolerations",
                        List.of(Map.of("key", "meltanodata.io/site", "operator", "Exists")))),
                // a pod requesting more vCPUs than site acme's largest node (nodeMaxCpu 8) never schedules
                arguments("SCHED-003", MAIN, cronJob, set(container + ".resources.requests", Map.of("cpu", "9", "memory", "1Gi"))),
                arguments("SCHED-002", "dev", "aws:eks/addon:Addon", (Consumer<Map<String, Object>>) in -> in.remove("configurationValues")),
                arguments("SCHED-002", "dev", "aws:eks/addon:Addon", set("configurationValues",
                        "{\"tolerations\":[{\"key\":\"CriticalAddonsOnly\",\"operator\":\"Exists\"}],\"manager\":{\"tolerations\":[]}}")),
                arguments("EKS-004", "dev", "aws:eks/cluster:Cluster", set("roleArn", "arn:aws:iam::123456789012:role/meltanodata-dev-other")),
                arguments("NET-003", "acme", "kubernetes:eks.amazonaws.com/v1:NodeClass",
                        (Consumer<Map<String, Object>>) in -> ((Map<?, ?>) in.get("spec")).remove("networkPolicy")),
                arguments("NET-003", "dev", "kubernetes:core/v1:ConfigMap", set("data", Map.of("enable-network-policy-controller", "false"))),
                arguments("NET-004", MAIN, "kubernetes:networking.k8s.io/v1:NetworkPolicy", set("spec.egress", List.of(Map.of(
                        "to", List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")))),
                        "ports", List.of(Map.of("protocol", "UDP", "port", 53)))))));
    }

    @ParameterizedTest(name = "{0} fires on a broken {2}")
    @MethodSource("brokenResources")
    void eachRuleFiresOnADeliberatelyBrokenResource(String rule, String stack, String type, Object breakage) {
        List<LayerRendering> broken = new ArrayList<>();
        String[] brokenName = {null};
        for (LayerRendering layer : clean) {
            Rendering r = layer.rendering();
            if (!r.stack().equals(stack)) {
                broken.add(layer);
                continue;
            }
            List<RecordedResource> resources = new ArrayList<>();
            boolean done = false;
            for (RecordedResource res : r.resources()) {
                if (!done && res.type().equals(type) && breakage instanceof Consumer<?> c) {
                    Map<String, Object> inputs = deepCopy(res.inputs());
                    @SuppressWarnings("unchecked")
                    Consumer<Map<String, Object>> mutation = (Consumer<Map<String, Object>>) c;
                    mutation.accept(inputs);
                    res = new RecordedResource(res.type(), res.name(), inputs, res.parent(), res.protect(), res.retainOnDelete(), res.argsClass());
                    brokenName[0] = res.name();
                    done = true;
                } else if (!done && res.type().equals(type) && "unprotect".equals(breakage)) {
                    res = new RecordedResource(res.type(), res.name(), res.inputs(), res.parent(), false, false, res.argsClass());
                    brokenName[0] = res.name();
                    done = true;
                }
                resources.add(res);
            }
            if (breakage instanceof Map<?, ?> added) {
                @SuppressWarnings("unchecked")
                Map<String, Object> inputs = (Map<String, Object>) added;
                resources.add(new RecordedResource(type, "open-admin-port", inputs, Optional.empty(), false, false, Optional.empty()));
                brokenName[0] = "open-admin-port";
            }
            assertTrue(brokenName[0] != null, "no " + type + " in " + stack);
            broken.add(new LayerRendering(layer.layer(), layer.stackFile(),
                    new Rendering(r.project(), r.stack(), resources, r.outputs(), r.secretOutputs())));
        }
        List<Finding> findings = SUITE.check(broken);
        assertTrue(findings.stream().anyMatch(f -> f.rule().equals(rule) && f.stack().equals(stack)
                && f.resource().equals(brokenName[0])), rule + " did not fire: " + findings);
        FIRED.add(rule);
    }

    @AfterAll
    static void everyRuleWasProvenToFire() {
        System.out.println("PolicySuite: " + FIRED.size() + " of " + SUITE.rules().size() + " rules proven to fire on a broken resource");
    }

    static Consumer<Map<String, Object>> set(String path, Object value) {
        return inputs -> put(inputs, path, value);
    }

    static Consumer<Map<String, Object>> change(String key, java.util.function.UnaryOperator<Object> f) {
        return inputs -> inputs.put(key, f.apply(inputs.get(key)));
    }

    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> inputs, String path, Object value) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("\\.(?![^\\[]*\"\\])")) {
            parts.addAll(List.of(p.replace("[\"", "\u0000").replace("\"]", "").split("\u0000")));
        }
        Object current = inputs;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            int index = -1;
            if (part.matches(".*\\[\\d+]")) {
                index = Integer.parseInt(part.substring(part.indexOf('[') + 1, part.length() - 1));
                part = part.substring(0, part.indexOf('['));
            }
            Map<String, Object> map = (Map<String, Object>) current;
            if (i == parts.size() - 1 && index < 0) {
                map.put(part, value);
                return;
            }
            current = map.computeIfAbsent(part, k -> new LinkedHashMap<String, Object>());
            if (index >= 0) {
                current = ((List<Object>) current).get(index);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            return (T) new ArrayList<>(l.stream().map(PolicySuiteTest::deepCopy).toList());
        }
        return value;
    }
}
