package io.meltanodata.servicefabric;

import io.meltanodata.components.Json;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.meltanodata.servicefabric.FabricFixtures.render;
import static io.meltanodata.servicefabric.FabricFixtures.validConfig;
import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.named;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where the fabric's pods run on an EKS Auto Mode cluster whose every node is tainted, whether
 * Auto Mode may launch the tagged nodes the NodeClasses ask for, and whether NetworkPolicies are
 * enforced at all: what AWS's documentation requires and no double here would refuse.
 */
class AutoModeComputeTest {
    static final String PLATFORM_TAINT = "meltanodata.io/platform";
    static Rendering fabric;

    @BeforeAll
    static void renderDefault() {
        fabric = render(validConfig());
    }

    /**
     * Auto Mode's built-in {@code system} pool is the only one the cluster enables, and its nodes
     * carry the {@code CriticalAddonsOnly} taint (EKS User Guide, "Run critical add-ons on dedicated
     * instances", https://docs.aws.amazon.com/eks/latest/userguide/critical-workload.html; "Enable or
     * Disable Built-in NodePools", https://docs.aws.amazon.com/eks/latest/userguide/set-builtin-node-pools.html):
     * without a pool of its own the API stays Pending. NodePool fields: "Create a Node Pool for EKS
     * Auto Mode", https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html.
     */
    @Test
    void theApiRunsOnlyOnThePlatformPoolWhichItsTaintKeepsForThePlatform() {
        RecordedResource pool = named(fabric, "kubernetes:karpenter.sh/v1:NodePool", "platform-node-pool");
        assertEquals("meltanodata-platform", input(pool, "metadata.name"));
        assertEquals(Map.of(PLATFORM_TAINT, "true"), input(pool, "spec.template.metadata.labels"));
        assertEquals(List.of(Map.of("key", PLATFORM_TAINT, "value", "true", "effect", "NoSchedule")),
                input(pool, "spec.template.spec.taints"));
        assertEquals(Map.of("group", "eks.amazonaws.com", "kind", "NodeClass", "name", "meltanodata-platform"),
                input(pool, "spec.template.spec.nodeClassRef"));
        assertEquals(Map.of("cpu", "8", "memory", "32Gi"), input(pool, "spec.limits"), "a runaway cannot grow the bill unbounded");
        assertEquals(List.of(
                        Map.of("key", "karpenter.sh/capacity-type", "operator", "In", "values", List.of("on-demand")),
                        Map.of("key", "eks.amazonaws.com/instance-category", "operator", "In", "values", List.of("c", "m")),
                        Map.of("key", "eks.amazonaws.com/instance-cpu", "operator", "In", "values", List.of("2", "4")),
                        Map.of("key", "kubernetes.io/arch", "operator", "In", "values", List.of("amd64"))),
                input(pool, "spec.template.spec.requirements"));

        RecordedResource nodeClass = named(fabric, "kubernetes:eks.amazonaws.com/v1:NodeClass", "platform-node-class");
        assertEquals("meltanodata-platform", input(nodeClass, "metadata.name"));
        assertEquals("meltanodata-test-node", input(nodeClass, "spec.role"), "the role the cluster's access entry admits");
        @SuppressWarnings("unchecked")
        List<String> privateSubnets = (List<String>) fabric.outputs().get("privateSubnetIds");
        assertEquals(privateSubnets.stream().map(id -> Map.of("id", id)).toList(), input(nodeClass, "spec.subnetSelectorTerms"));
        assertEquals(List.of(Map.of("id", fabric.outputs().get("clusterSecurityGroupId"))), input(nodeClass, "spec.securityGroupSelectorTerms"));
        assertEquals(Map.of("meltanodata:layer", "service-fabric", "meltanodata:fabric", "test"), input(nodeClass, "spec.tags"),
                "platform instances are charged to the fabric");

        RecordedResource api = one(fabric, "kubernetes:apps/v1:Deployment");
        assertEquals(Map.of(PLATFORM_TAINT, "true"), input(api, "spec.template.spec.nodeSelector"),
                "selects platform nodes, which no site pool labels");
        assertEquals(List.of(Map.of("key", PLATFORM_TAINT, "operator", "Equal", "value", "true", "effect", "NoSchedule")),
                input(api, "spec.template.spec.tolerations"), "tolerates the platform's taint and nothing else: no site's, no CriticalAddonsOnly");
        assertEquals(List.of("system"), input(one(fabric, "aws:eks/cluster:Cluster"), "computeConfig.nodePools"));
    }

