package io.meltanodata.siteinstances;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.components.kubernetes.AutoModeNodes;
import io.meltanodata.components.kubernetes.KubernetesObject;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The site's own compute: an EKS Auto Mode NodeClass and NodePool. Nodes carry the site's label
 * and a NoSchedule taint, so only pods that tolerate it (this site's, by Layer 4) land there, and
 * a site's pods select these nodes only. No minimum size: with no pod, no node, no cost. The
 * NodeClass enforces NetworkPolicies (Layer 4's default deny) and tags the site's EC2 resources,
 * which the fabric's cluster role is allowed to do ({@code AutoModeTagging}, Layer 1).
 *
 * <p>Each node has at most {@code nodeMaxCpu} vCPUs: a custom NodePool must limit instance sizes
 * itself (EKS User Guide, "Control costs in EKS Auto Mode", "Constrain instance sizes",
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-cost-control.html), or a burst of runs
 * launches a 16- or 32-vCPU spot node that stays after the burst, since Karpenter does not replace
 * a spot node with a smaller spot node.
 */
final class SiteCompute {
    public static final String SITE_LABEL = AutoModeNodes.SITE_KEY;
    static final String CONSOLIDATE_AFTER = "60s";
    static final String EXPIRE_AFTER = "168h";

    private final String nodePoolName;

    SiteCompute(SiteInstanceConfig config, FabricContext fabric, Provider kubernetes, Resource parent) {
        var k8s = CustomResourceOptions.builder().parent(parent).provider(kubernetes).build();
        String site = config.site();
        nodePoolName = Names.of(NameKind.DNS_LABEL, "meltanodata", site);
        // EC2 instances are environment compute: tagged to the site, split further per environment
        // by EKS split cost allocation on the pods' charge-back labels.
        Map<String, String> instanceTags = new LinkedHashMap<>();
        instanceTags.put(ChargeBack.TAG_PREFIX + "layer", Layer.ACTIVATED_ENVIRONMENT.slug());
        instanceTags.put(ChargeBack.TAG_PREFIX + "site", site);

        var nodeClass = new KubernetesObject("node-class", AutoModeNodes.NODE_CLASS_API, "NodeClass",
                ObjectMetaArgs.builder().name(nodePoolName).build(),
                Output.tuple(fabric.fabric().nodeRoleName(), fabric.fabric().privateSubnetIds(),
                        fabric.fabric().clusterSecurityGroupId(), fabric.fabric().fabricName()).applyValue(t -> {
                    Map<String, String> tags = new LinkedHashMap<>(instanceTags);
                    tags.put(ChargeBack.TAG_PREFIX + "fabric", t.t4);
                    return AutoModeNodes.nodeClassSpec(t.t1, t.t2, t.t3, tags);
                }), k8s);
        new KubernetesObject("node-pool", AutoModeNodes.NODE_POOL_API, "NodePool",
                ObjectMetaArgs.builder().name(nodePoolName).build(),
                Output.of(nodePoolSpec(site, nodePoolName, config.nodePoolCpuLimit(), config.nodePoolMemoryGiB(),
                        config.nodeMaxCpu())),
                CustomResourceOptions.builder().parent(parent).provider(kubernetes).dependsOn(nodeClass).build());
    }

    static Map<String, Object> nodePoolSpec(String site, String nodeClass, int cpu, int memoryGiB, int nodeMaxCpu) {
        return AutoModeNodes.nodePoolSpec(nodeClass, Map.of(SITE_LABEL, site), taint(site), List.of(
                        AutoModeNodes.requirement("karpenter.sh/capacity-type", "on-demand", "spot"),
                        AutoModeNodes.requirement("eks.amazonaws.com/instance-category", "c", "m", "r"),
                        AutoModeNodes.requirement("kubernetes.io/arch", "amd64"),
                        AutoModeNodes.lessThan(AutoModeNodes.INSTANCE_CPU, nodeMaxCpu + 1)),
                String.valueOf(cpu), memoryGiB + "Gi", CONSOLIDATE_AFTER, EXPIRE_AFTER);
    }

    /** The taint on the site's nodes; Layer 4 gives this site's pods the matching toleration. */
    static Map<String, String> taint(String site) {
        return AutoModeNodes.noSchedule(SITE_LABEL, site);
    }

    String nodePoolName() {
        return nodePoolName;
    }
}
