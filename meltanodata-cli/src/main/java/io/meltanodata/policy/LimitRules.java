package io.meltanodata.policy;

import io.meltanodata.components.limits.AwsLimit;
import io.meltanodata.components.limits.AwsLimits;
import io.meltanodata.components.limits.AwsQuota;
import io.meltanodata.components.limits.AwsQuotas;
import io.meltanodata.components.limits.Service;
import io.meltanodata.components.limits.SummedLimit;
import io.meltanodata.preview.RecordedResource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.meltanodata.policy.PolicyRule.perResource;

/**
 * What AWS or Kubernetes would refuse by their documented limits, found before {@code pulumi up} is:
 * one rule per service over the inputs ({@link AwsLimits}, rule ids {@code LIMIT-001} to
 * {@code LIMIT-013}; {@code LIMIT-015} for ACM and {@code LIMIT-016} for Route 53, added after the
 * quotas' rule), the services' totals over one parent among them ({@link AwsLimits#summed()}: a
 * role's inline policies together, in {@code LIMIT-001}), and one over how many resources the run
 * puts in one account, cluster, role or log group ({@link AwsQuotas}, {@code LIMIT-014}).
 */
final class LimitRules {
    static final String QUOTA_RULE = "LIMIT-014";

    private LimitRules() {
    }

    static List<PolicyRule> all() {
        List<PolicyRule> rules = new ArrayList<>(Arrays.stream(Service.values()).map(LimitRules::inputs).toList());
        rules.add(PolicyRule.of(QUOTA_RULE, "the run stays within the quotas AWS documents per account, cluster, role and "
                + "log group (AwsQuotas)", context -> AwsQuotas.all().stream().flatMap(q -> overQuota(context, q)).toList()));
        rules.sort(Comparator.comparing(PolicyRule::id));
        return rules;
    }

    private static PolicyRule inputs(Service service) {
        List<AwsLimit> limits = AwsLimits.all().stream().filter(l -> l.service() == service).toList();
        List<SummedLimit> summed = AwsLimits.summed().stream().filter(s -> s.limit().service() == service).toList();
        PolicyRule each = perResource(service.ruleId(), "every input stays within the limits " + service.owner() + " documents for it ("
                        + limits.stream().map(AwsLimit::id).collect(Collectors.joining(", ")) + ")"
                        + summed.stream().map(s -> ", " + s.limit().id() + " summed per " + s.groupBy()).collect(Collectors.joining()),
                r -> limits.stream().anyMatch(l -> l.appliesTo(r.type())),
                (stack, r) -> {
                    String breaches = limits.stream().filter(l -> l.appliesTo(r.type()))
                            .flatMap(l -> l.valueIn(r.inputs()).filter(v -> !l.admits(v))
                                    .map(v -> l.breach("input '" + l.input() + "'", v)).stream())
                            .collect(Collectors.joining("; "));
                    return breaches.isEmpty() ? null : breaches;
                });
        return summed.isEmpty() ? each : PolicyRule.of(each.id(), each.title(), context -> Stream.concat(
                each.check(context).stream(), summed.stream().flatMap(s -> overTotal(context, s))).toList());
    }

    /**
     * One finding per parent whose resources together breach a summed limit (a role's inline policies),
     * on its last resource; a parent's resources are counted over every stack of the run, as AWS counts
     * them in the account.
     */
    private static Stream<Finding> overTotal(PolicyContext context, SummedLimit summed) {
        List<Map.Entry<String, RecordedResource>> resources = context.stacks().stream().flatMap(stack -> stack.rendering()
                .rendering().resources().stream().map(r -> Map.entry(stack.name(), r))).toList();
        Map<String, Integer> breaches = summed.breaches(resources, e -> e.getValue().type(), e -> e.getValue().inputs());
        return breaches.entrySet().stream().map(t -> {
            Map.Entry<String, RecordedResource> last = resources.stream().filter(e -> summed.limit().appliesTo(e.getValue().type())
                    && t.getKey().equals(e.getValue().inputs().get(summed.groupBy()))).reduce((a, b) -> b).orElseThrow();
            return new Finding(summed.limit().service().ruleId(), last.getKey(), last.getValue().type(), last.getValue().name(),
                    summed.breach(t.getKey(), t.getValue()));
        });
    }

    /** One finding per parent (or per run, for an account's quota) over the quota, on its last resource. */
    private static Stream<Finding> overQuota(PolicyContext context, AwsQuota quota) {
        Map<String, List<Map.Entry<String, RecordedResource>>> byParent = new LinkedHashMap<>();
        for (PolicyContext.Stack stack : context.stacks()) {
            for (RecordedResource r : stack.rendering().rendering().resources()) {
                if (r.type().equals(quota.resourceType())) {
                    String parent = quota.perAccount() ? "the account" : String.valueOf(r.inputs().get(quota.groupBy()));
                    byParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(Map.entry(stack.name(), r));
                }
            }
        }
        return byParent.entrySet().stream().filter(e -> e.getValue().size() > quota.defaultValue()).map(e -> {
            Map.Entry<String, RecordedResource> last = e.getValue().get(e.getValue().size() - 1);
            return new Finding(QUOTA_RULE, last.getKey(), last.getValue().type(), last.getValue().name(), e.getValue().size()
                    + " of " + quota.resourceType() + " in " + (quota.perAccount() ? "the account" : quota.groupBy() + " '"
                    + e.getKey() + "'") + "; the default quota '" + quota.name() + "' is " + quota.defaultValue()
                    + (quota.adjustable() ? " (adjustable)" : " (not adjustable)") + " (" + quota.id() + ", " + quota.source() + ")");
        });
    }
}
