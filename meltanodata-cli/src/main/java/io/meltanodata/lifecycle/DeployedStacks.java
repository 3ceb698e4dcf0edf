package io.meltanodata.lifecycle;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.HistoryOptions;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.StackSummary;
import com.pulumi.automation.UpdateSummary;
import com.pulumi.automation.WorkspaceStack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stacks of the Layer 4 project in the Pulumi backend, each with the config its last update
 * recorded ({@code pulumi stack history --json}), on the Automation API with the Pulumi CLI on PATH.
 * CI creates these stacks ({@code env up}) in throwaway checkouts; every later job (dispose, reap,
 * the bill alerts) starts from a fresh one, where no {@code Pulumi.<stack>.yaml} exists, and shares
 * only the backend: what a stack was deployed with is read there.
 */
public final class DeployedStacks {
    private final Path projectDirectory;
    private final String org;
    private final Map<String, String> environment;

    /**
     * @param projectDirectory the Layer 4 project ({@code deployments/04_environments})
     * @param org              the Pulumi organization of the stacks (stacks are selected as {@code <org>/<stack>})
     * @param environment      extra environment variables for the Pulumi CLI
     */
    public DeployedStacks(Path projectDirectory, String org, Map<String, String> environment) {
        this.projectDirectory = projectDirectory;
        this.org = org;
        this.environment = Map.copyOf(environment);
    }

    /** The stacks whose name starts with {@code prefix} ({@code ""}: all), in the backend's order. */
    public List<DeployedStack> list(String prefix) {
        try (LocalWorkspace workspace = LocalWorkspace.create(options())) {
            List<DeployedStack> stacks = new ArrayList<>();
            for (StackSummary summary : workspace.listStacks()) {
                String name = summary.name().substring(summary.name().lastIndexOf('/') + 1);
                if (name.startsWith(prefix)) {
                    stacks.add(read(name, summary));
                }
            }
            return stacks;
        } catch (AutomationException e) {
            throw failed("listing the stacks of " + prefix + "*", e);
        } catch (LifecycleException e) {
            throw e;
        } catch (Exception e) {
            throw unexpected(e);
        }
    }

    /**
     * A stack never updated has created nothing; only a config file left in this working directory
     * can say what it is for then.
     */
    private DeployedStack read(String name, StackSummary summary) throws Exception {
        try (WorkspaceStack stack = LocalWorkspace.selectStack(qualified(name), projectDirectory, options())) {
            Optional<Map<String, ConfigValue>> recorded = lastUpdate(stack).map(UpdateSummary::config);
            return new DeployedStack(name, values(recorded.isPresent() ? recorded.get() : stack.getAllConfig()),
                    recorded.isPresent(), Optional.ofNullable(summary.lastUpdate()), summary.isUpdateInProgress());
        }
    }

    /** Secret values are not read ({@code showSecrets(false)}): such keys are left out. */
    private static Map<String, String> values(Map<String, ConfigValue> config) {
        Map<String, String> values = new HashMap<>();
        config.forEach((key, value) -> {
            if (value != null && value.value() != null && !value.isSecret()) {
                values.put(key, value.value());
            }
        });
        return values;
    }

    static Optional<UpdateSummary> lastUpdate(WorkspaceStack stack) throws AutomationException {
        return stack.getHistory(HistoryOptions.builder().page(1).pageSize(1).showSecrets(false).build()).stream().findFirst();
    }

    String qualified(String stack) {
        return org + "/" + stack;
    }

    LocalWorkspaceOptions options() {
        return LocalWorkspaceOptions.builder().workDir(projectDirectory).environmentVariables(environment).build();
    }

    static LifecycleException failed(String action, AutomationException e) {
        return new LifecycleException(action + " failed: " + PulumiErrors.firstError(e), e);
    }

    static LifecycleException unexpected(Exception e) {
        return new LifecycleException("the Automation API failed: " + e, e);
    }
}