    /**
     * The add-on's operator tolerates nothing by default, and with no operator there is no agent
     * DaemonSet; the agents must run on every node, each site's tainted for it. "The add-on and the
     * Helm chart use the same configuration values" (CloudWatch User Guide, "Configuring the add-on
     * and the Helm chart",
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/eks-observability-addon-configure.html):
     * root {@code tolerations} for the components without their own, {@code manager.tolerations} and
     * {@code manager.nodeSelector} for the operator (chart values.yaml of amazon-cloudwatch-observability).
     */
    @Test
    void theObservabilityAddOnRunsItsOperatorOnThePlatformPoolAndItsAgentsOnEveryNode() {
        RecordedResource addon = named(fabric, "aws:eks/addon:Addon", "amazon-cloudwatch-observability");
        Map<String, Object> values = Json.mapper().convertValue(readJson(input(addon, "configurationValues")), Map.class);
        assertEquals(List.of(
                        Map.of("key", "meltanodata.io/site", "operator", "Exists", "effect", "NoSchedule"),
                        Map.of("key", PLATFORM_TAINT, "operator", "Equal", "value", "true", "effect", "NoSchedule"),
                        Map.of("key", "CriticalAddonsOnly", "operator", "Exists")),
                values.get("tolerations"), "every site's nodes (any value), the platform's and the system pool's");
        assertEquals(Map.of(
                        "nodeSelector", Map.of(PLATFORM_TAINT, "true"),
                        "tolerations", List.of(Map.of("key", PLATFORM_TAINT, "operator", "Equal", "value", "true", "effect", "NoSchedule"))),
                values.get("manager"));
        assertEquals(2, values.size());
    }

    /**
     * AWS's managed cluster policies allow only EKS's own tags, and every NodeClass sets
     * {@code spec.tags}: without the documented statements no node launches (EKS User Guide,
     * "Amazon EKS Auto Mode cluster IAM role", section "Custom AWS tags for EKS Auto resources",
     * https://docs.aws.amazon.com/eks/latest/userguide/auto-cluster-iam-role.html#tag-prop).
     */
    @Test
    void theClusterRoleMayLaunchTheTaggedNodesTheNodeClassesAskFor() {
        RecordedResource tags = named(fabric, "aws:iam/rolePolicy:RolePolicy", "cluster-role-custom-tags");
        assertEquals("meltanodata-test-cluster", input(tags, "role"));
        String inAccount = "arn:aws:ec2:eu-west-1:123456789012:*";
        String thisCluster = "${aws:PrincipalTag/eks:eks-cluster-name}";
        assertEquals(List.of(
                Map.of("Sid", "Compute", "Effect", "Allow",
                        "Action", List.of("ec2:CreateFleet", "ec2:RunInstances", "ec2:CreateLaunchTemplate"),
                        "Resource", List.of(inAccount),
                        "Condition", Map.of(
                                "StringEquals", Map.of("aws:RequestTag/eks:eks-cluster-name", thisCluster),
                                "StringLike", Map.of("aws:RequestTag/eks:kubernetes-node-class-name", "*",
                                        "aws:RequestTag/eks:kubernetes-node-pool-name", "*"))),
                Map.of("Sid", "Networking", "Effect", "Allow",
                        "Action", List.of("ec2:CreateNetworkInterface"),
                        "Resource", List.of(inAccount),
                        "Condition", Map.of(
                                "StringEquals", Map.of("aws:RequestTag/eks:eks-cluster-name", thisCluster),
                                "StringLike", Map.of("aws:RequestTag/eks:kubernetes-cni-node-name", "*")))),
                PolicyDocument.parse(input(tags, "policy")));
        assertEquals(List.of("sts:AssumeRole", "sts:TagSession"), PolicyDocument.parse(
                        input(named(fabric, "aws:iam/role:Role", "cluster-role"), "assumeRolePolicy")).get(0).get("Action"),
                "EKS sets the eks-cluster-name session tag the conditions compare with");
    }

    /**
     * NetworkPolicies are not enforced on Auto Mode until {@code kube-system/amazon-vpc-cni} turns
     * the controller on, and the nodes' NodeClass configures the agent (EKS User Guide, "Use network
     * policies with EKS Auto Mode", https://docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html).
     * The Service range is fixed so that Layer 4 can admit the node-local DNS address (EKS User
     * Guide, "Learn about VPC Networking and Load Balancing in EKS Auto Mode",
     * https://docs.aws.amazon.com/eks/latest/userguide/auto-networking.html).
     */
    @Test
    void networkPoliciesAreEnforcedOnEveryNodeAndTheServiceRangeIsKnown() {
        RecordedResource controller = one(fabric, "kubernetes:core/v1:ConfigMap");
        assertEquals("amazon-vpc-cni", input(controller, "metadata.name"));
        assertEquals("kube-system", input(controller, "metadata.namespace"));
        assertEquals(Map.of("enable-network-policy-controller", "true"), input(controller, "data"));
        RecordedResource nodeClass = named(fabric, "kubernetes:eks.amazonaws.com/v1:NodeClass", "platform-node-class");
        assertEquals("DefaultAllow", input(nodeClass, "spec.networkPolicy"));
        assertEquals("Enabled", input(nodeClass, "spec.networkPolicyEventLogs"));
        assertEquals("172.20.0.0/16", input(one(fabric, "aws:eks/cluster:Cluster"), "kubernetesNetworkConfig.serviceIpv4Cidr"));
    }

    private static Object readJson(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("configurationValues is not JSON: " + text, e);
        }
    }
}
