package io.meltanodata.real.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.meltanodata.components.kubernetes.AutoModeNodes;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Karpenter made, per NodePool, over a run watched by polling its NodeClaims: every claim
 * seen (made), the most at once and their vCPU, and the claims of the last poll.
 */
final class NodeTally {
    static final String NODE_CLAIM_API = "karpenter.sh/v1";

    /** One pool's figures. */
    static final class Pool {
        final Set<String> made = new HashSet<>();
        final Set<String> instanceTypes = new TreeSet<>();
        int peak;
        double peakVcpu;
        int now;
        double nowVcpu;
    }

    private final Map<String, Pool> pools = new TreeMap<>();

    void observe(List<GenericKubernetesResource> claims) {
        Map<String, int[]> count = new LinkedHashMap<>();
        Map<String, double[]> vcpu = new LinkedHashMap<>();
        pools.values().forEach(p -> {
            p.now = 0;
            p.nowVcpu = 0;
        });
        for (GenericKubernetesResource claim : claims) {
            Map<String, String> labels = claim.getMetadata().getLabels() == null ? Map.of() : claim.getMetadata().getLabels();
            String poolName = labels.getOrDefault(AutoModeNodes.NODE_POOL_LABEL, "?");
            Pool pool = pools.computeIfAbsent(poolName, k -> new Pool());
            pool.made.add(claim.getMetadata().getName());
            String type = labels.get("node.kubernetes.io/instance-type");
            if (type != null) {
                pool.instanceTypes.add(type + " " + labels.getOrDefault("karpenter.sh/capacity-type", "?"));
            }
            count.computeIfAbsent(poolName, k -> new int[1])[0]++;
            vcpu.computeIfAbsent(poolName, k -> new double[1])[0] += cpu(claim);
        }
        count.forEach((name, n) -> {
            Pool pool = pools.get(name);
            pool.now = n[0];
            pool.nowVcpu = vcpu.get(name)[0];
            pool.peak = Math.max(pool.peak, pool.now);
            pool.peakVcpu = Math.max(pool.peakVcpu, pool.nowVcpu);
        });
    }

    Map<String, Pool> pools() {
        return pools;
    }

    int now() {
        return pools.values().stream().mapToInt(p -> p.now).sum();
    }

    /** A claim's CPU: its status capacity once launched, else 0 (not yet sized). */
    private static double cpu(GenericKubernetesResource claim) {
        if (claim.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && status.get("capacity") instanceof Map<?, ?> capacity && capacity.get("cpu") != null) {
            return Quantity.getAmountInBytes(new Quantity(capacity.get("cpu").toString())).doubleValue();
        }
        return 0;
    }
}
