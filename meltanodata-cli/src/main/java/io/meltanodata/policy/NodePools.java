package io.meltanodata.policy;

import io.meltanodata.components.kubernetes.AutoModeNodes;
import io.meltanodata.preview.RecordedResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every node pool a run renders (each NodePool, and the built-in pools each Auto Mode cluster
 * enables), with the labels and taints of its nodes, and the Kubernetes rules that decide whether
 * a pod may run there: its nodeSelector must be among the node's labels and every taint of the
 * node tolerated (Kubernetes, "Taints and Tolerations"). Built-in pools: EKS User Guide, "Enable or
 * Disable Built-in NodePools" ({@code system} carries {@code CriticalAddonsOnly}).
 */
record NodePools(List<Pool> pools) {

    /** One pool: where it was rendered, its nodes' labels and taints. */
    record Pool(String stack, String name, Map<String, Object> labels, List<Map<String, Object>> taints) {
        boolean isSites() {
            return labels.containsKey(AutoModeNodes.SITE_KEY);
        }

        boolean admits(Map<?, ?> nodeSelector, List<?> tolerations) {
            return labels.entrySet().containsAll(nodeSelector.entrySet())
                    && taints.stream().allMatch(taint -> tolerated(taint, tolerations));
        }
    }

    static NodePools of(PolicyContext context) {
        List<Pool> pools = new ArrayList<>();
        for (PolicyContext.Stack stack : context.stacks()) {
            for (RecordedResource r : stack.rendering().rendering().resources()) {
                if (r.type().equals("kubernetes:" + AutoModeNodes.NODE_POOL_API + ":NodePool")) {
                    String name = Inputs.text(r, "metadata.name");
                    Map<String, Object> labels = new HashMap<>(map(Inputs.get(r, "spec.template.metadata.labels").orElse(Map.of())));
                    labels.put(AutoModeNodes.NODE_POOL_LABEL, name);
                    List<Map<String, Object>> taints = Inputs.list(r, "spec.template.spec.taints").stream().map(NodePools::map).toList();
                    pools.add(new Pool(stack.name(), name, labels, taints));
                }
                if (r.type().equals("aws:eks/cluster:Cluster") && Inputs.isTrue(r, "computeConfig.enabled")) {
                    for (Object builtIn : Inputs.list(r, "computeConfig.nodePools")) {
                        List<Map<String, Object>> taints = "system".equals(builtIn)
                                ? List.of(Map.of("key", AutoModeNodes.CRITICAL_ADDONS_KEY, "effect", "NoSchedule")) : List.of();
                        pools.add(new Pool(stack.name(), String.valueOf(builtIn),
                                Map.of(AutoModeNodes.NODE_POOL_LABEL, String.valueOf(builtIn)), taints));
                    }
                }
            }
        }
        return new NodePools(List.copyOf(pools));
    }

    /** Whether one of the tolerations tolerates the taint. */
    static boolean tolerated(Map<String, Object> taint, List<?> tolerations) {
        for (Object item : tolerations) {
            Map<String, Object> t = map(item);
            String effect = String.valueOf(t.getOrDefault("effect", ""));
            if (!effect.isEmpty() && !effect.equals(taint.get("effect"))) {
                continue;
            }
            String key = String.valueOf(t.getOrDefault("key", ""));
            boolean exists = "Exists".equals(t.get("operator"));
            if (key.isEmpty() ? exists : key.equals(taint.get("key"))
                    && (exists || String.valueOf(t.getOrDefault("value", "")).equals(String.valueOf(taint.getOrDefault("value", ""))))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
