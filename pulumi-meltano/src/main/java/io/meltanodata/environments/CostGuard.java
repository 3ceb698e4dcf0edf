package io.meltanodata.environments;

import com.pulumi.aws.budgets.Budget;
import com.pulumi.aws.budgets.BudgetArgs;
import com.pulumi.aws.budgets.inputs.BudgetCostFilterArgs;
import com.pulumi.aws.budgets.inputs.BudgetNotificationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import io.meltanodata.components.naming.ProjectNamePrefix;

import java.util.List;

/**
 * A monthly AWS Budget over the costs tagged with this environment instance
 * ({@code meltanodata:instance}), alerting at 80% actual and 100% forecast both the fabric's alert
 * topic (platform operators) and, by email, the members of the site's admin group.
 */
final class CostGuard {
    private final Budget budget;

    /** AWS Budgets takes at most 10 subscribers per notification: the topic and 9 emails. */
    static final int MAX_EMAILS = 9;

    CostGuard(ActivatedEnvironmentConfig config, String instance, Output<String> alertTopicArn,
              Output<List<String>> siteAdmins, Resource parent) {
        budget = new Budget("budget", BudgetArgs.builder()
                // Budget names are account-wide: the fabric keeps two fabrics' same-named sites apart, and the
                // meltanodata-<fabric>-<site>-<project>- prefix is what the project's deploy role may manage.
                .name(Names.keepingPrefix(NameKind.BUDGET,
                        ProjectNamePrefix.resources(config.fabric(), config.site(), config.project()),
                        List.of(config.environment(), config.refSlug())))
                .budgetType("COST")
                .limitAmount(String.valueOf(config.monthlyBudgetUsd()))
                .limitUnit("USD")
                .timeUnit("MONTHLY")
                .costFilters(BudgetCostFilterArgs.builder().name("TagKeyValue")
                        .values("user:" + ChargeBack.TAG_PREFIX + "instance$" + instance).build())
                .notifications(notification("ACTUAL", 80, alertTopicArn, siteAdmins),
                        notification("FORECASTED", 100, alertTopicArn, siteAdmins))
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }

    private static BudgetNotificationArgs notification(String type, int percent, Output<String> topic,
                                                       Output<List<String>> siteAdmins) {
        return BudgetNotificationArgs.builder().notificationType(type).comparisonOperator("GREATER_THAN")
                .threshold((double) percent).thresholdType("PERCENTAGE")
                .subscriberSnsTopicArns(topic.applyValue(List::of))
                .subscriberEmailAddresses(siteAdmins.applyValue(emails -> emails.stream().limit(MAX_EMAILS).toList()))
                .build();
    }

    Budget budget() {
        return budget;
    }
}
