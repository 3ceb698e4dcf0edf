package io.meltanodata.cost;

import io.meltanodata.preview.InputPath;
import io.meltanodata.preview.RecordedResource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node pools of one bill that always-on pods keep awake: a NodePool rendered in the same stack
 * as Deployments that select its nodes (the fabric's platform pool and its API). Such a pool costs
 * whole nodes around the clock, at least one, and its pods cost nothing on top. A pool no
 * Deployment of the bill selects (a site's) scales to zero: its cost is its pods', billed where the
 * pods are rendered (Layer 4), as shares of a node.
 */
final class DedicatedPools {
    static final String NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
    static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    /** Karpenter labels every node with the name of its NodePool. */
    static final String NODE_POOL_LABEL = "karpenter.sh/nodepool";

    private final Map<String, String> poolOfDeployment = new HashMap<>();
    private final Map<String, double[]> requestsOfPool = new LinkedHashMap<>();

    DedicatedPools(List<RecordedResource> resources) {
        Map<String, Map<String, Object>> labelsOfPool = new LinkedHashMap<>();
        for (RecordedResource r : resources) {
            if (r.type().equals(NODE_POOL)) {
                Map<String, Object> labels = new HashMap<>(map(r, "spec.template.metadata.labels"));
                labels.put(NODE_POOL_LABEL, String.valueOf(InputPath.get(r.inputs(), "metadata.name").orElse(r.name())));
                labelsOfPool.put(r.name(), labels);
            }
        }
        for (RecordedResource r : resources) {
            if (!r.type().equals(DEPLOYMENT)) {
                continue;
            }
            Map<String, Object> selector = map(r, "spec.template.spec.nodeSelector");
            if (selector.isEmpty()) {
                continue;
            }
            labelsOfPool.forEach((pool, labels) -> {
                if (!poolOfDeployment.containsKey(r.name()) && labels.entrySet().containsAll(selector.entrySet())) {
                    poolOfDeployment.put(r.name(), pool);
                    double replicas = ((Number) InputPath.get(r.inputs(), "spec.replicas").orElse(1)).doubleValue();
                    Map<String, Object> req = map(r, "spec.template.spec.containers[0].resources.requests");
                    double[] sum = requestsOfPool.computeIfAbsent(pool, p -> new double[2]);
                    sum[0] += replicas * CostModel.cpu(String.valueOf(req.getOrDefault("cpu", "1")));
                    sum[1] += replicas * CostModel.gib(String.valueOf(req.getOrDefault("memory", "2Gi")));
                }
            });
        }
    }

    /** The pool of this bill whose nodes this Deployment's pods run on, if it is in the bill. */
    Optional<String> poolOf(RecordedResource deployment) {
        return Optional.ofNullable(poolOfDeployment.get(deployment.name()));
    }

    /** Always-on nodes of this pool: enough reference nodes for its pods' requests, at least one; 0 when no pod keeps it. */
    int nodes(RecordedResource pool) {
        double[] sum = requestsOfPool.get(pool.name());
        if (sum == null) {
            return 0;
        }
        double share = Math.max(sum[0] / CostModel.REFERENCE_VCPU, sum[1] / CostModel.REFERENCE_GIB);
        return Math.max(1, (int) Math.ceil(share - 1e-9));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(RecordedResource r, String path) {
        return InputPath.get(r.inputs(), path).filter(v -> v instanceof Map).map(v -> (Map<String, Object>) v).orElse(Map.of());
    }
}
