package io.meltanodata.lifecycle;

import io.meltanodata.components.config.StackFile;
import io.meltanodata.components.git.GitRef;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.projects.rules.Resolution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives the Automation API against the fake {@code pulumi} first on this JVM's PATH
 * (src/test/fake-pulumi), which logs every call: the tests assert the exact Pulumi commands,
 * stack names and config a real CLI would receive.
 */
class EnvironmentLifecycleTest {
    static final Path PROJECT_STACK = Path.of("../deployments/03_projects/Pulumi.acme.analytics.yaml");
    static final String FEATURE = "acme.analytics.dev.feature-login-78f299f7";
    static final String MAIN = "acme.analytics.prod.main";
    /** Stacks are addressed fully qualified: the project's org is its site stack's. */
    static final String Q = "organization/";

    @TempDir
    Path layer4;
    final List<String> progress = new ArrayList<>();
    EnvironmentLifecycle lifecycle;
    HostedProjectConfig project;

    @BeforeEach
    void setUp() throws IOException {
        Files.copy(Path.of("../deployments/04_environments/Pulumi.yaml"), layer4.resolve("Pulumi.yaml"));
        lifecycle = new EnvironmentLifecycle(layer4, "organization", Map.of(), progress::add);
        project = HostedProjectConfig.load(StackFile.read(PROJECT_STACK), "acme.analytics");
    }

    /** What the committed example stacks carry (a placeholder digest, and their activation). */
    static final String EXAMPLE_DIGEST = "sha256:" + "0".repeat(64);
    static final java.time.Instant EXAMPLE_ACTIVATION = java.time.Instant.parse("2026-12-01T09:00:00Z");

    static EnvironmentStackConfig resolved(HostedProjectConfig project, String ref) {
        Resolution r = project.rules().resolve(GitRef.parse(ref), project.meltano().declarations(), project.site(), project.project());
        return EnvironmentStackConfig.of(project, r, EXAMPLE_DIGEST, EXAMPLE_ACTIVATION);
    }

    List<String> calls() throws IOException {
        return Files.readAllLines(layer4.resolve(".fake-pulumi/calls.log"));
    }

    void clearCalls() throws IOException {
        Files.delete(layer4.resolve(".fake-pulumi/calls.log"));
    }

    void lastUpdated(String stack, String instant) throws IOException {
        Files.writeString(layer4.resolve(".fake-pulumi/stacks/" + stack + "/lastUpdate"), instant);
    }

    @Test
    void upCreatesTheStackWritesTheRulesConfigAndRunsUp() throws IOException {
        lifecycle.up(resolved(project, "feature/login"));

        assertEquals(List.of(
                "stack select --stack " + Q + FEATURE + " --non-interactive",
                "stack init " + Q + FEATURE + " --non-interactive",
                "config --show-secrets --json --stack " + Q + FEATURE + " --non-interactive",
                "config set-all --stack " + Q + FEATURE
                        + " --plaintext aws:region=eu-west-1"
                        + " --plaintext meltanodata:projectStack=organization/meltanodata-hosted-project/acme.analytics"
                        + " --plaintext meltanodata:fabric=dev"
                        + " --plaintext meltanodata:ref=refs/heads/feature/login"
                        + " --plaintext meltanodata:environment=dev"
                        + " --plaintext meltanodata:schedules=[\"backfill\",\"github-hourly\"]"
                        + " --plaintext meltanodata:services=[]"
                        + " --plaintext meltanodata:archiveOnDispose=false"
                        + " --plaintext meltanodata:imageDigest=" + EXAMPLE_DIGEST
                        + " --plaintext meltanodata:activatedAt=2026-12-01T09:00:00Z"
                        + " --plaintext meltanodata:ttl=72h --non-interactive",
                // The number of the stack's last update, to tell afterwards whether this up made one.
                "stack history --json --page-size 1 --page 1 --non-interactive",
                // The SDK runs up on the stack it selected above (it does not pass --stack).
                "up --yes --skip-preview --exec-kind auto.local --non-interactive",
                "stack output --json --stack " + Q + FEATURE + " --non-interactive",
                "stack output --json --show-secrets --stack " + Q + FEATURE + " --non-interactive",
                // The SDK cannot read those outputs (a list): the backend's history says the update succeeded.
                "stack history --json --page-size 1 --page 1 --non-interactive"), calls());
        assertTrue(progress.contains("up: " + Q + FEATURE), "Pulumi's output is streamed: " + progress);
    }

