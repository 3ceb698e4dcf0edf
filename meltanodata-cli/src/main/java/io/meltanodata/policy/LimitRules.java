package io.meltanodata.policy;

import io.meltanodata.components.limits.AwsLimits;

import java.util.List;

import static io.meltanodata.policy.PolicyRule.perResource;

/** What AWS would refuse by its documented limits ({@link AwsLimits}), found before {@code pulumi up} is. */
final class LimitRules {
    private LimitRules() {
    }

    static List<PolicyRule> all() {
        return List.of(perResource("LIMIT-001", "every input stays within the limit AWS documents for it (AwsLimits)",
                r -> !AwsLimits.of(r.type()).isEmpty(),
                (stack, r) -> AwsLimits.breached(r.type(), r.inputs())
                        .map(limit -> limit.breach("input '" + limit.input() + "'", (String) r.inputs().get(limit.input())))
                        .orElse(null)));
    }
}
