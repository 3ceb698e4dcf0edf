package io.meltanodata.environments;

import com.pulumi.aws.budgets.Budget;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.chargeback.TagBudget;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import io.meltanodata.components.naming.ProjectNamePrefix;

import java.util.List;

/**
 * A monthly AWS Budget over the costs tagged with this environment instance
 * ({@code meltanodata:instance}), alerting at 80% actual and 100% forecast both the fabric's alert
 * topic (platform operators) and, by email, the members of the site's admin group.
 *
 * <p>It sees the environment's own tagged AWS resources only: its compute runs on the site's shared
 * nodes, whose per-pod split exists in the CUR export alone, so {@code monthlyBudgetUsd} is compared
 * with the environment's whole cost by {@code meltanodata bill alerts} (docs/cost.md, "Alerts").
 */
final class CostGuard {
    private final Budget budget;

    static final int MAX_EMAILS = TagBudget.MAX_EMAILS;

    CostGuard(ActivatedEnvironmentConfig config, String instance, Output<String> alertTopicArn,
              Output<List<String>> siteAdmins, Resource parent) {
        // Budget names are account-wide: the fabric keeps two fabrics' same-named sites apart, and the
        // meltanodata-<fabric>-<site>-<project>- prefix is what the project's deploy role may manage.
        budget = TagBudget.monthly("budget", Names.keepingPrefix(NameKind.BUDGET,
                        ProjectNamePrefix.resources(config.fabric(), config.site(), config.project()),
                        List.of(config.environment(), config.refSlug())), config.monthlyBudgetUsd(), "instance",
                instance, alertTopicArn, siteAdmins, CustomResourceOptions.builder().parent(parent).build());
    }

    Budget budget() {
        return budget;
    }
}
