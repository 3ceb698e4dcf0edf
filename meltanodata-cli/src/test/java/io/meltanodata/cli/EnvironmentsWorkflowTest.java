package io.meltanodata.cli;

import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.components.config.Yaml;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.preview.Rendering;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.projects.HostedProjectProgram;
import io.meltanodata.testing.StackFiles;
import io.meltanodata.testing.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.one;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reusable workflow {@code environments.yml} as GitHub runs it on each event of a project's
 * repository (issue 22 item 5). What GitHub sets is from its documentation: "Events that trigger
 * workflows" (https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows:
 * for {@code delete} and {@code schedule}, GITHUB_REF is the default branch; for
 * {@code workflow_dispatch}, the branch or tag dispatched on) and "About security hardening with
 * OpenID Connect" (https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect:
 * the {@code sub} is {@code repo:<owner>/<repo>:environment:<name>} for a job that references an
 * environment, {@code repo:<owner>/<repo>:pull_request} for a pull request, else
 * {@code repo:<owner>/<repo>:ref:<ref>}; a reusable workflow's token carries its caller's claims).
 * The steps' shell scripts are run here with bash, as a runner runs them ({@code bash -e}).
 */
class EnvironmentsWorkflowTest {
    static final Path WORKFLOW = Path.of("../.github/workflows/environments.yml");

