package io.meltanodata.cli;

import io.meltanodata.components.git.GitRef;
import io.meltanodata.components.config.StackFile;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.projects.rules.Resolution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code meltanodata resolve --project <stack file> --ref <ref>}: what the branch rules decide. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {"Resolves a git ref with a Hosted Project's branch rules (validated against its meltano.yml)",
                "and prints the decision: rule, environment, activated, schedules and services, TTL,",
                "archive on dispose, the Layer 4 stack name, and (JSON) the image repository and tag it runs."})
final class ResolveCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--project", required = true, paramLabel = "STACK_FILE",
            description = "The project's Layer 3 stack file, e.g. deployments/03_projects/Pulumi.acme.analytics.yaml.")
    Path project;

    @Option(names = "--ref", required = true, description = "A branch (main, refs/heads/main) or tag (refs/tags/v1.0).")
    String ref;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        String file = project.getFileName().toString();
        String stack = file.replaceFirst("^Pulumi\\.", "").replaceFirst("\\.yaml$", "");
        HostedProjectConfig config = HostedProjectConfig.load(StackFile.read(project), stack);
        Resolution resolution = config.rules().resolve(GitRef.parse(ref), config.meltano().declarations(), config.site(),
                config.project());
        Printer.print(spec, format == Format.json, () -> {
            // What CI builds before `env up`: the image Layer 4 runs, <registry>/<imageRepository>:<imageTag>.
            java.util.Map<String, Object> json = new java.util.LinkedHashMap<>(resolution.toJson());
            json.put("imageRepository", config.imageRepository());
            json.put("imageTag", GitRef.parse(ref).slug());
            return json;
        }, resolution::toText);
        return ExitCodes.OK;
    }
}
