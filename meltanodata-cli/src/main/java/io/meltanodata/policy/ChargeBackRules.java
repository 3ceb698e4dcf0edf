package io.meltanodata.policy;

import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.chargeback.ChargeBackTransformation;
import io.meltanodata.components.chargeback.Layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.meltanodata.policy.PolicyRule.ofType;
import static io.meltanodata.policy.PolicyRule.perResource;

/** Every cloud dollar lands on the right bill: tags and labels name the layer and its tenant. */
final class ChargeBackRules {
    private ChargeBackRules() {
    }

    static List<PolicyRule> all() {
        return List.of(
                perResource("CB-001", "every taggable AWS resource carries its layer's charge-back tags",
                        r -> r.argsClass().map(ChargeBackTransformation::isTaggable).orElse(false),
                        (s, r) -> missing(expected(s, ChargeBack.TAG_PREFIX), Inputs.get(r, "tags").orElse(Map.of()))),
                perResource("CB-002", "every Kubernetes object carries its layer's charge-back labels",
                        r -> r.type().startsWith("kubernetes:") && !r.type().startsWith("pulumi:providers"),
                        (s, r) -> missing(expected(s, ChargeBack.LABEL_PREFIX), Inputs.get(r, "metadata.labels").orElse(Map.of()))),
                // CUR User Guide, "Understanding split cost allocation data": with resource requests as the basis,
                // a pod's share of its node is what it requests; a container without requests gets no split cost.
                perResource("CB-003", "every container of a workload requests CPU and memory (the basis of EKS split cost)",
                        ofType("kubernetes:batch/v1:CronJob", "kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:Job"),
                        (s, r) -> {
                            for (Map<?, ?> c : WorkloadRules.containers(WorkloadRules.podSpec(r))) {
                                Object requests = c.get("resources") instanceof Map<?, ?> res ? res.get("requests") : null;
                                if (!(requests instanceof Map<?, ?> q && q.containsKey("cpu") && q.containsKey("memory"))) {
                                    return "container " + c.get("name") + " requests no CPU and memory: its pod gets no split cost";
                                }
                            }
                            return null;
                        }),
                // AWS Data Exports User Guide, "Cost and Usage Report (CUR) 2.0" table configurations.
                perResource("CB-004", "a billing export carries split cost allocation data and resource ids, as Parquet",
                        ofType("aws:bcmdata/export:Export"),
                        (s, r) -> {
                            Object table = Inputs.get(r, "export.dataQueries[0].tableConfigurations.COST_AND_USAGE_REPORT").orElse(Map.of());
                            Map<?, ?> config = table instanceof Map<?, ?> m ? m : Map.of();
                            if (!"TRUE".equals(config.get("INCLUDE_SPLIT_COST_ALLOCATION_DATA"))) {
                                return "the export has no split cost allocation data: pods' costs cannot be charged back";
                            }
                            if (!"TRUE".equals(config.get("INCLUDE_RESOURCES"))) {
                                return "the export has no resource ids: nodes cannot be told apart";
                            }
                            return "PARQUET".equals(Inputs.text(r, "export.destinationConfigurations[0].s3Destinations[0]"
                                    + ".s3OutputConfigurations[0].format")) ? null : "the export is not Parquet";
                        }));
    }

    /** The keys and values a stack's resources must carry: layer, site, project, environment as the stack name says. */
    static Map<String, String> expected(PolicyContext.Stack stack, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(prefix + "layer", stack.layer().slug());
        String[] parts = stack.name().split("\\.");
        if (stack.layer().number() >= Layer.SITE_INSTANCE.number()) {
            values.put(prefix + "site", parts[0]);
        }
        if (stack.layer().number() >= Layer.HOSTED_PROJECT.number()) {
            values.put(prefix + "project", parts[1]);
        }
        if (stack.layer() == Layer.ACTIVATED_ENVIRONMENT) {
            values.put(prefix + "environment", parts[2]);
        }
        return values;
    }

    private static String missing(Map<String, String> expected, Object actual) {
        Map<?, ?> map = actual instanceof Map<?, ?> m ? m : Map.of();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (!e.getValue().equals(map.get(e.getKey()))) {
                return e.getKey() + " is " + map.get(e.getKey()) + ", expected " + e.getValue();
            }
        }
        return null;
    }
}