    @SuppressWarnings("unchecked")
    static Map<String, Object> jobs() {
        return (Map<String, Object>) ((Map<String, Object>) Yaml.read(WORKFLOW, "environments.yml")).get("jobs");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> job(String name) {
        return (Map<String, Object>) jobs().get(name);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> steps(String job) {
        return (List<Map<String, Object>>) job(job).get("steps");
    }

    static Map<String, Object> step(String job, String id) {
        return steps(job).stream().filter(s -> id.equals(s.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(job + " has no step " + id));
    }

    static int index(String job, String uses) {
        List<Map<String, Object>> steps = steps(job);
        for (int i = 0; i < steps.size(); i++) {
            if (String.valueOf(steps.get(i).get("uses")).startsWith(uses)) {
                return i;
            }
        }
        throw new AssertionError(job + " uses no " + uses);
    }

    /**
     * Disposals of different refs must not queue behind each other: for delete and schedule,
     * github.ref is the default branch, and GitHub keeps only the newest pending run of a group.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theLifecycleQueuesByTheRefItActsOnNotByGithubRef() {
        Map<String, Object> concurrency = (Map<String, Object>) job("lifecycle").get("concurrency");
        assertEquals("meltanodata-${{ inputs.project-stack }}-${{ needs.what.outputs.command == 'reap' && 'reap' "
                + "|| needs.what.outputs.ref }}", concurrency.get("group"));
        assertEquals(false, concurrency.get("cancel-in-progress"), "a running deploy is never cancelled");
        assertEquals("what", job("lifecycle").get("needs"));
        assertEquals(Map.of("command", "${{ steps.what.outputs.command }}", "ref", "${{ steps.what.outputs.ref }}"),
                job("what").get("outputs"));
    }

    /** The ref each event's command acts on, as the what step computes it from what GitHub sets. */
    @Test
    void eachEventActsOnItsOwnRef(@TempDir Path dir) throws IOException, InterruptedException {
        Map<String, Object> what = step("what", "what");
        assertEquals(Map.of("command", "dispose", "ref", "refs/heads/feature/login"), run(dir, what, Map.of("EVENT", "delete",
                "PUSHED_REF", "refs/heads/main", "DELETED_REF", "feature/login", "DELETED_TYPE", "branch")).outputs());
        assertEquals(Map.of("command", "dispose", "ref", "refs/tags/v1.2"), run(dir, what, Map.of("EVENT", "delete",
                "PUSHED_REF", "refs/heads/main", "DELETED_REF", "v1.2", "DELETED_TYPE", "tag")).outputs());
        assertEquals(Map.of("command", "up", "ref", "refs/heads/feature/login"), run(dir, what, Map.of("EVENT", "push",
                "PUSHED_REF", "refs/heads/feature/login")).outputs());
        assertEquals(Map.of("command", "reap", "ref", ""), run(dir, what, Map.of("EVENT", "schedule",
                "PUSHED_REF", "refs/heads/main")).outputs());
        assertEquals(Map.of("command", "dispose", "ref", "refs/heads/feature/old"), run(dir, what, Map.of("EVENT",
                "workflow_dispatch", "PUSHED_REF", "refs/heads/main", "INPUT_COMMAND", "dispose", "INPUT_REF",
                "refs/heads/feature/old")).outputs());
    }

    /**
     * Deleting a branch or tag also sends a push (GitHub Docs, "Events that trigger workflows", push:
     * "When you delete a branch, the SHA in the workflow run (and its associated refs) reverts to the
     * default branch of the repository"; "Webhook events and payloads", push: {@code deleted} is true).
     * That run must not deploy (an {@code up} of the deleted ref, or of the default branch, on every
     * deletion) nor share the deleted ref's concurrency group, where as the newest pending run it would
     * cancel the delete run's pending dispose (GitHub Docs, "Control the concurrency of workflows and
     * jobs", https://docs.github.com/en/actions/using-jobs/using-concurrency: "Any existing pending job
     * or workflow in the same concurrency group ... will be canceled and the new queued job or workflow
     * will take its place"). It does nothing; the delete run disposes.
     */
    @Test
    void thePushOfADeletionDoesNothingAndLeavesTheDisposalToTheDeleteRun(@TempDir Path dir) throws IOException,
            InterruptedException {
        Map<String, Object> what = step("what", "what");
        assertEquals("${{ github.event.deleted }}", ((Map<?, ?>) what.get("env")).get("PUSH_DELETED"));
        for (String ref : List.of("refs/heads/feature/login", "refs/tags/v1.2", "refs/heads/main")) {
            Run deletion = run(dir, what, Map.of("EVENT", "push", "PUSHED_REF", ref, "PUSH_DELETED", "true"));
            assertEquals(Map.of("command", "none", "ref", ""), deletion.outputs(), ref);
            assertTrue(deletion.output().contains(ref + " was deleted: nothing to deploy (the delete event's run disposes it)"),
                    deletion.output());
        }
        assertEquals(Map.of("command", "up", "ref", "refs/heads/feature/login"), run(dir, what, Map.of("EVENT", "push",
                "PUSHED_REF", "refs/heads/feature/login", "PUSH_DELETED", "false")).outputs());
        assertEquals("needs.what.outputs.command != 'none'", job("lifecycle").get("if"),
                "no runner, no checkout of the deleted ref, no concurrency group");
    }

    /** A push of a ref no rule activates: "nothing to deploy", success, and no AWS credentials asked for. */
    @Test
    void aRefNoRuleActivatesIsResolvedBeforeAnyCredentialsAndSucceeds(@TempDir Path dir) throws IOException, InterruptedException {
        int resolve = steps("lifecycle").indexOf(step("lifecycle", "resolve"));
        int credentials = index("lifecycle", "aws-actions/configure-aws-credentials");
        assertTrue(resolve < credentials, "resolve runs first");
        assertEquals("steps.resolve.outputs.act == 'true'", steps("lifecycle").get(credentials).get("if"));
        assertEquals("steps.resolve.outputs.act == 'true'", steps("lifecycle").get(index("lifecycle", "pulumi/actions")).get("if"));
        Map<String, Object> env = steps("lifecycle").stream().filter(s -> String.valueOf(s.get("name")).startsWith("meltanodata env "))
                .findFirst().orElseThrow();
        assertEquals("steps.resolve.outputs.act == 'true'", env.get("if"), "env " + env.get("name"));
        for (String build : List.of("aws-actions/amazon-ecr-login", "docker/setup-buildx-action", "docker/build-push-action")) {
            assertEquals("steps.resolve.outputs.activated == 'true' && needs.what.outputs.command == 'up'",
                    steps("lifecycle").get(index("lifecycle", build)).get("if"), build);
        }

        Map<String, Object> step = step("lifecycle", "resolve");
        Run notActivated = run(dir, step, Map.of("COMMAND", "up", "REF", "refs/heads/exp/x", "PROJECT_STACK", "acme.analytics"),
                "{\"activated\": false, \"imageRepository\": \"dev/acme/analytics\", \"imageTag\": \"exp-x-357351e8\"}");
        assertEquals("false", notActivated.outputs().get("act"));
        assertEquals("false", notActivated.outputs().get("activated"));
        assertTrue(notActivated.output().contains("refs/heads/exp/x: no branch rule activates it; nothing to deploy"),
                notActivated.output());
        assertEquals(List.of("resolve --project deployments/03_projects/Pulumi.acme.analytics.yaml --ref refs/heads/exp/x --format json"),
                Files.readAllLines(dir.resolve("platform/calls.log")));

        Run activated = run(dir, step, Map.of("COMMAND", "up", "REF", "refs/heads/main", "PROJECT_STACK", "acme.analytics"),
                "{\"activated\": true, \"imageRepository\": \"dev/acme/analytics\", \"imageTag\": \"main-2b7f0ce1\"}");
        assertEquals("true", activated.outputs().get("act"));
        assertEquals("dev/acme/analytics", activated.outputs().get("repository"));
        assertEquals("main-2b7f0ce1", activated.outputs().get("slug"));
        // one tag per build: the repository's tags are immutable
        assertTrue(activated.outputs().get("tag").startsWith("main-2b7f0ce1-"), activated.outputs().get("tag"));
        assertFalse(activated.output().contains("nothing to deploy"), activated.output());

        // Dispose acts on what the backend holds, whatever the rules say today (it resolves only to name
        // the ref's builds to retire); reap resolves nothing.
        Files.delete(dir.resolve("platform/calls.log"));
        Run dispose = run(dir, step, Map.of("COMMAND", "dispose", "REF", "refs/heads/exp/x", "PROJECT_STACK", "acme.analytics"),
                "{\"activated\": false, \"imageRepository\": \"dev/acme/analytics\", \"imageTag\": \"exp-x-357351e8\"}");
        assertEquals("true", dispose.outputs().get("act"));
        assertEquals("exp-x-357351e8", dispose.outputs().get("slug"));
        assertFalse(dispose.output().contains("nothing to deploy"), dispose.output());
        Files.delete(dir.resolve("platform/calls.log"));
        assertEquals("true", run(dir, step, Map.of("COMMAND", "reap", "REF", "", "PROJECT_STACK",
                "acme.analytics"), "{}").outputs().get("act"));
        assertFalse(Files.exists(dir.resolve("platform/calls.log")));
    }

    /**
     * Issue 22 item 4: the builds no environment runs are retired (tagged {@code retired-<tag>}, which
     * the registry's lifecycle expires) after an up, a dispose, and a reap: an up keeps the digest it
     * deployed; a dispose retires every build of its ref; a reap every build of each ref whose stack
     * it disposed, named by {@code env reap --disposed-refs} from the backend. Without the last,
     * a reaped branch's builds would stay in the registry for good.
     */
    @Test
    void upDisposeAndReapEachRetireTheBuildsNoEnvironmentRunsAny(@TempDir Path dir) throws IOException, InterruptedException {
        Map<String, Object> retire = steps("lifecycle").get(steps("lifecycle").size() - 1);
        assertEquals("needs.what.outputs.command == 'dispose' || needs.what.outputs.command == 'reap' "
                + "|| steps.push.outputs.digest != ''", retire.get("if"));
        Map<String, Object> env = steps("lifecycle").stream().filter(s -> String.valueOf(s.get("name")).startsWith("meltanodata env "))
                .findFirst().orElseThrow();
        assertTrue(String.valueOf(env.get("run")).contains("[ \"$COMMAND\" != reap ] || args+=(--disposed-refs \"$RUNNER_TEMP/disposed-refs\")"),
                String.valueOf(env.get("run")));

        Path scripts = Files.createDirectories(dir.resolve("platform/scripts"));
        Path stub = scripts.resolve("retire-images.sh");
        Files.writeString(stub, "#!/usr/bin/env bash\necho \"retire $*\" >> \"$(dirname \"$0\")/../retired.log\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path retired = dir.resolve("platform/retired.log");
        String digest = "sha256:" + "4f".repeat(32);

        run(dir, retire, Map.of("COMMAND", "up", "REPOSITORY", "dev/acme/analytics", "SLUG", "main-2b7f0ce1", "KEEP", digest));
        assertEquals(List.of("retire dev/acme/analytics main-2b7f0ce1 " + digest), Files.readAllLines(retired));
        Files.delete(retired);
        run(dir, retire, Map.of("COMMAND", "dispose", "REPOSITORY", "dev/acme/analytics", "SLUG", "feature-login-78f299f7"));
        assertEquals(List.of("retire dev/acme/analytics feature-login-78f299f7 "), Files.readAllLines(retired));
        Files.delete(retired);

        Files.writeString(dir.resolve("runner-temp/disposed-refs"), "refs/heads/feature/login\n");
        run(dir, retire, Map.of("COMMAND", "reap", "PROJECT_STACK", "acme.analytics"),
                "{\"activated\": true, \"imageRepository\": \"dev/acme/analytics\", \"imageTag\": \"feature-login-78f299f7\"}");
        assertEquals(List.of("resolve --project deployments/03_projects/Pulumi.acme.analytics.yaml --ref refs/heads/feature/login --format json"),
                Files.readAllLines(dir.resolve("platform/calls.log")));
        assertEquals(List.of("retire dev/acme/analytics feature-login-78f299f7"), Files.readAllLines(retired));
        Files.delete(retired);
        Files.delete(dir.resolve("platform/calls.log"));
        Files.writeString(dir.resolve("runner-temp/disposed-refs"), "");
        run(dir, retire, Map.of("COMMAND", "reap", "PROJECT_STACK", "acme.analytics"));
        assertFalse(Files.exists(retired), "nothing reaped, nothing retired");
    }

    /** A job that names a GitHub environment gets the sub repo:...:environment:<name>, which the deploy role does not trust. */
    @Test
    @SuppressWarnings("unchecked")
    void noJobNamesAnEnvironmentSoTheTokenNamesTheRef() {
        jobs().forEach((name, job) -> assertFalse(((Map<String, Object>) job).containsKey("environment"), name));
    }

    /**
     * Every run that asks for credentials carries a {@code sub} the project's rendered deploy role
     * trusts, for a repository whose default branch ({@code develop}) no rule activates: a push of
     * an activated ref names that ref; a delete and a schedule name the default branch. A push of a
     * ref no rule activates is not trusted, and asks for nothing (above).
     */
    @Test
    @SuppressWarnings("unchecked")
    void theDeployRoleTrustsTheSubOfEveryRunThatAsksForCredentials() {
        Path stackFile = Path.of("../deployments/03_projects/Pulumi.acme.analytics.yaml");
        HostedProjectConfig config = HostedProjectConfig.load(new MapConfigSource("Pulumi.acme.analytics.yaml",
                StackFiles.with(stackFile, "meltanodata:defaultBranch", "develop"), Set.of(),
                stackFile.toAbsolutePath().getParent()), "acme.analytics");
        Rendering project = Topology.projectHarness("acme.analytics").render(ctx -> HostedProjectProgram.run(ctx, config));
        Map<String, Object> trust = PolicyDocument.parse(input(one(project, "aws:iam/role:Role"), "assumeRolePolicy")).get(0);
        List<String> subjects = (List<String>) ((Map<String, Object>) ((Map<String, Object>) trust.get("Condition"))
                .get("StringLike")).get("token.actions.githubusercontent.com:sub");

        Map<String, Boolean> trusted = new LinkedHashMap<>();
        for (String sub : List.of("repo:acme/analytics:ref:refs/heads/main", // push of main (rule production)
                "repo:acme/analytics:ref:refs/heads/feature/login", // push of a feature branch (rule features)
                "repo:acme/analytics:ref:refs/tags/v1.2", // push of a release tag (rule releases)
                "repo:acme/analytics:ref:refs/heads/develop", // delete of feature/login, schedule, dispatch from develop
                "repo:acme/analytics:ref:refs/heads/exp/x", // push of exp/x: no rule activates it
                "repo:acme/analytics:pull_request", // the workflow is not run on pull requests
                "repo:acme/analytics:environment:production", // a job naming an environment
                "repo:evil/analytics:ref:refs/heads/develop")) {
            trusted.put(sub, subjects.stream().anyMatch(pattern -> stringLike(pattern, sub)));
        }
        assertEquals(List.of(true, true, true, true, false, false, false, false), List.copyOf(trusted.values()), trusted.toString());
    }

    /** IAM's StringLike: {@code *} any run of characters, {@code ?} one (IAM User Guide, "IAM JSON policy elements: Condition operators"). */
    static boolean stringLike(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    record Run(Map<String, String> outputs, String output) {
    }

    /** Runs a step's script with bash -e in {@code dir}/platform, a stub ./meltanodata printing {@code resolution}. */
    @SuppressWarnings("unchecked")
    static Run run(Path dir, Map<String, Object> step, Map<String, String> values, String... resolution) throws IOException,
            InterruptedException {
        Path platform = Files.createDirectories(dir.resolve("platform"));
        Path project = dir.resolve("project");
        if (!Files.isDirectory(project.resolve(".git"))) {
            Files.createDirectories(project);
            git(project, "init", "-q");
            git(project, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "c");
        }
        Path stub = platform.resolve("meltanodata");
        Files.writeString(stub, "#!/usr/bin/env bash\necho \"$*\" >> \"$(dirname \"$0\")/calls.log\"\ncat <<'JSON'\n"
                + (resolution.length == 0 ? "{}" : resolution[0]) + "\nJSON\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path outputs = Files.createTempFile(dir, "output", "");
        Path temp = Files.createDirectories(dir.resolve("runner-temp"));
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", (String) step.get("run")).directory(platform.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        ((Map<String, Object>) step.getOrDefault("env", Map.of())).keySet().forEach(k -> env.put(k, values.getOrDefault(k, "")));
        env.put("GITHUB_OUTPUT", outputs.toString());
        env.put("GITHUB_STEP_SUMMARY", temp.resolve("summary.md").toString());
        env.put("RUNNER_TEMP", temp.toString());
        env.put("GITHUB_WORKSPACE", dir.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : Files.readAllLines(outputs)) {
            result.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        result.remove("commit");
        return new Run(result, output);
    }

    static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        assertEquals(0, new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start().waitFor());
    }
}
