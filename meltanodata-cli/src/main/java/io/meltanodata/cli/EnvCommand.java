package io.meltanodata.cli;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.config.ConfigSource;
import io.meltanodata.environments.ActivatedEnvironmentConfig;
import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.components.config.StackFile;
import io.meltanodata.components.git.GitRef;
import io.meltanodata.lifecycle.EnvironmentLifecycle;
import io.meltanodata.lifecycle.EnvironmentStack;
import io.meltanodata.lifecycle.EnvironmentStackConfig;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.projects.rules.Resolution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code meltanodata env up|dispose|reap}: the life of a project's Activated Environments, on the
 * Automation API. What runs is what {@code resolve} decides; the Pulumi CLI on PATH, its backend
 * and cloud credentials are the caller's (the {@code environments} workflow sets them up).
 */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Brings a git ref's Layer 4 stack up, disposes it, or reaps expired ones, with the Pulumi CLI",
                "on PATH (logged in to the Layer 4 backend, with AWS credentials)."},
        subcommands = {EnvCommand.Up.class, EnvCommand.Dispose.class, EnvCommand.Reap.class})
final class EnvCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every env command needs: the project's Layer 3 stack file, its meltano.yml, and the Layer 4 project. */
    static final class ProjectOptions {
        @Option(names = "--project", required = true, paramLabel = "STACK_FILE",
                description = "The project's Layer 3 stack file, e.g. deployments/03_projects/Pulumi.acme.analytics.yaml.")
        Path project;

        @Option(names = "--meltano-project", paramLabel = "DIR",
                description = "The checked-out project (the directory holding meltano.yml), instead of the stack file's meltanoProject.")
        Path meltanoProject;

        @Option(names = "--work-dir", paramLabel = "DIR",
                description = "The Layer 4 Pulumi project (default: deployments/04_environments under $MELTANODATA_HOME or the current directory).")
        Path workDir;

        HostedProjectConfig load() {
            ConfigSource source = StackFile.read(project);
            if (meltanoProject != null) {
                source = withMeltanoProject(source, meltanoProject.toAbsolutePath().normalize());
            }
            String stack = project.getFileName().toString().replaceFirst("^Pulumi\\.", "").replaceFirst("\\.yaml$", "");
            return HostedProjectConfig.load(source, stack);
        }

        private static ConfigSource withMeltanoProject(ConfigSource source, Path directory) {
            Map<String, String> values = new HashMap<>();
            source.keys().forEach(k -> source.get(k).ifPresent(v -> values.put(k, v)));
            values.put("meltanodata:meltanoProject", directory.toString());
            Set<String> secrets = source.keys().stream().filter(source::isSecret).collect(Collectors.toSet());
            return new MapConfigSource(source.origin(), values, secrets, source.directory());
        }

        EnvironmentLifecycle lifecycle(HostedProjectConfig project, PrintWriter out) {
            Path directory = workDir != null ? workDir : StackSelection.repositoryRoot(null).resolve("deployments/04_environments");
            return new EnvironmentLifecycle(directory.toAbsolutePath().normalize(), project.org(), Map.of(), line -> {
                out.println(line);
                out.flush();
            });
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Resolves --ref with the project's branch rules; if a rule activates it, selects or creates",
                    "its stack, writes the rule's config and runs pulumi up. Otherwise does nothing."})
    static final class Up implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ProjectOptions options;
        @Option(names = "--ref", required = true, description = "The pushed branch or tag (refs/heads/main, feature/x, refs/tags/v1).")
        String ref;
        @Option(names = "--image-digest", paramLabel = "sha256:<hex>",
                description = {"The digest of the image just pushed for the ref (the build step's output); the environment",
                        "runs it. Required when a rule activates the ref."})
        String imageDigest;

        @Override
        public Integer call() {
            if (imageDigest != null && !ActivatedEnvironmentConfig.IMAGE_DIGEST.matcher(imageDigest).matches()) {
                throw new UserInputException("--image-digest '" + ConfigReader.printable(imageDigest) + "' is not "
                        + ActivatedEnvironmentConfig.IMAGE_DIGEST_ALLOWED);
            }
            HostedProjectConfig project = options.load();
            Resolution resolution = project.rules().resolve(GitRef.parse(ref), project.meltano().declarations(),
                    project.site(), project.project());
            PrintWriter out = spec.commandLine().getOut();
            if (!resolution.activated()) {
                out.println(resolution.ref().full() + ": " + resolution.rule().map(r -> "rule '" + r + "' does not activate it")
                        .orElse("no rule matches") + "; nothing to deploy");
                return ExitCodes.OK;
            }
            if (imageDigest == null) {
                throw new UserInputException("--image-digest is required: rule '" + resolution.rule().orElseThrow()
                        + "' activates " + resolution.ref().full() + " and its environment runs the image pushed for it");
            }
            EnvironmentStackConfig config = EnvironmentStackConfig.of(project, resolution, imageDigest, Instant.now());
            out.println(resolution.ref().full() + ": rule '" + resolution.rule().orElseThrow() + "' -> stack " + config.stackName());
            options.lifecycle(project, out).up(config);
            out.println("up: " + config.stackName());
            return ExitCodes.OK;
        }
    }

    @Command(name = "dispose", mixinStandardHelpOptions = true,
            description = {"Destroys and removes the project's stacks deployed for --ref (a deleted branch). What",
                    "destroy keeps was decided by the stack's archiveOnDispose. No stack: nothing to do."})
    static final class Dispose implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ProjectOptions options;
        @Option(names = "--ref", required = true, description = "The deleted branch or tag.")
        String ref;

        @Override
        public Integer call() {
            HostedProjectConfig project = options.load();
            GitRef gitRef = GitRef.parse(ref);
            PrintWriter out = spec.commandLine().getOut();
            List<String> disposed = options.lifecycle(project, out).dispose(project.site(), project.project(), gitRef.full());
            out.println(disposed.isEmpty() ? gitRef.full() + ": no environment stack; nothing to dispose"
                    : "disposed: " + String.join(", ", disposed));
            return ExitCodes.OK;
        }
    }

    @Command(name = "reap", mixinStandardHelpOptions = true,
            description = {"Disposes the project's ephemeral stacks whose TTL has passed since their last update.",
                    "Long-lived stacks (no TTL) and stacks being updated are never reaped."})
    static final class Reap implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ProjectOptions options;
        @Option(names = "--now", paramLabel = "INSTANT", description = "Judge TTLs at this instant (ISO-8601, default: now).")
        Instant now;
        @Option(names = "--dry-run", description = "List what would be disposed; dispose nothing.")
        boolean dryRun;
        @Option(names = "--disposed-refs", paramLabel = "FILE",
                description = "Write the git ref of each disposed stack to FILE, one a line (the workflow retires their builds).")
        Path disposedRefs;

        @Override
        public Integer call() {
            HostedProjectConfig project = options.load();
            OutputFile refsFile = disposedRefs == null ? null : OutputFile.of("--disposed-refs", disposedRefs);
            PrintWriter out = spec.commandLine().getOut();
            List<EnvironmentStack> expired = options.lifecycle(project, out).reap(project.site(), project.project(),
                    now == null ? Instant.now() : now, dryRun);
            out.println(expired.isEmpty() ? "no expired environment" : (dryRun ? "would dispose: " : "disposed: ")
                    + String.join(", ", expired.stream().map(EnvironmentStack::name).toList()));
            if (refsFile != null) {
                refsFile.write(dryRun ? "" : expired.stream().flatMap(s -> s.ref().stream()).distinct()
                        .map(ref -> ref + "\n").collect(Collectors.joining()));
            }
            return ExitCodes.OK;
        }
    }
}
