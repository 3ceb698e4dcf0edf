package io.meltanodata.billing;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.environments.ActivatedEnvironment;
import io.meltanodata.environments.ActivatedEnvironmentConfig;
import io.meltanodata.lifecycle.DeployedStack;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.RecordedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An activated environment's {@code monthlyBudgetUsd}: the limit of its AWS Budget, and the
 * charge-back tags that name its line of the bill.
 */
public record EnvironmentBudget(String stack, String site, String project, String environment, String ref, double limitUsd) {

    static final String BUDGET = "aws:budgets/budget:Budget";

    /** As rendered stacks (stack files in the working tree) say. */
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

    /**
     * As the backend says: each Layer 4 stack's config as its last update recorded it, which is what
     * its AWS Budget was created with ({@code monthlyBudgetUsd}, or Layer 4's default when the stack
     * sets none). A stack never updated created no environment and has no budget. A stack whose
     * recorded config Layer 4 no longer accepts goes to {@code unreadable}, one line naming it,
     * and the others are still checked.
     */
    public static List<EnvironmentBudget> deployed(List<DeployedStack> stacks, Consumer<String> unreadable) {
        List<EnvironmentBudget> budgets = new ArrayList<>();
        for (DeployedStack stack : stacks) {
            if (!stack.updated()) {
                continue;
            }
            try {
                ActivatedEnvironmentConfig config = ActivatedEnvironmentConfig.load(new MapConfigSource(
                        "stack " + stack.name() + " (the config of its last update)", stack.config(), Set.of()), stack.name());
                Map<String, String> tags = ActivatedEnvironment.chargeBack(config).tags();
                budgets.add(new EnvironmentBudget(stack.name(), config.site(), config.project(), config.environment(),
                        tags.get(ChargeBack.TAG_PREFIX + "git-ref"), config.monthlyBudgetUsd()));
            } catch (UserInputException | IllegalArgumentException e) {
                unreadable.accept(e.getMessage());
            }
        }
        return budgets;
    }

    /** This environment's cost in the bill: its pods, their unused capacity and its tagged resources; 0 when it has no line. */
    public double actual(Bill bill) {
        return bill.environment(site, project, environment, ref).map(BillRow::total).orElse(0.0);
    }
}
