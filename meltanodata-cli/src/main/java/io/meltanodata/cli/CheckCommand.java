package io.meltanodata.cli;

import io.meltanodata.policy.Finding;
import io.meltanodata.policy.PolicySuite;
import io.meltanodata.preview.LayerRendering;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code meltanodata check}: the policy suite over the offline preview of the user's stacks. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Renders the stacks offline like preview, then runs the policy suite over every resource:",
                "tenant isolation, EKS and AWS hardening, workload security, charge-back tags and labels,",
                "data safety. Exit 0 when clean, 3 with one line per finding."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StackSelection stacks;

    @Option(names = "--rules", description = "List the rules and exit.")
    boolean listRules;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PolicySuite suite = PolicySuite.standard();
        if (listRules) {
            suite.rules().forEach(rule -> out.println(rule.id() + "  " + rule.title()));
            out.flush();
            return ExitCodes.OK;
        }
        List<LayerRendering> renderings = stacks.render();
        List<Finding> findings = suite.check(renderings);
        findings.forEach(out::println);
        long resources = renderings.stream().mapToLong(l -> l.rendering().resources().size()).sum();
        out.println(suite.rules().size() + " rules, " + renderings.size() + " stacks, " + resources + " resources: "
                + (findings.isEmpty() ? "no findings" : findings.size() + " findings"));
        out.flush();
        return findings.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

}
