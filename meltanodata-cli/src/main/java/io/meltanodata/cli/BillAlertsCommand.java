package io.meltanodata.cli;

import io.meltanodata.billing.AlertPublisher;
import io.meltanodata.billing.Bill;
import io.meltanodata.billing.BudgetAlert;
import io.meltanodata.billing.EnvironmentBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code meltanodata bill alerts}: each environment's monthlyBudgetUsd against its actual cost from the export. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Compares each rendered environment's monthlyBudgetUsd (STACK_FILE...,",
                "default: the bundled example) with its month-to-date cost in the CUR 2.0",
                "export and its linear forecast: more than 80% actual or 100% forecast is an",
                "alert, printed and, with --topic-arn, published to that SNS topic."})
final class BillAlertsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BillCommand.ExportOptions export;

    @Mixin
    StackSelection stacks;

    @Option(names = "--topic-arn", paramLabel = "ARN", description = "Publish each alert to this SNS topic (the fabric's alert topic).")
    String topicArn;

    @Override
    public Integer call() {
        if (topicArn != null) {
            AlertPublisher.check(topicArn);
        }
        List<EnvironmentBudget> budgets = EnvironmentBudget.of(stacks.render());
        Bill bill = export.read();
        List<BudgetAlert> alerts = BudgetAlert.evaluate(bill, budgets);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d environments checked against the export for %s (data through %s): %d alerts%n", budgets.size(), bill.month(),
                bill.dataThrough(), alerts.size());
        alerts.forEach(alert -> out.println(alert.kind() + " " + alert.message()));
        if (topicArn != null && !alerts.isEmpty()) {
            List<String> ids = new AlertPublisher(export.aws()).publish(topicArn, alerts);
            out.printf("published %d alerts to %s%n", ids.size(), topicArn);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
