package io.meltanodata.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An environment whose month-to-date cost from the export crosses what its AWS Budget's notifications
 * promise (Layer 4's {@code CostGuard}): more than 80% of {@code monthlyBudgetUsd} actual, or more than
 * 100% forecast. The forecast is linear: the month-to-date cost over the hours the export covers, times
 * the month's hours.
 */
public record BudgetAlert(EnvironmentBudget budget, Kind kind, double actualUsd, double forecastUsd, String month) {

    public enum Kind {
        ACTUAL(80), FORECASTED(100);

        final int percent;

        Kind(int percent) {
            this.percent = percent;
        }
    }

    public static List<BudgetAlert> evaluate(Bill bill, List<EnvironmentBudget> budgets) {
        double forecastFactor = forecastFactor(bill);
        List<BudgetAlert> alerts = new ArrayList<>();
        for (EnvironmentBudget budget : budgets) {
            double actual = budget.actual(bill);
            double forecast = actual * forecastFactor;
            if (actual > budget.limitUsd() * Kind.ACTUAL.percent / 100) {
                alerts.add(new BudgetAlert(budget, Kind.ACTUAL, actual, forecast, bill.month()));
            }
            if (forecast > budget.limitUsd() * Kind.FORECASTED.percent / 100) {
                alerts.add(new BudgetAlert(budget, Kind.FORECASTED, actual, forecast, bill.month()));
            }
        }
        return alerts;
    }

    /** The month's hours over the hours the export covers so far (1 once the month is complete). */
    static double forecastFactor(Bill bill) {
        YearMonth month = YearMonth.parse(bill.month());
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant through = bill.dataThrough().isAfter(end) ? end : bill.dataThrough();
        long covered = Duration.between(start, through).toHours();
        return covered <= 0 ? 1 : (double) Duration.between(start, end).toHours() / covered;
    }

    public String subject() {
        String subject = "MeltanoData budget " + (kind == Kind.ACTUAL ? "80% actual" : "100% forecast") + ": " + budget.stack();
        return subject.length() > 100 ? subject.substring(0, 100) : subject;
    }

    public String message() {
        double percent = budget.limitUsd() == 0 ? 0 : 100 * (kind == Kind.ACTUAL ? actualUsd : forecastUsd) / budget.limitUsd();
        return String.format(Locale.ROOT, "%s (%s.%s.%s, ref %s): %s cost $%.2f in %s is %.0f%% of its monthly budget of $%.0f "
                        + "(alert above %d%%); month to date $%.2f, forecast $%.2f.",
                budget.stack(), budget.site(), budget.project(), budget.environment(), budget.ref(),
                kind == Kind.ACTUAL ? "actual" : "forecast", kind == Kind.ACTUAL ? actualUsd : forecastUsd, month, percent,
                budget.limitUsd(), kind.percent, actualUsd, forecastUsd);
    }
}
