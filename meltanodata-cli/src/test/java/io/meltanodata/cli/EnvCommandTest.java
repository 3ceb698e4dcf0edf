package io.meltanodata.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.meltanodata.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code meltanodata env}, end to end against the fake pulumi on PATH (see EnvironmentLifecycleTest). */
class EnvCommandTest {
    static final String PROJECT = ResolveCommandTest.PROJECT;
    static final String FEATURE = "acme.analytics.dev.feature-login-78f299f7";
    static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path layer4;

    @BeforeEach
    void setUp() throws IOException {
        Files.copy(Path.of("../deployments/04_environments/Pulumi.yaml"), layer4.resolve("Pulumi.yaml"));
    }

    InspectCommandTest.Run env(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "env";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(new String[]{"--project", PROJECT, "--work-dir", layer4.toString()}, 0, all, args.length + 1, 4);
        return run(all);
    }

    List<String> calls() throws IOException {
        Path log = layer4.resolve(".fake-pulumi/calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void upOfAnActivatedBranchDeploysItsStack() throws IOException {
        InspectCommandTest.Run run = env("up", "--image-digest", DIGEST, "--ref", "refs/heads/feature/login");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("refs/heads/feature/login: rule 'features' -> stack " + FEATURE + "\n"), run.out());
        assertTrue(run.out().endsWith("up: " + FEATURE + "\n"), run.out());
        assertTrue(calls().contains("up --yes --skip-preview --exec-kind auto.local --non-interactive"), calls().toString());
    }

    @Test
    void upOfABranchNoRuleActivatesDoesNothing() throws IOException {
        InspectCommandTest.Run run = env("up", "--image-digest", DIGEST, "--ref", "exp/try");
        assertEquals(0, run.exit(), run.err());
        assertEquals("refs/heads/exp/try: rule 'experiments' does not activate it; nothing to deploy\n", run.out());
        assertEquals(List.of(), calls(), "Pulumi is not even asked");
        assertEquals(0, env("up", "--ref", "exp/try").exit(), "no build was pushed for a ref no rule activates");
        assertEquals("refs/heads/docs/x: no rule matches; nothing to deploy\n", env("up", "--image-digest", DIGEST, "--ref", "docs/x").out());
    }

    @Test
    void disposeOfADeletedBranchRemovesItsStackAndSaysSoWhenThereIsNone() {
        assertEquals(0, env("up", "--image-digest", DIGEST, "--ref", "feature/login").exit());
        InspectCommandTest.Run run = env("dispose", "--ref", "feature/login");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("disposed: " + FEATURE + "\n"), run.out());
        InspectCommandTest.Run again = env("dispose", "--ref", "feature/login");
        assertEquals("refs/heads/feature/login: no environment stack; nothing to dispose\n", again.out());
    }

    @Test
    void reapDryRunListsExpiredStacksAndKeepsThem() throws IOException {
        assertEquals(0, env("up", "--image-digest", DIGEST, "--ref", "feature/login").exit());
        Files.writeString(layer4.resolve(".fake-pulumi/stacks/" + FEATURE + "/lastUpdate"), "2026-11-01T00:00:00Z");

        InspectCommandTest.Run run = env("reap", "--dry-run", "--now", "2026-11-10T00:00:00Z");
        assertEquals(0, run.exit(), run.err());
        assertEquals(FEATURE + ": expired at 2026-11-04T00:00:00Z (dry run: kept)\nwould dispose: " + FEATURE + "\n", run.out());
        assertFalse(calls().stream().anyMatch(c -> c.startsWith("destroy")));
        assertEquals("no expired environment\n", env("reap", "--now", "2026-11-02T00:00:00Z").out());
    }

    /**
     * Issue 22 item 4: a reaped environment's builds are retired as a disposed one's are, so the
     * registry's lifecycle expires them; the workflow learns their refs from this file (the ref each
     * stack was deployed with, read from the backend). A dry run writes an empty file.
     */
    @Test
    void reapWritesTheRefsOfTheStacksItDisposedForTheirBuildsToBeRetired() throws IOException {
        assertEquals(0, env("up", "--image-digest", DIGEST, "--ref", "feature/login").exit());
        assertEquals(0, env("up", "--image-digest", DIGEST, "--ref", "main").exit());
        Files.writeString(layer4.resolve(".fake-pulumi/stacks/" + FEATURE + "/lastUpdate"), "2026-11-01T00:00:00Z");
        Path refs = layer4.resolve("disposed-refs");

        InspectCommandTest.Run dry = env("reap", "--dry-run", "--now", "2026-11-10T00:00:00Z", "--disposed-refs", refs.toString());
        assertEquals(0, dry.exit(), dry.err());
        assertEquals("", Files.readString(refs), "a dry run disposes nothing");

        InspectCommandTest.Run run = env("reap", "--now", "2026-11-10T00:00:00Z", "--disposed-refs", refs.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("disposed: " + FEATURE + "\n"), run.out());
        assertEquals("refs/heads/feature/login\n", Files.readString(refs));

        assertEquals("no expired environment\n", env("reap", "--now", "2026-11-10T00:00:00Z", "--disposed-refs", refs.toString()).out());
        assertEquals("", Files.readString(refs));
    }

    @Test
    void aPulumiFailureExitsWith4AndOneLine() throws IOException {
        Files.createDirectories(layer4.resolve(".fake-pulumi"));
        Files.writeString(layer4.resolve(".fake-pulumi/fail-up"), "AccessDenied: not authorized to perform iam:CreateRole");
        InspectCommandTest.Run run = env("up", "--image-digest", DIGEST, "--ref", "main");
        assertEquals(ExitCodes.DEPLOY_FAILED, run.exit());
        assertEquals("error: pulumi up of stack acme.analytics.prod.main failed: AccessDenied: not authorized to perform iam:CreateRole\n",
                run.err());
    }

    @Test
    void aBadRefIsAnInputErrorBeforePulumiRuns() throws IOException {
        InspectCommandTest.Run run = env("up", "--image-digest", DIGEST, "--ref", "feature/../x");
        assertEquals(ExitCodes.INVALID_INPUT, run.exit());
        assertTrue(run.err().startsWith("error: git ref 'feature/../x' is not valid"), run.err());
        assertEquals(List.of(), calls());
    }

    /** The digest the push returned, or nothing: a tag or a truncated digest never reaches the stack. */
    @Test
    void upRefusesAnImageThatIsNotADigestBeforePulumiRuns() throws IOException {
        InspectCommandTest.Run run = env("up", "--image-digest", "main", "--ref", "main");
        assertEquals(ExitCodes.INVALID_INPUT, run.exit());
        assertEquals("error: --image-digest 'main' is not the digest of the image the workflow pushed for this ref, "
                + "sha256:<64 lowercase hex digits>\n", run.err());
        assertEquals(List.of(), calls());
        InspectCommandTest.Run none = env("up", "--ref", "main");
        assertEquals(ExitCodes.INVALID_INPUT, none.exit());
        assertEquals("error: --image-digest is required: rule 'production' activates refs/heads/main and its environment runs "
                + "the image pushed for it\n", none.err());
        assertEquals(List.of(), calls());
    }
}
