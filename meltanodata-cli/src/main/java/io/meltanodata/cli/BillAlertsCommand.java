package io.meltanodata.cli;

import io.meltanodata.billing.AlertPublisher;
import io.meltanodata.billing.Bill;
import io.meltanodata.billing.BudgetAlert;
import io.meltanodata.billing.EnvironmentBudget;
import io.meltanodata.components.UserInputException;
import io.meltanodata.lifecycle.DeployedStacks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code meltanodata bill alerts}: each environment's monthlyBudgetUsd against its actual cost from the export. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Compares each environment's monthlyBudgetUsd with its month-to-date cost in the",
                "CUR 2.0 export and its linear forecast: more than 80% actual or 100% forecast is an",
                "alert, printed and, with --topic-arn, published to that SNS topic. The budgets are",
                "the Layer 4 stacks' in the Pulumi backend with --backend (the Pulumi CLI on PATH,",
                "logged in), else the rendered STACK_FILE... (default: the bundled example)."})
final class BillAlertsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BillCommand.ExportOptions export;

    @Mixin
    StackSelection stacks;

    @Option(names = "--topic-arn", paramLabel = "ARN", description = "Publish each alert to this SNS topic (the fabric's alert topic).")
    String topicArn;

    @Option(names = "--backend", description = {"Read each Layer 4 stack's monthlyBudgetUsd from the config its last update",
            "recorded in the Pulumi backend (pulumi stack history), not from stack files."})
    boolean backend;

    @Option(names = "--org", defaultValue = "organization", paramLabel = "ORG",
            description = "With --backend: the Pulumi organization of the Layer 4 stacks (default: ${DEFAULT-VALUE}, a self-managed backend's).")
    String org;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "With --backend: the Layer 4 Pulumi project (default: deployments/04_environments under --root).")
    Path workDir;

    @Override
    public Integer call() {
        if (topicArn != null) {
            AlertPublisher.check(topicArn);
        }
        if (!backend && (workDir != null || !"organization".equals(org))) {
            throw new UserInputException("--org and --work-dir are read only with --backend");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> unreadable = new ArrayList<>();
        List<EnvironmentBudget> budgets = backend ? EnvironmentBudget.deployed(backendStacks().list(""), unreadable::add)
                : EnvironmentBudget.of(stacks.render());
        Bill bill = export.read();
        List<BudgetAlert> alerts = BudgetAlert.evaluate(bill, budgets);
        out.printf("%d environments checked against the export for %s (data through %s): %d alerts%n", budgets.size(), bill.month(),
                bill.dataThrough(), alerts.size());
        alerts.forEach(alert -> out.println(alert.kind() + " " + alert.message()));
        if (topicArn != null && !alerts.isEmpty()) {
            List<String> ids = new AlertPublisher(export.aws()).publish(topicArn, alerts);
            out.printf("published %d alerts to %s%n", ids.size(), topicArn);
        }
        out.flush();
        unreadable.forEach(line -> err.println("error: " + line));
        err.flush();
        return unreadable.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }

    private DeployedStacks backendStacks() {
        Path directory = workDir != null ? workDir : StackSelection.repositoryRoot(stacks.root).resolve("deployments/04_environments");
        return new DeployedStacks(directory.toAbsolutePath().normalize(), org, Map.of());
    }
}
