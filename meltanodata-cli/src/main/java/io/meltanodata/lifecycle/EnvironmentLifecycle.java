package io.meltanodata.lifecycle;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.DestroyOptions;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.UpdateKind;
import com.pulumi.automation.UpdateState;
import com.pulumi.automation.UpdateSummary;
import com.pulumi.automation.WorkspaceStack;
import io.meltanodata.components.config.Durations;
import io.meltanodata.components.naming.StackNames;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The life of Layer 4 stacks, on Pulumi's Automation API over the Layer 4 project directory
 * (the Pulumi CLI found on PATH does the work, with whatever backend and credentials the caller
 * has): bring a resolved ref's stack up, dispose the stacks of a ref, reap expired ones.
 * Disposing is {@code pulumi destroy} then {@code pulumi stack rm}: what destroy keeps (an
 * archived environment's artifacts bucket) was decided by the stack's own config.
 * <p>
 * Dispose and reap never depend on files an earlier run left: CI runs each command in a fresh
 * checkout, where no {@code Pulumi.<stack>.yaml} exists. What they decide on (the ref and TTL a
 * stack was deployed with) is read from the backend, in the config its last update recorded
 * ({@code pulumi stack history}), and a stack is disposed after {@code pulumi config refresh}
 * has put that config back, so its destroy records it too and a failed dispose can be retried
 * from yet another checkout.
 */
public final class EnvironmentLifecycle {
    private static final String REF = "meltanodata:ref";

    private final Path projectDirectory;
    private final Consumer<String> progress;
    private final DeployedStacks deployed;

    /**
     * @param projectDirectory the Layer 4 project ({@code deployments/04_environments})
     * @param org              the Pulumi organization of the stacks (stacks are selected as {@code <org>/<stack>})
     * @param environment      extra environment variables for the Pulumi CLI
     * @param progress         receives Pulumi's output and the lifecycle's decisions, line by line
     */
    public EnvironmentLifecycle(Path projectDirectory, String org, Map<String, String> environment, Consumer<String> progress) {
        this.projectDirectory = projectDirectory;
        this.progress = progress;
        this.deployed = new DeployedStacks(projectDirectory, org, environment);
    }

    /** Selects or creates the stack, writes the config the rules own (removing what they no longer set), runs up. */
    public void up(EnvironmentStackConfig config) {
        String name = config.stackName();
        try (WorkspaceStack stack = LocalWorkspace.createOrSelectStack(qualified(name), projectDirectory, options())) {
            Map<String, ConfigValue> current = stack.getAllConfig();
            List<String> stale = config.unset().stream().filter(current::containsKey).toList();
            if (!stale.isEmpty()) {
                stack.removeAllConfig(stale);
            }
            Map<String, ConfigValue> values = new LinkedHashMap<>();
            config.values().forEach((k, v) -> values.put(k, new ConfigValue(v)));
            stack.setAllConfig(values);
            progress.accept("pulumi up " + name);
            Optional<String> before = lastUpdate(stack).map(EnvironmentLifecycle::identity);
            try {
                stack.up(UpOptions.builder().onStandardOutput(progress).build());
            } catch (AutomationException e) {
                if (!succeededSince(stack, before)) {
                    throw e;
                }
                // pulumi-java 1.36.1 reads the outputs after an update as text only and fails on
                // Layer 4's lists (schedules, services): the update itself is what the backend says.
                progress.accept("pulumi up " + name + " succeeded (its outputs were not read: " + e.getMessage() + ")");
            }
        } catch (AutomationException e) {
            throw failed("pulumi up of stack " + name, e);
        } catch (Exception e) {
            throw unexpected(e);
        }
    }

    /**
     * Whether the backend's last update of the stack is a successful one other than {@code before}.
     * A self-managed backend numbers no updates (every version is 0), so an update is known by its
     * version and start time together.
     */
    private static boolean succeededSince(WorkspaceStack stack, Optional<String> before) throws AutomationException {
        return lastUpdate(stack).filter(u -> u.kind() == UpdateKind.UPDATE && u.result() == UpdateState.SUCCEEDED
                && !Optional.of(identity(u)).equals(before)).isPresent();
    }

    private static String identity(UpdateSummary update) {
        return update.version() + "@" + update.startTime();
    }

    private static Optional<UpdateSummary> lastUpdate(WorkspaceStack stack) throws AutomationException {
        return DeployedStacks.lastUpdate(stack);
    }

    /** Disposes every stack of this project deployed for {@code ref}; returns their names (none: nothing to do). */
    public List<String> dispose(String site, String project, String ref) {
        List<String> disposed = new ArrayList<>();
        for (EnvironmentStack stack : stacks(site, project)) {
            if (stack.ref().filter(ref::equals).isPresent()) {
                destroyAndRemove(stack.name());
                disposed.add(stack.name());
            }
        }
        return disposed;
    }

    /** The project's Layer 4 stacks, with the ref, TTL and last update each was deployed with. */
    public List<EnvironmentStack> stacks(String site, String project) {
        return deployed.list(StackNames.project(site, project) + ".").stream()
                .map(stack -> new EnvironmentStack(stack.name(), stack.value(REF),
                        stack.value(EnvironmentStackConfig.TTL).map(t -> Durations.positive(stack.name() + ": " + EnvironmentStackConfig.TTL, t)),
                        stack.lastUpdate(), stack.updateInProgress()))
                .toList();
    }

    /** Disposes the stacks whose TTL has passed at {@code now}; returns the expired stacks (disposed unless dry run). */
    public List<EnvironmentStack> reap(String site, String project, Instant now, boolean dryRun) {
        List<EnvironmentStack> expired = stacks(site, project).stream().filter(s -> s.expired(now)).toList();
        for (EnvironmentStack stack : expired) {
            progress.accept(stack.name() + ": expired at " + stack.expiresAt().orElseThrow()
                    + (dryRun ? " (dry run: kept)" : "; disposing"));
            if (!dryRun) {
                destroyAndRemove(stack.name());
            }
        }
        return expired;
    }

    private void destroyAndRemove(String name) {
        try (WorkspaceStack stack = LocalWorkspace.selectStack(qualified(name), projectDirectory, options())) {
            if (lastUpdate(stack).isPresent()) {
                stack.refreshConfig();
            }
            progress.accept("pulumi destroy " + name);
            stack.destroy(DestroyOptions.builder().onStandardOutput(progress).build());
            stack.workspace().removeStack(qualified(name));
        } catch (AutomationException e) {
            throw failed("disposing stack " + name, e);
        } catch (Exception e) {
            throw unexpected(e);
        }
    }

    private String qualified(String stack) {
        return deployed.qualified(stack);
    }

    private LocalWorkspaceOptions options() {
        return deployed.options();
    }

    private static LifecycleException failed(String action, AutomationException e) {
        return DeployedStacks.failed(action, e);
    }

    private static LifecycleException unexpected(Exception e) {
        return DeployedStacks.unexpected(e);
    }
}
