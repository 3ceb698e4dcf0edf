package io.meltanodata.servicefabric;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.components.kubernetes.AutoModeNodes;
import io.meltanodata.components.kubernetes.KubernetesObject;

import java.util.List;
import java.util.Map;

/**
 * Where the fabric's own workloads run (the API, the CloudWatch operator): an Auto Mode NodeClass
 * and NodePool of our own, {@value #NAME}, labelled and tainted {@code meltanodata.io/platform=true}
 * so nothing else lands there (decision 0007). Auto Mode's built-in {@code system} pool stays on
 * for add-ons that tolerate {@code CriticalAddonsOnly}; nothing of ours does. On-demand c/m
 * instances of 2 or 4 vCPU, capped at {@value #CPU_LIMIT} vCPU and {@value #MEMORY_LIMIT}; the
 * instances are tagged to the fabric, and the NodeClass enforces NetworkPolicies like the sites'.
 * No site pool shares the name: a site's is {@code meltanodata-<site>} and {@code platform} is a
 * reserved site name.
 */
final class PlatformCompute {
    static final String NAME = "meltanodata-platform";
    static final Map<String, String> TAINT = AutoModeNodes.noSchedule(AutoModeNodes.PLATFORM_KEY, AutoModeNodes.PLATFORM_VALUE);
    static final Map<String, String> NODE_SELECTOR = Map.of(AutoModeNodes.PLATFORM_KEY, AutoModeNodes.PLATFORM_VALUE);
    static final List<Map<String, String>> TOLERATIONS = List.of(AutoModeNodes.toleration(TAINT));
    static final String CPU_LIMIT = "8";
    static final String MEMORY_LIMIT = "32Gi";
    static final String CONSOLIDATE_AFTER = "300s";
    static final String EXPIRE_AFTER = "168h";

    private final KubernetesObject pool;

    PlatformCompute(ServiceFabricConfig config, Cluster cluster, Network network, Provider kubernetes, Resource parent) {
        var k8s = CustomResourceOptions.builder().parent(parent).provider(kubernetes).build();
        Map<String, String> tags = Map.of(ChargeBack.TAG_PREFIX + "layer", Layer.SERVICE_FABRIC.slug(),
                ChargeBack.TAG_PREFIX + "fabric", config.fabricName());
        Output<String> securityGroup = cluster.cluster().vpcConfig().applyValue(v -> v.clusterSecurityGroupId().orElse(""));
        var nodeClass = new KubernetesObject("platform-node-class", AutoModeNodes.NODE_CLASS_API, "NodeClass",
                ObjectMetaArgs.builder().name(NAME).build(),
                Output.tuple(cluster.nodeRole().name(), network.privateSubnetIds(), securityGroup)
                        .applyValue(t -> AutoModeNodes.nodeClassSpec(t.t1, t.t2, t.t3, tags)), k8s);
        pool = new KubernetesObject("platform-node-pool", AutoModeNodes.NODE_POOL_API, "NodePool",
                ObjectMetaArgs.builder().name(NAME).build(), Output.of(nodePoolSpec()),
                CustomResourceOptions.builder().parent(parent).provider(kubernetes).dependsOn(nodeClass).build());
    }

    static Map<String, Object> nodePoolSpec() {
        return AutoModeNodes.nodePoolSpec(NAME, NODE_SELECTOR, TAINT, List.of(
                        AutoModeNodes.requirement("karpenter.sh/capacity-type", "on-demand"),
                        AutoModeNodes.requirement("eks.amazonaws.com/instance-category", "c", "m"),
                        AutoModeNodes.requirement("eks.amazonaws.com/instance-cpu", "2", "4"),
                        AutoModeNodes.requirement("kubernetes.io/arch", "amd64")),
                CPU_LIMIT, MEMORY_LIMIT, CONSOLIDATE_AFTER, EXPIRE_AFTER);
    }

    KubernetesObject pool() {
        return pool;
    }
}
