package io.meltanodata.real.engine;

import io.meltanodata.lifecycle.PulumiErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Pulumi CLI as a user runs it: a local file backend, a passphrase secrets provider, a
 * PULUMI_HOME of its own, and a PATH that starts with the given bin folders (the CLI, the Java
 * language host, the providers). Nothing may download: update checks and plugin acquisition are
 * off.
 */
public final class PulumiCli {
    static final String PASSPHRASE = "real-engine-suite";
    private static final long TIMEOUT_MINUTES = 15;

    private final Map<String, String> environment;
    private final Path logs;
    private int runs;

    private PulumiCli(Map<String, String> environment, Path logs) {
        this.environment = Map.copyOf(environment);
        this.logs = logs;
    }

    /** @param state where the backend, PULUMI_HOME and logs live; {@code path} is searched first, in order */
    public static PulumiCli logIn(Path state, List<Path> path, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> entries = new ArrayList<>(path.stream().map(p -> p.toAbsolutePath().toString()).toList());
        entries.add(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("PATH", String.join(":", entries));
        env.put("PULUMI_HOME", dir(state.resolve("home")).toString());
        env.put("PULUMI_BACKEND_URL", "file://" + dir(state.resolve("backend")));
        env.put("PULUMI_CONFIG_PASSPHRASE", PASSPHRASE);
        env.put("PULUMI_SKIP_UPDATE_CHECK", "true");
        env.put("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true");
        env.put("PULUMI_SKIP_CONFIRMATIONS", "true");
        env.put("PULUMI_ENABLE_LEGACY_DIFF", "false");
        env.put("NO_COLOR", "1");
        env.putAll(extra);
        PulumiCli cli = new PulumiCli(env, dir(state.resolve("logs")));
        cli.require(state, "(login)", "login", env.get("PULUMI_BACKEND_URL"));
        return cli;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** Runs {@code pulumi args...} in {@code dir}; any exit code. */
    public synchronized Result run(Path dir, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("pulumi");
        command.add("--non-interactive");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(environment);
        // The CLI is looked up on our PATH, not the JVM's.
        command.set(0, which("pulumi"));
        builder.command(command);
        try {
            // Every run's output stays in the state folder's logs/, numbered in order, for a look after a failure.
            String log = String.format("%03d-%s", ++runs, String.join("-", args.subList(0, Math.min(2, args.size())))
                    .replaceAll("[^A-Za-z0-9.-]", "_"));
            Path out = logs.resolve(log + ".out");
            Path err = logs.resolve(log + ".err");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            long started = System.nanoTime();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("pulumi " + String.join(" ", args) + " in " + dir + ": no answer in "
                        + TIMEOUT_MINUTES + " minutes");
            }
            Result result = new Result(args, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), (System.nanoTime() - started) / 1_000_000);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the command and fails, with one line naming the stack and Pulumi's message, unless it exits 0. */
    public Result require(Path dir, String stack, String... args) {
        Result result = run(dir, List.of(args));
        if (result.exit() != 0) {
            throw new AssertionError(stack + ": pulumi " + args[0] + " failed: " + result.error());
        }
        return result;
    }

    String which(String tool) {
        for (String entry : environment.get("PATH").split(":")) {
            Path candidate = Path.of(entry, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(tool + " is not on " + environment.get("PATH"));
    }

    private static Path dir(Path path) {
        try {
            return Files.createDirectories(path).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one CLI run did. {@link #error()} is Pulumi's own message, one line. */
    public record Result(List<String> args, int exit, String stdout, String stderr, long millis) {
        public String error() {
            return PulumiErrors.firstError(stdout + "\n" + stderr);
        }
    }
}
