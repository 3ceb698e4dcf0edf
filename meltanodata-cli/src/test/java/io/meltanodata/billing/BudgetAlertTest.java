package io.meltanodata.billing;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each environment's monthlyBudgetUsd against its actual cost from the export, alerting as its AWS Budget's
 * notifications promise (80% actual, 100% forecast, GREATER_THAN; AWS Budgets API Reference, "Notification",
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Notification.html).
 */
class BudgetAlertTest {
    static final EnvironmentBudget QUIET = new EnvironmentBudget("acme.analytics.prod.main", "acme", "analytics", "prod", "main", 400);
    static final EnvironmentBudget TRENDING = new EnvironmentBudget("acme.analytics.dev.a", "acme", "analytics", "dev", "a", 100);
    static final EnvironmentBudget OVER = new EnvironmentBudget("acme.analytics.dev.b", "acme", "analytics", "dev", "b", 100);
    static final EnvironmentBudget ABSENT = new EnvironmentBudget("acme.analytics.dev.c", "acme", "analytics", "dev", "c", 1);

    /** Nine days of November (216 of 720 hours): the forecast is 720 / 216 times the month to date. */
    static Bill nineDays(double quiet, double trending, double over) {
        return new Bill("2026-11", Instant.parse("2026-11-10T00:00:00Z"), quiet + trending + over,
                List.of(new BillRow("acme", "analytics", "prod", "main", quiet, 0, 0, 0),
                        new BillRow("acme", "analytics", "dev", "a", trending - 1, 0.5, 0.5, 0),
                        new BillRow("acme", "analytics", "dev", "b", over, 0, 0, 0)),
                0, 1, 0, Map.of(), 0);
    }

    @Test
    void eightyPercentActualAndHundredPercentForecastAlert() {
        List<BudgetAlert> alerts = BudgetAlert.evaluate(nineDays(100, 31, 81), List.of(QUIET, TRENDING, OVER, ABSENT));
        assertEquals(List.of("acme.analytics.dev.a FORECASTED", "acme.analytics.dev.b ACTUAL", "acme.analytics.dev.b FORECASTED"),
                alerts.stream().map(a -> a.budget().stack() + " " + a.kind()).toList());
        assertEquals(31 * 720.0 / 216, alerts.get(0).forecastUsd(), 1e-9);
    }

    @Test
    void atTheThresholdsNothingAlerts() {
        assertEquals(List.of(), BudgetAlert.evaluate(nineDays(120, 30, 30), List.of(QUIET, TRENDING, OVER)));
    }

    @Test
    void theMessageNamesTheEnvironmentTheCostAndTheBudget() {
        BudgetAlert alert = BudgetAlert.evaluate(nineDays(100, 31, 81), List.of(OVER)).get(0);
        assertEquals("MeltanoData budget 80% actual: acme.analytics.dev.b", alert.subject());
        assertEquals("acme.analytics.dev.b (acme.analytics.dev, ref b): actual cost $81.00 in 2026-11 is 81% of its monthly budget of $100 "
                + "(alert above 80%); month to date $81.00, forecast $270.00.", alert.message());
    }

    @Test
    void aCompleteMonthForecastsItsActual() {
        Bill complete = new Bill("2026-11", Instant.parse("2026-12-01T00:00:00Z"), 0, List.of(), 0, 0, 0, Map.of(), 0);
        assertEquals(1.0, BudgetAlert.forecastFactor(complete));
    }
}
