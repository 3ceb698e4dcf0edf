package io.meltanodata.billing;

import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.RecordedResource;

import java.util.ArrayList;
import java.util.List;

/**
 * An activated environment's {@code monthlyBudgetUsd}, as its stack renders it: the limit of its
 * AWS Budget, and the charge-back tags that name its line of the bill.
 */
public record EnvironmentBudget(String stack, String site, String project, String environment, String ref, double limitUsd) {

    static final String BUDGET = "aws:budgets/budget:Budget";

    public static List<EnvironmentBudget> of(List<LayerRendering> stacks) {
        List<EnvironmentBudget> budgets = new ArrayList<>();
        for (LayerRendering stack : stacks) {
            if (stack.layer() != Layer.ACTIVATED_ENVIRONMENT) {
                continue;
            }
            Estimates.StackTags tags = Estimates.StackTags.of(stack);
            for (RecordedResource budget : stack.rendering().ofType(BUDGET)) {
                budgets.add(new EnvironmentBudget(stack.rendering().stack(), tags.get("site"), tags.get("project"), tags.get("environment"),
                        tags.get("git-ref"), Double.parseDouble(String.valueOf(budget.inputs().get("limitAmount")))));
            }
        }
        return budgets;
    }

    /** This environment's cost in the bill: its pods, their unused capacity and its tagged resources; 0 when it has no line. */
    public double actual(Bill bill) {
        return bill.environment(site, project, environment, ref).map(BillRow::total).orElse(0.0);
    }
}
