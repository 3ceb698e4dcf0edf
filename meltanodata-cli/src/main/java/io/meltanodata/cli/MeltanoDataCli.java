package io.meltanodata.cli;

import io.meltanodata.components.UserInputException;
import io.meltanodata.lifecycle.LifecycleException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code meltanodata}: the command-line tool of pulumi-meltano. */
@Command(name = "meltanodata",
        mixinStandardHelpOptions = true,
        versionProvider = MeltanoDataCli.Version.class,
        description = {
                "MeltanoData on AWS: inspect Meltano projects, resolve branch rules,",
                "preview and cost the four Pulumi layers offline, bill them from AWS's",
                "cost and usage data, and drive the environment lifecycle.",
                "",
                "Exit codes: 0 ok, 1 invalid input (one-line error on stderr),",
                "2 usage error, 3 findings (check), 4 a Pulumi command of env failed,",
                "70 internal error."
        },
        subcommands = {InspectCommand.class, ResolveCommand.class, PreviewCommand.class, CostCommand.class, BillCommand.class, BillingCommand.class, EnvCommand.class, CheckCommand.class, CommandLine.HelpCommand.class})
public final class MeltanoDataCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        io.meltanodata.components.CommonPool.sizeForTheSdk();
        System.exit(run(args, new ConsoleWriter(System.out), new ConsoleWriter(System.err)));
    }

    /** Runs the tool with the given streams; returns the exit code. Used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new MeltanoDataCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE
                : e instanceof UserInputException ? ExitCodes.INVALID_INPUT : ExitCodes.INTERNAL_ERROR);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserInputException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
            if (e instanceof LifecycleException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return ExitCodes.DEPLOY_FAILED;
            }
            e.printStackTrace(commandLine.getErr());
            return ExitCodes.INTERNAL_ERROR;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MeltanoDataCli.class.getPackage().getImplementationVersion();
            return new String[]{"meltanodata " + (version == null ? "development build" : version)};
        }
    }
}
