package io.meltanodata.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.components.config.Yaml;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workflows that reach a fabric's cluster run where they can reach it, as the fabric is
 * configured for (docs/operations.md, "How the pipelines reach the cluster"): every job that applies
 * or dry-runs Kubernetes objects runs on the runners .github/runners.json lists, and each pipeline
 * runs in the GitHub environment its role trusts. GitHub-hosted runners have no fixed addresses a
 * private endpoint or an allow-list could admit (GitHub Docs, "About GitHub-hosted runners", IP
 * addresses).
 */
class PipelineWorkflowsTest {
    static final Path ROOT = Path.of("..");

    @SuppressWarnings("unchecked")
    static Map<String, Object> job(String workflow, String job) {
        Map<String, Object> file = (Map<String, Object>) Yaml.read(ROOT.resolve(".github/workflows/" + workflow), workflow);
        return (Map<String, Object>) ((Map<String, Object>) file.get("jobs")).get(job);
    }

    static List<?> runnerLabels() throws IOException {
        return new ObjectMapper().readValue(Files.readString(ROOT.resolve(".github/runners.json")), List.class);
    }

    @Test
    void theRunnersAreAListOfLabels() throws IOException {
        List<?> labels = runnerLabels();
        assertFalse(labels.isEmpty());
        labels.forEach(label -> assertTrue(label instanceof String s && !s.isBlank(), String.valueOf(label)));
    }

    @Test
    void deployRunsTheClusterJobsOnTheRunnersInProduction() {
        assertTrue(String.valueOf(job("deploy.yml", "inventory").get("steps")).contains("jq -c . .github/runners.json"));
        for (String job : List.of("fabric", "sites")) {
            assertEquals("${{ fromJSON(needs.inventory.outputs.runner) }}", job("deploy.yml", job).get("runs-on"), job);
            assertEquals("production", job("deploy.yml", job).get("environment"), job);
        }
    }

    /**
     * Issue 22 item 10: every deploy job that assumes the role names environment production, so its
     * token's sub is repo:<owner>/<repo>:environment:production (GitHub Docs, "About security
     * hardening with OpenID Connect"), and the header says that is what the role must trust.
     */
    @Test
    @SuppressWarnings("unchecked")
    void deploysHeaderNamesTheSubItsJobsTokensCarry() throws IOException {
        String header = Files.readAllLines(ROOT.resolve(".github/workflows/deploy.yml")).stream()
                .takeWhile(l -> l.startsWith("#")).reduce("", (a, b) -> a + " " + b.substring(1).trim());
        assertTrue(header.contains("AWS_DEPLOY_ROLE_ARN (OIDC role trusting this repository's `production` environment)"), header);
        assertFalse(header.toLowerCase(java.util.Locale.ROOT).contains("main branch"), header);
        Map<String, Object> jobs = (Map<String, Object>) ((Map<String, Object>) Yaml.read(ROOT.resolve(".github/workflows/deploy.yml"),
                "deploy.yml")).get("jobs");
        jobs.forEach((name, job) -> {
            Map<String, Object> j = (Map<String, Object>) job;
            if (String.valueOf(j.get("steps")).contains("aws-actions/configure-aws-credentials")) {
                assertEquals("production", j.get("environment"), name);
            }
        });
    }

    @Test
    void previewRunsOnTheRunnersAndWaitsForItsReviewer() {
        assertTrue(String.valueOf(job("preview.yml", "runner").get("steps")).contains("jq -c . .github/runners.json"));
        assertEquals("${{ fromJSON(needs.runner.outputs.labels) }}", job("preview.yml", "preview").get("runs-on"));
        assertEquals("preview", job("preview.yml", "preview").get("environment"),
                "the preview role is a cluster admin: its runs are gated like deploys");
    }

