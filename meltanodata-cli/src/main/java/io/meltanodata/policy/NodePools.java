package io.meltanodata.policy;

import io.meltanodata.components.kubernetes.AutoModeNodes;
import io.meltanodata.preview.RecordedResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every node pool a run renders (each NodePool, and the built-in pools each Auto Mode cluster
 * enables), with the labels and taints of its nodes, and the Kubernetes rules that decide whether
 * a pod may run there: its nodeSelector must be among the node's labels and every taint of the
 * node tolerated (Kubernetes, "Taints and Tolerations"). Built-in pools: EKS User Guide, "Enable or
 * Disable Built-in NodePools" ({@code system} carries {@code CriticalAddonsOnly}).
 */
record NodePools(List<Pool> pools) {

    /** One pool: where it was rendered, its nodes' labels and taints, and the vCPUs of its largest node if capped. */
    record Pool(String stack, String name, Map<String, Object> labels, List<Map<String, Object>> taints, Optional<Integer> maxCpu) {
        boolean isSites() {
            return labels.containsKey(AutoModeNodes.SITE_KEY);
        }

        boolean isSite(String site) {
            return site.equals(labels.get(AutoModeNodes.SITE_KEY));
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
                    pools.add(new Pool(stack.name(), name, labels, taints, maxCpu(Inputs.list(r, "spec.template.spec.requirements"))));
                }
                if (r.type().equals("aws:eks/cluster:Cluster") && Inputs.isTrue(r, "computeConfig.enabled")) {
                    for (Object builtIn : Inputs.list(r, "computeConfig.nodePools")) {
                        List<Map<String, Object>> taints = "system".equals(builtIn)
                                ? List.of(Map.of("key", AutoModeNodes.CRITICAL_ADDONS_KEY, "effect", "NoSchedule")) : List.of();
                        pools.add(new Pool(stack.name(), String.valueOf(builtIn),
                                Map.of(AutoModeNodes.NODE_POOL_LABEL, String.valueOf(builtIn)), taints, Optional.empty()));
                    }
                }
            }
        }
        return new NodePools(List.copyOf(pools));
    }

    /**
     * The most vCPUs the requirements on {@code eks.amazonaws.com/instance-cpu} admit (Karpenter
     * "NodePools": {@code Lt} and {@code Gt} compare whole numbers; {@code In} lists them), or empty
     * when they do not cap it.
     */
    static Optional<Integer> maxCpu(List<?> requirements) {
        Optional<Integer> max = Optional.empty();
        for (Object item : requirements) {
            Map<String, Object> requirement = map(item);
            if (!AutoModeNodes.INSTANCE_CPU.equals(requirement.get("key"))) {
                continue;
            }
            List<Integer> values = Inputs.asList(requirement.get("values")).stream().map(v -> wholeNumber(String.valueOf(v)))
                    .flatMap(Optional::stream).toList();
            Optional<Integer> cap = switch (String.valueOf(requirement.get("operator"))) {
                case "Lt" -> values.stream().findFirst().map(v -> v - 1);
                case "Lte" -> values.stream().findFirst();
                case "In" -> values.stream().max(Integer::compare);
                default -> Optional.empty();
            };
            if (cap.isPresent() && (max.isEmpty() || cap.get() < max.get())) {
                max = cap;
            }
        }
        return max;
    }

    private static Optional<Integer> wholeNumber(String value) {
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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
