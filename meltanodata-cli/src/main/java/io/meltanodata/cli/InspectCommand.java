package io.meltanodata.cli;

import io.meltanodata.projects.meltano.MeltanoProject;
import io.meltanodata.projects.meltano.MeltanoProjectReader;
import io.meltanodata.projects.meltano.ProjectSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code meltanodata inspect <project-dir>}: what the meltano.yml reader understood. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Reads a Meltano project (meltano.yml and its include_paths) as Meltano does and prints",
                "its environments, default environment, schedules (normalised cron or manual), jobs,",
                "plugins by type and included files. Exit 0 when valid; 1 with a one-line error otherwise."})
final class InspectCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT_DIR", description = "The Meltano project root (holds meltano.yml).")
    Path projectDir;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        MeltanoProject project = MeltanoProjectReader.read(projectDir);
        Printer.print(spec, format == Format.json, () -> ProjectSummary.json(project), () -> ProjectSummary.text(project));
        return ExitCodes.OK;
    }
}