    @SuppressWarnings("unchecked")
    @Test
    void environmentsRunOnTheSameRunnersByDefault() throws IOException {
        Map<String, Object> file = (Map<String, Object>) Yaml.read(ROOT.resolve(".github/workflows/environments.yml"), "environments.yml");
        Map<String, Object> inputs = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) file.get("on"))
                .get("workflow_call")).get("inputs");
        String defaultLabels = String.valueOf(((Map<String, Object>) inputs.get("runs-on")).get("default"));
        assertEquals(runnerLabels(), new ObjectMapper().readValue(defaultLabels, List.class));
        assertEquals("${{ fromJSON(inputs.runs-on) }}", job("environments.yml", "lifecycle").get("runs-on"));
    }

    @Test
    void theOperationsGuideNamesEveryKeyAndFile() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/operations.md"));
        for (String name : List.of("meltanodata:pipelineDeployRole", "meltanodata:pipelinePreviewRole",
                "meltanodata:endpointPrivateAccessCidrs", "meltanodata:publicAccessCidrs", ".github/runners.json",
                "environment:preview", "environment:production")) {
            assertTrue(guide.contains(name), "docs/operations.md does not mention " + name);
        }
    }

    /**
     * docs/operations.md says what each workflow does on each event it runs on (GitHub Docs, "Events
     * that trigger workflows"): its table has a row per workflow file and event, and names no event a
     * workflow does not run on. The hosted project's caller hands every event to environments.yml,
     * which is listed under the events of the caller.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theOperationsGuideSaysWhatEachWorkflowDoesOnEachOfItsEvents() throws IOException {
        Map<String, Set<String>> documented = new TreeMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/operations.md"))) {
            Matcher row = Pattern.compile("^\\| `([a-z-]+\\.yml)` \\| `([a-z_]+)`( [^|]*)? \\| .+\\|$").matcher(line);
            if (row.matches()) {
                documented.computeIfAbsent(row.group(1), k -> new TreeSet<>()).add(row.group(2));
            }
        }
        Map<String, Set<String>> actual = new TreeMap<>();
        Map<String, Path> files = new TreeMap<>();
        try (var workflows = Files.list(ROOT.resolve(".github/workflows"))) {
            workflows.forEach(f -> files.put(f.getFileName().toString(), f));
        }
        files.put("meltanodata.yml", ROOT.resolve("examples/meltano-project/.github/workflows/meltanodata.yml"));
        files.forEach((name, file) -> {
            Set<String> events = new TreeSet<>(((Map<String, Object>) ((Map<String, Object>) Yaml.read(file, name)).get("on")).keySet());
            events.remove("workflow_call");
            if (!events.isEmpty()) {
                actual.put(name, events);
            }
        });
        assertEquals(actual, documented);
    }

    /**
     * bill-alerts.yml runs daily in the GitHub environment `billing`, the only subject the fabric's
     * bill-reader role trusts (repo:<owner>/<repo>:environment:billing; GitHub Docs, "About security
     * hardening with OpenID Connect", example subject claims), on a GitHub-hosted runner: it reads S3
     * and publishes to SNS, never the cluster.
     */
    @Test
    @SuppressWarnings("unchecked")
    void billAlertsRunDailyInTheEnvironmentTheReaderRoleTrusts() {
        Map<String, Object> alerts = job("bill-alerts.yml", "alerts");
        assertEquals("billing", alerts.get("environment"));
        assertEquals("ubuntu-latest", alerts.get("runs-on"));
        Map<String, Object> file = (Map<String, Object>) Yaml.read(ROOT.resolve(".github/workflows/bill-alerts.yml"), "bill-alerts.yml");
        Map<String, Object> on = (Map<String, Object>) file.get("on");
        assertEquals("17 7 * * *", ((Map<String, Object>) ((List<?>) on.get("schedule")).get(0)).get("cron"));
        assertEquals(Map.of("contents", "read", "id-token", "write"), file.get("permissions"));
        String steps = String.valueOf(alerts.get("steps"));
        assertTrue(steps.contains("role-to-assume=${{ secrets.AWS_BILLING_ROLE_ARN }}"), steps);
        // bill alerts publishes each alert itself and exits 0 with or without alerts: no shell on its exit code.
        // The budgets come from the Pulumi backend: this fresh checkout has no Layer 4 stack file.
        assertTrue(steps.contains("./meltanodata bill alerts --export \"$EXPORT\" --topic-arn \"$TOPIC\" --backend --org \"$PULUMI_ORG\""), steps);
        assertTrue(steps.contains("uses=pulumi/actions@v6"), steps);
        assertTrue(steps.contains("PULUMI_ACCESS_TOKEN=${{ secrets.PULUMI_ACCESS_TOKEN }}"), steps);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> step(String workflow, String job, String id) {
        return ((List<Map<String, Object>>) job(workflow, job).get("steps")).stream().filter(st -> id.equals(st.get("id")))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + id + " in " + workflow + " " + job));
    }

    /**
     * docker/build-push-action's {@code digest} output is the digest of the image it pushed; env up
     * deploys it ({@code image@sha256:...}), so the environment runs exactly the build of this run.
     */
    @Test
    @SuppressWarnings("unchecked")
    void envUpDeploysTheDigestThePushReturned() {
        assertTrue(String.valueOf(step("environments.yml", "lifecycle", "push").get("uses")).startsWith("docker/build-push-action@"));
        Map<String, Object> env = ((List<Map<String, Object>>) job("environments.yml", "lifecycle").get("steps")).stream()
                .filter(st -> String.valueOf(st.get("name")).startsWith("meltanodata env ")).findFirst().orElseThrow();
        assertEquals("${{ steps.push.outputs.digest }}", ((Map<String, Object>) env.get("env")).get("IMAGE_DIGEST"));
        assertTrue(String.valueOf(env.get("run")).contains("args+=(--image-digest \"$IMAGE_DIGEST\")"), String.valueOf(env.get("run")));
    }

    /**
     * The registry's tags are immutable (ECR User Guide, "Preventing image tags from being overwritten
     * in Amazon ECR"): each build gets its own tag, which a push never has to move. After env up and
     * after dispose the ref's builds no environment runs are retired, the only tagged images the
     * lifecycle expires.
     */
    @Test
    @SuppressWarnings("unchecked")
    void eachBuildHasItsOwnTagAndTheRefsBuildsNoEnvironmentRunsAreRetired() {
        assertTrue(String.valueOf(step("environments.yml", "lifecycle", "resolve").get("run"))
                .contains("rev-parse --short=12 HEAD)-$GITHUB_RUN_ID-$GITHUB_RUN_ATTEMPT\""));
        assertEquals("${{ steps.registry.outputs.registry }}/${{ steps.resolve.outputs.repository }}:${{ steps.resolve.outputs.tag }}",
                ((Map<String, Object>) step("environments.yml", "lifecycle", "push").get("with")).get("tags"));
        List<Map<String, Object>> steps = (List<Map<String, Object>>) job("environments.yml", "lifecycle").get("steps");
        Map<String, Object> last = steps.get(steps.size() - 1);
        assertTrue(String.valueOf(last.get("run")).contains("scripts/retire-images.sh \"$REPOSITORY\" \"$SLUG\" \"$KEEP\""),
                String.valueOf(last.get("run")));
        assertEquals("${{ steps.push.outputs.digest }}", ((Map<String, Object>) last.get("env")).get("KEEP"));
    }
}
