package io.meltanodata.components.chargeback;

import com.pulumi.aws.budgets.Budget;
import com.pulumi.aws.budgets.BudgetArgs;
import com.pulumi.aws.budgets.inputs.BudgetCostFilterArgs;
import com.pulumi.aws.budgets.inputs.BudgetNotificationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;

/**
 * A monthly AWS Budget over the cost carrying one charge-back tag value, alerting at 80% actual and
 * 100% forecast the fabric's alert topic and, by email, the site's admins. It sees a cost only once
 * the tag key is an active cost allocation tag in the paying account, and it sees what Cost
 * Explorer sees: whole resources by their own tags, never EKS split cost allocation data (CUR only).
 *
 * <p>The filter {@code TagKeyValue} takes {@code user:<key>$<value>} (AWS Budgets API Reference,
 * "Budget", CostFilters; https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html).
 */
public final class TagBudget {
    /**
     * A notification takes one SNS subscriber (the topic) and up to 10 email subscribers (AWS Budgets API
     * Reference, "NotificationWithSubscribers": "for a total of 11 subscribers",
     * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_NotificationWithSubscribers.html):
     * the first 10 admins; every admin also gets the site's bill alerts on the topic.
     */
    public static final int MAX_EMAILS = 10;
    public static final double ACTUAL_PERCENT = 80;
    public static final double FORECAST_PERCENT = 100;

    private TagBudget() {
    }

    /** The TagKeyValue filter value of a charge-back tag ({@code site} -> {@code user:meltanodata:site$acme}). */
    public static String filterValue(String word, String value) {
        return "user:" + ChargeBack.TAG_PREFIX + word + "$" + value;
    }

    public static Budget monthly(String resourceName, String budgetName, int limitUsd, String word, String value,
                                 Output<String> alertTopicArn, Output<List<String>> admins, CustomResourceOptions options) {
        return new Budget(resourceName, BudgetArgs.builder()
                .name(budgetName)
                .budgetType("COST")
                .limitAmount(String.valueOf(limitUsd))
                .limitUnit("USD")
                .timeUnit("MONTHLY")
                .costFilters(BudgetCostFilterArgs.builder().name("TagKeyValue").values(filterValue(word, value)).build())
                .notifications(notification("ACTUAL", ACTUAL_PERCENT, alertTopicArn, admins),
                        notification("FORECASTED", FORECAST_PERCENT, alertTopicArn, admins))
                .build(), options);
    }

    private static BudgetNotificationArgs notification(String type, double percent, Output<String> topic,
                                                       Output<List<String>> admins) {
        return BudgetNotificationArgs.builder().notificationType(type).comparisonOperator("GREATER_THAN")
                .threshold(percent).thresholdType("PERCENTAGE")
                .subscriberSnsTopicArns(topic.applyValue(List::of))
                .subscriberEmailAddresses(admins.applyValue(emails -> emails.stream().limit(MAX_EMAILS).toList()))
                .build();
    }
}
