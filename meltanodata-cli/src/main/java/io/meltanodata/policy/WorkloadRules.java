package io.meltanodata.policy;

import io.meltanodata.preview.RecordedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.meltanodata.policy.PolicyRule.ofType;
import static io.meltanodata.policy.PolicyRule.perResource;

/** Tenant namespaces and every pod template in them run restricted. */
final class WorkloadRules {
    private WorkloadRules() {
    }

    static List<PolicyRule> all() {
        String[] workloads = {"kubernetes:batch/v1:CronJob", "kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:Job"};
        return List.of(
                perResource("POD-001", "tenant namespaces enforce Pod Security restricted", ofType("kubernetes:core/v1:Namespace"),
                        (s, r) -> !s.isTenant() || "restricted".equals(Inputs.text(r, "metadata.labels[\"pod-security.kubernetes.io/enforce\"]"))
                                ? null : "Pod Security is not enforced at restricted"),
                perResource("POD-002", "every container runs non-root, read-only, without escalation, with limits", ofType(workloads),
                        (s, r) -> {
                            Map<?, ?> pod = podSpec(r);
                            boolean podNonRoot = pod.get("securityContext") instanceof Map<?, ?> sc && Boolean.TRUE.equals(sc.get("runAsNonRoot"));
                            for (Map<?, ?> c : containers(pod)) {
                                Map<?, ?> sc = c.get("securityContext") instanceof Map<?, ?> m ? m : Map.of();
                                String name = String.valueOf(c.get("name"));
                                if (!podNonRoot && !Boolean.TRUE.equals(sc.get("runAsNonRoot"))) {
                                    return "container " + name + " may run as root";
                                }
                                if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
                                    return "container " + name + " has a writable root filesystem";
                                }
                                if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
                                    return "container " + name + " may escalate privileges";
                                }
                                Object limits = c.get("resources") instanceof Map<?, ?> res ? res.get("limits") : null;
                                if (!(limits instanceof Map<?, ?> l && l.containsKey("cpu") && l.containsKey("memory"))) {
                                    return "container " + name + " has no CPU and memory limits";
                                }
                            }
                            return null;
                        }),
                perResource("POD-003", "no host namespaces or hostPath volumes", ofType(workloads), (s, r) -> {
                    Map<?, ?> pod = podSpec(r);
                    for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
                        if (Boolean.TRUE.equals(pod.get(host))) {
                            return host + " is on";
                        }
                    }
                    for (Object volume : Inputs.asList(pod.get("volumes"))) {
                        if (volume instanceof Map<?, ?> v && v.containsKey("hostPath")) {
                            return "volume " + v.get("name") + " mounts a host path";
                        }
                    }
                    return null;
                }));
    }

    static Map<?, ?> podSpec(RecordedResource r) {
        String path = r.type().endsWith("CronJob") ? TenantIsolationRules.POD_TEMPLATE : "spec.template.spec";
        return Inputs.get(r, path).filter(Map.class::isInstance).map(Map.class::cast).orElse(Map.of());
    }

    static List<Map<?, ?>> containers(Map<?, ?> pod) {
        List<Map<?, ?>> all = new ArrayList<>();
        for (String key : List.of("initContainers", "containers")) {
            Inputs.asList(pod.get(key)).forEach(c -> all.add((Map<?, ?>) c));
        }
        return all;
    }
}
