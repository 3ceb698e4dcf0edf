package io.meltanodata.policy;

import io.meltanodata.preview.LayerRendering;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Every rule, run over the rendered resources of every layer; what {@code meltanodata check} runs. */
public record PolicySuite(List<PolicyRule> rules) {
    public PolicySuite {
        rules = List.copyOf(rules);
    }

    public static PolicySuite standard() {
        return new PolicySuite(Stream.of(TenantIsolationRules.all(), IamScopeRules.all(), HardeningRules.all(), WorkloadRules.all(),
                ChargeBackRules.all(), DataSafetyRules.all(), LimitRules.all(), AutoModeRules.all()).flatMap(List::stream).toList());
    }

    public List<Finding> check(List<LayerRendering> layers) {
        PolicyContext context = PolicyContext.of(layers);
        return rules.stream().flatMap(rule -> rule.check(context).stream())
                .sorted(Comparator.comparing(Finding::rule).thenComparing(Finding::stack).thenComparing(Finding::resource))
                .toList();
    }
}
