package io.meltanodata.billing;

import io.meltanodata.components.config.StackFile;
import io.meltanodata.components.git.GitRef;
import io.meltanodata.lifecycle.DeployedStacks;
import io.meltanodata.lifecycle.EnvironmentLifecycle;
import io.meltanodata.lifecycle.EnvironmentStackConfig;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.projects.rules.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The environments' budgets as the Pulumi backend holds them. CI creates each Layer 4 stack with
 * {@code env up} in a throwaway checkout; the bill-alerts workflow starts from a fresh one that shares
 * only the backend, so each monthlyBudgetUsd is read from the config the stack's last update recorded
 * ({@code pulumi stack history --json}), as dispose and reap read the ref and TTL. Drives the fake
 * {@code pulumi} first on this JVM's PATH (src/test/fake-pulumi), which keeps config in the working
 * directory and update history in the backend, as the real CLI does.
 */
public class EnvironmentBudgetTest {
    static final String FEATURE = "acme.analytics.dev.feature-login-78f299f7";
    static final String MAIN = "acme.analytics.prod.main";

    @TempDir
    Path scratch;

    /** What env up writes for the ref, plus what an operator set on the stack (keys the rules do not own). */
    public static EnvironmentStackConfig upConfig(String ref, Map<String, String> operator) {
        HostedProjectConfig project = HostedProjectConfig.load(StackFile.read(Path.of("../deployments/03_projects/Pulumi.acme.analytics.yaml")),
                "acme.analytics");
        Resolution r = project.rules().resolve(GitRef.parse(ref), project.meltano().declarations(), project.site(), project.project());
        EnvironmentStackConfig config = EnvironmentStackConfig.of(project, r, "sha256:" + "0".repeat(64), Instant.parse("2026-12-01T09:00:00Z"));
        Map<String, String> values = new LinkedHashMap<>(config.values());
        values.putAll(operator);
        return new EnvironmentStackConfig(config.stackName(), values, config.unset());
    }

    Path checkout() throws IOException {
        Path checkout = Files.createTempDirectory(scratch, "checkout");
        Files.copy(Path.of("../deployments/04_environments/Pulumi.yaml"), checkout.resolve("Pulumi.yaml"));
        return checkout;
    }

    @Test
    void aFreshCheckoutReadsEachBudgetFromTheConfigOfTheStacksLastUpdate() throws IOException {
        Path backend = Files.createDirectories(scratch.resolve("backend"));
        Map<String, String> shared = Map.of("FAKE_PULUMI_STATE", backend.toString());
        EnvironmentLifecycle push = new EnvironmentLifecycle(checkout(), "organization", shared, line -> { });
        push.up(upConfig("feature/login", Map.of("meltanodata:monthlyBudgetUsd", "50")));
        // main sets no budget: Layer 4's default, $100, is what its AWS Budget was created with
        push.up(upConfig("main", Map.of()));
        // created and never updated (a failed first up before any update): no environment, no budget
        Files.createDirectories(backend.resolve("stacks/acme.analytics.dev.pending"));
        Files.writeString(backend.resolve("stacks/acme.analytics.dev.pending/fullName"), "organization/acme.analytics.dev.pending");

        List<String> unreadable = new ArrayList<>();
        List<EnvironmentBudget> budgets = EnvironmentBudget.deployed(new DeployedStacks(checkout(), "organization", shared).list(""),
                unreadable::add);

        assertEquals(List.of(
                        new EnvironmentBudget(FEATURE, "acme", "analytics", "dev", "feature-login-78f299f7", 50),
                        new EnvironmentBudget(MAIN, "acme", "analytics", "prod", "main", 100)),
                budgets.stream().sorted(java.util.Comparator.comparing(EnvironmentBudget::stack)).toList());
        assertEquals(List.of(), unreadable);
    }

    @Test
    void aStackWhoseRecordedConfigLayer4RefusesIsNamedAndTheOthersAreStillRead() throws IOException {
        Path backend = Files.createDirectories(scratch.resolve("backend"));
        Map<String, String> shared = Map.of("FAKE_PULUMI_STATE", backend.toString());
        EnvironmentLifecycle push = new EnvironmentLifecycle(checkout(), "organization", shared, line -> { });
        push.up(upConfig("main", Map.of("meltanodata:monthlyBudgetUsd", "400")));
        push.up(upConfig("feature/login", Map.of("meltanodata:monthlyBudgetUsd", "lots")));

        List<String> unreadable = new ArrayList<>();
        List<EnvironmentBudget> budgets = EnvironmentBudget.deployed(new DeployedStacks(checkout(), "organization", shared).list(""),
                unreadable::add);

        assertEquals(List.of(new EnvironmentBudget(MAIN, "acme", "analytics", "prod", "main", 400)), budgets);
        assertEquals(List.of("stack " + FEATURE + " (the config of its last update): config key 'meltanodata:monthlyBudgetUsd' "
                + "has value 'lots'; allowed: a whole number from 1 to 1000000"), unreadable);
    }
}
