package io.meltanodata.cli;

import io.meltanodata.policy.Finding;
import io.meltanodata.policy.PolicySuite;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.Layers;
import io.meltanodata.preview.TopologyPreview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Parameters(arity = "0..*", paramLabel = "STACK_FILE",
            description = "Pulumi.<stack>.yaml files to check (default: the bundled example, all layers).")
    List<Path> stackFiles = List.of();

    @Option(names = "--root", description = "Repository root holding deployments/ (default: $MELTANODATA_HOME or the current directory).")
    Path root;

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
        TopologyPreview preview = new TopologyPreview(Layers.all());
        List<Path> files = stackFiles.isEmpty() ? preview.exampleStackFiles(PreviewCommand.repositoryRoot(root)) : stackFiles;
        List<LayerRendering> renderings = preview.render(files);
        List<Finding> findings = suite.check(renderings);
        findings.forEach(out::println);
        long resources = renderings.stream().mapToLong(l -> l.rendering().resources().size()).sum();
        out.println(suite.rules().size() + " rules, " + renderings.size() + " stacks, " + resources + " resources: "
                + (findings.isEmpty() ? "no findings" : findings.size() + " findings"));
        out.flush();
        return findings.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

}