    @Test
    void upOfAnExistingStackSelectsItAndUnsetsTheTtlWhenItsRuleBecameLongLived() throws IOException {
        EnvironmentStackConfig ephemeral = resolved(project, "feature/login");
        lifecycle.up(ephemeral);
        clearCalls();
        Map<String, String> longLived = new java.util.LinkedHashMap<>(ephemeral.values());
        longLived.remove("meltanodata:ttl");
        lifecycle.up(new EnvironmentStackConfig(FEATURE, longLived, List.of("meltanodata:ttl")));

        List<String> calls = calls();
        assertEquals("stack select --stack " + Q + FEATURE + " --non-interactive", calls.get(0));
        assertEquals("config rm-all --stack " + Q + FEATURE + " meltanodata:ttl --non-interactive", calls.get(2));
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("stack init")), calls.toString());
        assertEquals(java.util.Optional.empty(), lifecycle.stacks("acme", "analytics").get(0).ttl());
    }

    @Test
    void disposeDestroysAndRemovesOnlyTheStacksDeployedForThatRef() throws IOException {
        lifecycle.up(resolved(project, "feature/login"));
        lifecycle.up(resolved(project, "main"));
        clearCalls();

        assertEquals(List.of(FEATURE), lifecycle.dispose("acme", "analytics", "refs/heads/feature/login"));

        List<String> calls = calls();
        assertTrue(calls.contains("destroy --yes --skip-preview --exec-kind auto.local --non-interactive"), calls.toString());
        assertEquals("stack rm --yes " + Q + FEATURE + " --non-interactive", calls.get(calls.size() - 1));
        assertEquals(1, calls.stream().filter(c -> c.startsWith("destroy")).count());
        assertEquals(List.of(MAIN), lifecycle.stacks("acme", "analytics").stream().map(EnvironmentStack::name).toList());
    }

    @Test
    void disposeOfARefWithoutStackDoesNothing() throws IOException {
        lifecycle.up(resolved(project, "main"));
        clearCalls();

        assertEquals(List.of(), lifecycle.dispose("acme", "analytics", "refs/heads/feature/gone"));
        assertFalse(calls().stream().anyMatch(c -> c.startsWith("destroy") || c.startsWith("stack rm")), calls().toString());
    }

    @Test
    void reapDisposesEphemeralStacksPastTheirTtlSinceTheLastUpdateOnly() throws IOException {
        lifecycle.up(resolved(project, "feature/login"));
        lifecycle.up(resolved(project, "main"));
        lifecycle.up(resolved(project, "feature/fresh"));
        String fresh = resolved(project, "feature/fresh").stackName();
        lastUpdated(FEATURE, "2026-11-01T00:00:00Z");
        lastUpdated(fresh, "2026-11-03T12:00:00Z");
        lastUpdated(MAIN, "2026-01-01T00:00:00Z");
        Instant now = Instant.parse("2026-11-05T00:00:00Z"); // login expired 11-04T00:00, fresh expires 11-06T12:00

        assertEquals(List.of(FEATURE), lifecycle.reap("acme", "analytics", now, true).stream().map(EnvironmentStack::name).toList());
        assertEquals(3, lifecycle.stacks("acme", "analytics").size(), "a dry run disposes nothing");

        clearCalls();
        assertEquals(List.of(FEATURE), lifecycle.reap("acme", "analytics", now, false).stream().map(EnvironmentStack::name).toList());
        assertEquals(1, calls().stream().filter(c -> c.startsWith("destroy")).count());
        assertTrue(calls().contains("stack rm --yes " + Q + FEATURE + " --non-interactive"));
        assertEquals(List.of(MAIN, fresh).stream().sorted().toList(),
                lifecycle.stacks("acme", "analytics").stream().map(EnvironmentStack::name).sorted().toList());
    }

    @Test
    void otherProjectsStacksAreNeverListedDisposedOrReaped() throws IOException {
        lifecycle.up(resolved(project, "feature/login"));
        lifecycle.up(new EnvironmentStackConfig("acme.analyticsx.dev.feature-login",
                Map.of("meltanodata:ref", "refs/heads/feature/login", "meltanodata:ttl", "1h"), List.of()));
        lastUpdated("acme.analyticsx.dev.feature-login", "2020-01-01T00:00:00Z");

        assertEquals(List.of(FEATURE), lifecycle.stacks("acme", "analytics").stream().map(EnvironmentStack::name).toList());
        assertEquals(List.of(), lifecycle.reap("acme", "analytics", Instant.parse("2026-11-05T00:00:00Z"), false));
        assertEquals(List.of(FEATURE), lifecycle.dispose("acme", "analytics", "refs/heads/feature/login"));
        assertTrue(Files.isDirectory(layer4.resolve(".fake-pulumi/stacks/acme.analyticsx.dev.feature-login")));
    }

    /** A checkout of the Layer 4 project as CI's next job has it: Pulumi.yaml, no stack file, the backend shared. */
    EnvironmentLifecycle freshCheckout(Path backend, List<String> log) throws IOException {
        Path checkout = Files.createTempDirectory(backend.getParent(), "checkout");
        Files.copy(Path.of("../deployments/04_environments/Pulumi.yaml"), checkout.resolve("Pulumi.yaml"));
        return new EnvironmentLifecycle(checkout, "organization", Map.of("FAKE_PULUMI_STATE", backend.toString()), log::add);
    }

    /**
     * Issue 22 item 1: CI throws away the checkout {@code env up} ran in (and the
     * Pulumi.<stack>.yaml it wrote); the delete and schedule jobs start from fresh ones that share
     * only the backend. Dispose and reap still find the ref and TTL each stack was deployed with.
     * Pulumi docs: "Stack settings file reference"
     * (https://www.pulumi.com/docs/iac/concepts/projects/stack-settings-file/: a stack's config is in
     * Pulumi.<stack-name>.yaml, in the project directory); "pulumi stack history"
     * (https://www.pulumi.com/docs/iac/cli/commands/pulumi_stack_history/: previous updates, each with
     * its config, from the backend); "pulumi config refresh"
     * (https://www.pulumi.com/docs/iac/cli/commands/pulumi_config_refresh/: the local configuration from
     * the most recent deployment of the stack).
     */
    @Test
    void disposeAndReapFromFreshCheckoutsFindTheRefAndTtlInTheBackend(@TempDir Path scratch) throws IOException {
        Path backend = scratch.resolve("backend");
        Files.createDirectories(backend);
        EnvironmentLifecycle push = freshCheckout(backend, progress);
        push.up(resolved(project, "feature/login"));
        push.up(resolved(project, "main"));
        push.up(resolved(project, "feature/fresh"));
        String fresh = resolved(project, "feature/fresh").stackName();

        assertEquals(List.of(FEATURE), freshCheckout(backend, progress).dispose("acme", "analytics", "refs/heads/feature/login"));
        List<String> calls = Files.readAllLines(backend.resolve("calls.log"));
        int destroy = calls.indexOf("destroy --yes --skip-preview --exec-kind auto.local --non-interactive");
        // The config goes back into the checkout first, so the destroy records it as well.
        assertEquals(List.of("config refresh --force --stack " + Q + FEATURE + " --non-interactive",
                "config --show-secrets --json --stack " + Q + FEATURE + " --non-interactive"), calls.subList(destroy - 2, destroy));

        Files.writeString(backend.resolve("stacks/" + fresh + "/lastUpdate"), "2026-11-01T00:00:00Z");
        Files.writeString(backend.resolve("stacks/" + MAIN + "/lastUpdate"), "2026-01-01T00:00:00Z");
        EnvironmentLifecycle schedule = freshCheckout(backend, progress);
        assertEquals(List.of(fresh), schedule.reap("acme", "analytics", Instant.parse("2026-11-05T00:00:00Z"), false)
                .stream().map(EnvironmentStack::name).toList());
        assertEquals(List.of(MAIN), schedule.stacks("acme", "analytics").stream().map(EnvironmentStack::name).toList());
        assertEquals(java.util.Optional.of("refs/heads/main"), schedule.stacks("acme", "analytics").get(0).ref());
    }

    /** A dispose whose destroy failed in one fresh checkout is retried from another: the failed destroy recorded the ref too. */
    @Test
    void aDisposeThatFailedInOneFreshCheckoutIsRetriedFromAnother(@TempDir Path scratch) throws IOException {
        Path backend = scratch.resolve("backend");
        Files.createDirectories(backend);
        freshCheckout(backend, progress).up(resolved(project, "feature/login"));
        Files.writeString(backend.resolve("fail-destroy"), "deleting bucket: BucketNotEmpty");

        LifecycleException e = assertThrows(LifecycleException.class,
                () -> freshCheckout(backend, progress).dispose("acme", "analytics", "refs/heads/feature/login"));
        assertEquals("disposing stack " + FEATURE + " failed: deleting bucket: BucketNotEmpty", e.getMessage());
        Files.delete(backend.resolve("fail-destroy"));

        assertEquals(List.of(FEATURE), freshCheckout(backend, progress).dispose("acme", "analytics", "refs/heads/feature/login"));
    }

    @Test
    void aFailedUpNamesTheStackAndQuotesPulumisError() throws IOException {
        Files.createDirectories(layer4.resolve(".fake-pulumi"));
        Files.writeString(layer4.resolve(".fake-pulumi/fail-up"), "the stack is currently locked by 1 lock(s)");

        LifecycleException e = assertThrows(LifecycleException.class, () -> lifecycle.up(resolved(project, "main")));
        assertEquals("pulumi up of stack " + MAIN + " failed: the stack is currently locked by 1 lock(s)", e.getMessage());
    }

    /** Only an update made by this up excuses an error after it: an earlier successful update does not. */
    @Test
    void aFailedUpOfAStackThatWasUpdatedBeforeStillFails() throws IOException {
        lifecycle.up(resolved(project, "main"));
        Files.writeString(layer4.resolve(".fake-pulumi/fail-up"), "update failed: 1 error");

        LifecycleException e = assertThrows(LifecycleException.class, () -> lifecycle.up(resolved(project, "main")));
        assertEquals("pulumi up of stack " + MAIN + " failed: update failed: 1 error", e.getMessage());
    }
}
