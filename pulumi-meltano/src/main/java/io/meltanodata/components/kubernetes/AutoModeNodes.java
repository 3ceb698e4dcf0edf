package io.meltanodata.components.kubernetes;

import io.meltanodata.components.chargeback.ChargeBack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes of EKS Auto Mode's {@code NodeClass} and Karpenter's {@code NodePool} that the
 * fabric's platform pool (Layer 1) and every site's pool (Layer 2) share, and the taints that keep
 * their nodes apart. Pure data: no Pulumi types.
 *
 * <p>Every NodeClass turns network policy enforcement on ({@code networkPolicy: DefaultAllow}, so
 * a namespace's own policies decide, and {@code networkPolicyEventLogs: Enabled}, so denied and
 * allowed flows are logged on the node): EKS User Guide, "Use network policies with EKS Auto
 * Mode", https://docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html, and "Create a Node
 * Class for Amazon EKS", https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html.
 */
public final class AutoModeNodes {
    public static final String NODE_CLASS_API = "eks.amazonaws.com/v1";
    public static final String NODE_POOL_API = "karpenter.sh/v1";
    /** Karpenter labels every node with the name of the NodePool that launched it. */
    public static final String NODE_POOL_LABEL = "karpenter.sh/nodepool";
    /** Taint (and node label) of a site's nodes; its value is the site. */
    public static final String SITE_KEY = ChargeBack.LABEL_PREFIX + "site";
    /** Taint (and node label) of the fabric's platform nodes; its value is {@value #PLATFORM_VALUE}. */
    public static final String PLATFORM_KEY = ChargeBack.LABEL_PREFIX + "platform";
    public static final String PLATFORM_VALUE = "true";
    /** The taint of Auto Mode's built-in {@code system} pool (EKS User Guide, "Run critical add-ons on dedicated instances"). */
    public static final String CRITICAL_ADDONS_KEY = "CriticalAddonsOnly";
    /** The vCPUs of a node's instance type (EKS User Guide, "Create a Node Pool for EKS Auto Mode", supported labels). */
    public static final String INSTANCE_CPU = "eks.amazonaws.com/instance-cpu";
    public static final String NETWORK_POLICY = "DefaultAllow";
    public static final String NETWORK_POLICY_EVENT_LOGS = "Enabled";

    private AutoModeNodes() {
    }

    /** A NodeClass in the given subnets and security group, nodes with the given role, EC2 resources tagged. */
    public static Map<String, Object> nodeClassSpec(String nodeRole, List<String> subnets, String securityGroup,
                                                    Map<String, String> tags) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("role", nodeRole);
        spec.put("subnetSelectorTerms", subnets.stream().map(id -> Map.of("id", id)).toList());
        spec.put("securityGroupSelectorTerms", List.of(Map.of("id", securityGroup)));
        spec.put("networkPolicy", NETWORK_POLICY);
        spec.put("networkPolicyEventLogs", NETWORK_POLICY_EVENT_LOGS);
        spec.put("tags", Map.copyOf(tags));
        return spec;
    }

    /**
     * A NodePool of the given NodeClass whose nodes carry {@code label} and {@code taint} (so only
     * pods that select the label and tolerate the taint land there), within CPU and memory limits,
     * consolidated when empty or underused and replaced after {@code expireAfter}.
     */
    public static Map<String, Object> nodePoolSpec(String nodeClass, Map<String, String> labels, Map<String, String> taint,
                                                   List<Map<String, Object>> requirements, String cpuLimit, String memoryLimit,
                                                   String consolidateAfter, String expireAfter) {
        return Map.of(
                "template", Map.of(
                        "metadata", Map.of("labels", Map.copyOf(labels)),
                        "spec", Map.of(
                                "nodeClassRef", Map.of("group", "eks.amazonaws.com", "kind", "NodeClass", "name", nodeClass),
                                "taints", List.of(Map.copyOf(taint)),
                                "expireAfter", expireAfter,
                                "requirements", List.copyOf(requirements))),
                "limits", Map.of("cpu", cpuLimit, "memory", memoryLimit),
                "disruption", Map.of("consolidationPolicy", "WhenEmptyOrUnderutilized", "consolidateAfter", consolidateAfter));
    }

    public static Map<String, Object> requirement(String key, String... values) {
        return Map.of("key", key, "operator", "In", "values", List.of(values));
    }

    /**
     * The label's value, a whole number, is below {@code bound}. {@code Lt}, not the {@code Lte} of
     * AWS's "Constrain instance sizes" example (EKS User Guide, "Control costs in EKS Auto Mode",
     * https://docs.aws.amazon.com/eks/latest/userguide/auto-cost-control.html): the NodePool CRD of
     * Karpenter 1.6.4, which the scheduling tests apply, admits only In, NotIn, Exists,
     * DoesNotExist, Gt and Lt, the operators both Karpenter ("NodePools", requirements) and "Create a
     * Node Pool for EKS Auto Mode" (https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html)
     * document. {@code Lt n+1} admits the same whole numbers as {@code Lte n}.
     */
    public static Map<String, Object> lessThan(String key, int bound) {
        return Map.of("key", key, "operator", "Lt", "values", List.of(String.valueOf(bound)));
    }

    public static Map<String, String> noSchedule(String key, String value) {
        return Map.of("key", key, "value", value, "effect", "NoSchedule");
    }

    /** The toleration of exactly this taint (key, value and effect). */
    public static Map<String, String> toleration(Map<String, String> taint) {
        return Map.of("key", taint.get("key"), "operator", "Equal", "value", taint.get("value"), "effect", taint.get("effect"));
    }

    /** The toleration of every taint with this key and effect, whatever its value (every site's, for node agents). */
    public static Map<String, String> anyValue(String key, String effect) {
        return Map.of("key", key, "operator", "Exists", "effect", effect);
    }
}
