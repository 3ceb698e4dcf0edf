package io.meltanodata.servicefabric;

import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.meltanodata.servicefabric.FabricFixtures.render;
import static io.meltanodata.servicefabric.FabricFixtures.validConfig;
import static io.meltanodata.servicefabric.FabricFixtures.with;
import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.named;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The pipelines reach the cluster from their second run on. Sources, EKS User Guide:
 * "Create access entries" (https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html):
 * one access entry per IAM principal, role ARNs may carry a path, entries are eventually consistent
 * ("may take several seconds to be effective"); "Associate access policies with access entries"
 * (https://docs.aws.amazon.com/eks/latest/userguide/access-policies.html) and "Review access policy
 * permissions" (https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html):
 * AmazonEKSAdminPolicy and AmazonEKSEditPolicy grant namespaced kinds only, never ClusterRoles,
 * admission policies or NodePools, which Layers 1 and 2 apply, so AmazonEKSClusterAdminPolicy at
 * cluster scope is the least policy either pipeline can work with (a server-side dry run is
 * authorized like the real request: Kubernetes, "API concepts", dry-run authorization);
 * "Control network access to cluster API server endpoint"
 * (https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html): a private endpoint is
 * reached from the VPC or a connected network whose range the control plane security group admits
 * on port 443.
 */
class PipelineAccessTest {
    static final String DEPLOY = "arn:aws:iam::111122223333:role/ci/meltanodata-deploy";
    static final String PREVIEW = "arn:aws:iam::111122223333:role/ci/meltanodata-preview";
    static final String ADMIN = "arn:aws:iam::111122223333:role/PlatformAdmin";
    static final String CLUSTER_ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

    static Map<String, String> withPipelines() {
        Map<String, String> config = validConfig();
        config.put("meltanodata:pipelineDeployRole", DEPLOY);
        config.put("meltanodata:pipelinePreviewRole", PREVIEW);
        config.put("meltanodata:endpointPrivateAccessCidrs", "[\"10.99.0.0/24\",\"192.168.8.0/22\"]");
        return config;
    }

    @Test
    void bothPipelineRolesGetClusterAdminAtClusterScopeLikeThePlatformAdmins() {
        Rendering fabric = render(withPipelines());
        assertEquals(Map.of("admin-0", ADMIN, "pipeline-deploy", DEPLOY, "pipeline-preview", PREVIEW),
                principals(fabric, "aws:eks/accessEntry:AccessEntry"));
        assertEquals(principals(fabric, "aws:eks/accessEntry:AccessEntry"),
                principals(fabric, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation"));
        for (RecordedResource association : fabric.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation")) {
            assertEquals(CLUSTER_ADMIN, input(association, "policyArn"), association.name());
            assertEquals("cluster", input(association, "accessScope.type"), association.name());
            assertEquals(List.of(association.name()), association.dependsOn(), "the entry exists before its policy");
        }
        for (RecordedResource entry : fabric.ofType("aws:eks/accessEntry:AccessEntry")) {
            assertEquals("STANDARD", input(entry, "type"), entry.name());
            assertEquals("meltanodata-test", input(entry, "clusterName"), entry.name());
        }
    }

    /** Even the first, hand-run `up` creates the Kubernetes objects only once its runner is let in. */
    @Test
    void theKubernetesProviderWaitsForEveryAssociationAndEndpointRule() {
        RecordedResource provider = one(render(withPipelines()), "pulumi:providers:kubernetes");
        assertEquals(List.of("admin-0", "pipeline-deploy", "pipeline-preview", "api-from-10-99-0-0-24",
                "api-from-192-168-8-0-22"), provider.dependsOn());
        assertEquals(List.of("admin-0"), one(render(validConfig()), "pulumi:providers:kubernetes").dependsOn());
    }

    /**
     * One SecurityGroupIngressRule per runners' network, on the security group EKS created for the
     * control plane. Amazon VPC User Guide, "Security group rules"
     * (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html): a rule names one
     * protocol, port range and source; "Amazon VPC quotas"
     * (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html): 60 inbound rules per
     * security group by default, so the config refuses more networks than leave EKS room.
     */
    @Test
    void runnersNetworksReachThePrivateEndpointOnPort443Only() {
        Rendering fabric = render(withPipelines());
        List<RecordedResource> rules = fabric.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        assertEquals(2, rules.size());
        RecordedResource rule = named(fabric, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "api-from-10-99-0-0-24");
        assertEquals(fabric.outputs().get("clusterSecurityGroupId"), input(rule, "securityGroupId"),
                "the control plane's security group, which EKS created");
        assertEquals("tcp", input(rule, "ipProtocol"));
        assertEquals((Object) 443, input(rule, "fromPort"));
        assertEquals((Object) 443, input(rule, "toPort"));
        assertEquals("10.99.0.0/24", input(rule, "cidrIpv4"));
        assertEquals(List.of(), render(validConfig()).ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"));
    }

    static Stream<Arguments> badConfigs() {
        String roleAllowed = "an IAM role ARN such as arn:aws:iam::111122223333:role/meltanodata-deploy";
        String cidrAllowed = "private (RFC 1918) IPv4 networks of the pipeline runners, e.g. 10.99.0.0/24, each once";
        Map<String, String> sameRole = withPipelines();
        sameRole.put("meltanodata:pipelinePreviewRole", DEPLOY);
        return Stream.of(
                arguments(with("meltanodata:pipelineDeployRole", "arn:aws:iam::111122223333:user/ci"),
                        "'meltanodata:pipelineDeployRole' has value 'arn:aws:iam::111122223333:user/ci'; allowed: " + roleAllowed),
                arguments(with("meltanodata:pipelineDeployRole", ADMIN),
                        "'meltanodata:pipelineDeployRole' has value '" + ADMIN + "'; allowed: " + roleAllowed
                                + " that is not a platform admin nor the other pipeline's role (EKS gives an IAM principal one access entry)"),
                arguments(sameRole, "'meltanodata:pipelinePreviewRole' has value '" + DEPLOY + "'; allowed: " + roleAllowed
                        + " that is not a platform admin nor the other pipeline's role (EKS gives an IAM principal one access entry)"),
                arguments(with("meltanodata:endpointPrivateAccessCidrs", "[\"203.0.113.0/24\"]"),
                        "'meltanodata:endpointPrivateAccessCidrs' has value '203.0.113.0/24'; allowed: " + cidrAllowed),
                arguments(with("meltanodata:endpointPrivateAccessCidrs", "[\"10.99.0.0/24\",\"10.99.0.0/24\"]"),
                        "'meltanodata:endpointPrivateAccessCidrs' has value '10.99.0.0/24'; allowed: " + cidrAllowed),
                arguments(with("meltanodata:endpointPrivateAccessCidrs", java.util.stream.IntStream.range(0, 51)
                                .mapToObj(i -> "\"10.99." + i + ".0/24\"").collect(java.util.stream.Collectors.joining(",", "[", "]"))),
                        "'meltanodata:endpointPrivateAccessCidrs' has value '51 networks'; allowed: at most 50 (each is an inbound "
                                + "rule of the cluster security group, which holds 60 by default)"),
                arguments(with("meltanodata:endpointPrivateAccessCidrs", "[\"10.99.0.1/24\"]"),
                        "'meltanodata:endpointPrivateAccessCidrs' has value '10.99.0.1/24'; allowed: " + cidrAllowed));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badValueFailsWithOneLineBeforeAnyResource(Map<String, String> config, String message) {
        RuntimeException error = LayerHarness.stack(ServiceFabricProgram.PROJECT, "test").renderFailing(ctx ->
                ServiceFabricProgram.run(ctx, ServiceFabricConfig.load(FabricFixtures.source(config), "test")));
        assertEquals("Pulumi.test.yaml: config key " + message, error.getMessage());
    }

    @Test
    void theProviderConnectsOnceTheNewestAssociationHadTimeToTakeEffect() {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");
        assertEquals(Optional.of(Instant.parse("2026-12-03T07:59:55.5Z")),
                ClusterAccessEntries.parse("2026-12-03 07:59:55.5 +0000 UTC"), "Go's time.Time.String(), as the AWS provider reports it");
        assertEquals(Optional.of(Instant.parse("2026-12-03T07:59:50Z")), ClusterAccessEntries.parse("2026-12-03T08:59:50+01:00"));
        assertEquals(Optional.empty(), ClusterAccessEntries.parse("yesterday"));
        assertEquals(Duration.ofMillis(10_500), ClusterAccessEntries.remainingWait(List.of(
                ClusterAccessEntries.parse("2026-12-03 07:59:55.5 +0000 UTC"), ClusterAccessEntries.parse("2025-01-01 00:00:00 +0000 UTC")), now));
        assertEquals(Duration.ZERO, ClusterAccessEntries.remainingWait(List.of(
                ClusterAccessEntries.parse("2026-12-03 07:59:30 +0000 UTC")), now), "an old association: no wait");
        assertEquals(Duration.ZERO, ClusterAccessEntries.remainingWait(List.of(Optional.empty()), now), "not reported: no wait");
    }

    /** The wait runs inside the program: a resource taking the settled value is registered after it. */
    @Test
    void aFreshAssociationHoldsTheValueBackUntilItHasSettled() {
        Instant associated = Instant.now().minus(ClusterAccessEntries.SETTLE).plusMillis(700);
        long start = System.nanoTime();
        Rendering rendering = LayerHarness.stack("probe", "test").render(ctx -> new com.pulumi.aws.s3.BucketV2("probe",
                com.pulumi.aws.s3.BucketV2Args.builder().bucket(ClusterAccessEntries.settled(
                        com.pulumi.core.Output.of(List.of(Optional.of(associated))), com.pulumi.core.Output.of("settled")))
                        .build()));
        assertEquals("settled", input(one(rendering, "aws:s3/bucketV2:BucketV2"), "bucket"));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(waitedMillis >= 300, "waited " + waitedMillis + " ms");
    }

    static Map<String, Object> principals(Rendering fabric, String type) {
        Map<String, Object> out = new java.util.TreeMap<>();
        fabric.ofType(type).forEach(r -> out.put(r.name(), input(r, "principalArn")));
        return out;
    }
}
