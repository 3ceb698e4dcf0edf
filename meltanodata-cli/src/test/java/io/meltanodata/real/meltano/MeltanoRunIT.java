package io.meltanodata.real.meltano;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.environments.ActivatedEnvironmentOutputs;
import io.meltanodata.preview.JsonFormat;
import io.meltanodata.preview.Layers;
import io.meltanodata.preview.TopologyPreview;
import io.meltanodata.projects.meltano.MeltanoProjectReader;
import io.meltanodata.testing.RealTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Meltano runs what Layer 4 renders. The offline preview of the bundled example is rendered
 * in-process; the CronJob of schedule events-hourly (environment prod, ref main) is taken from its
 * JSON, and its init container's and Meltano container's commands are run with their exact
 * environment variables and volume paths ({@link PodContainer}) against moto on loopback holding the
 * site's state bucket, the environment's artifacts bucket and the project's secrets, in a working
 * copy of examples/meltano-project whose plugins were installed the way the image's Dockerfile does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeltanoRunIT {
    static final String STACK = "acme.analytics.prod.main";
    static final String SCHEDULE = "events-hourly";
    static final String SECRET = "TAP_EVENTS_API_KEY";
    static final String KEY = "evk_" + HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(12));
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    Path root;
    Path tools;
    Path work;
    Path project;
    MotoServer moto;
    AwsCli aws;
    Map<String, Object> pod;
    Map<String, Object> environmentOutputs;
    String failedRunPattern;
    String jobLogGroup;
    String region;
    Map<String, String> secretArns = new LinkedHashMap<>();
    List<String> runOutputs = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void renderStartMotoAndBuild() throws Exception {
        root = RealTools.repositoryRoot();
        tools = RealTools.bin("meltano");
        TopologyPreview preview = new TopologyPreview(Layers.all());
        Map<String, Object> json = new ObjectMapper().readValue(JsonFormat.format(
                preview.render(preview.exampleStackFiles(root))), Map.class);
        List<Map<String, Object>> layers = (List<Map<String, Object>>) json.get("layers");
        Map<String, Object> environment = layer(layers, STACK);
        environmentOutputs = (Map<String, Object>) environment.get("outputs");
        Map<String, Object> cronJob = resource(environment, "kubernetes:batch/v1:CronJob", "schedule-" + SCHEDULE);
        pod = at(cronJob, "inputs", "spec", "jobTemplate", "spec", "template", "spec");
        Map<String, Object> fabric = layer(layers, "dev");
        failedRunPattern = (String) at(resource(fabric, "aws:cloudwatch/logMetricFilter:LogMetricFilter", "failed-runs"), "inputs").get("pattern");
        jobLogGroup = (String) at(resource(fabric, "aws:cloudwatch/logGroup:LogGroup", "job-logs"), "inputs").get("name");
        Map<String, String> initEnv = PodContainer.env((List<Map<String, Object>>) container("initContainers").get("env"));
        region = initEnv.get("AWS_REGION");

        work = Files.createDirectories(root.resolve("meltanodata-cli/target/meltano-run-it"));
        deleteTree(work);
        Files.createDirectories(work);
        moto = MotoServer.start(tools, work.resolve("moto.log"));
        aws = new AwsCli(tools, moto.endpoint(), region);
        URI state = URI.create((String) environmentOutputs.get(ActivatedEnvironmentOutputs.STATE_BACKEND_URI.name()));
        URI artifacts = URI.create((String) environmentOutputs.get(ActivatedEnvironmentOutputs.ARTIFACTS_URI.name()));
        for (String bucket : List.of(state.getHost(), artifacts.getHost())) {
            aws.run("s3api", "create-bucket", "--bucket", bucket, "--create-bucket-configuration", "LocationConstraint=" + region);
        }
        aws.run("logs", "create-log-group", "--log-group-name", jobLogGroup);
        // Layer 3 creates one secret per declared name at <secrets path><NAME>; its ARN is AWS's.
        for (String rendered : initEnv.get("MELTANODATA_SECRET_ARNS").split(",")) {
            String name = rendered.replaceFirst("^arn:aws:secretsmanager:[^:]+:\\d{12}:secret:", "").replaceFirst("-[A-Za-z0-9]{6}$", "");
            String value = name.endsWith("/" + SECRET) ? KEY : "unused-" + name.substring(name.lastIndexOf('/') + 1).toLowerCase();
            Map<String, Object> created = (Map<String, Object>) aws.json("secretsmanager", "create-secret", "--name", name,
                    "--secret-string", value);
            secretArns.put(rendered, (String) created.get("ARN"));
        }
        project = buildImageProject();
    }

    /**
     * What the Dockerfile does at build time, in a working copy: the project's files, plugin
     * definitions locked ({@link HubStandIn} stands in for {@code meltano lock}: no Hub here),
     * {@code meltano install}: only the schedule's plugins (the others are heavy and need their services).
     */
    Path buildImageProject() throws Exception {
        Path copy = work.resolve("project");
        copyTree(root.resolve("examples/meltano-project"), copy);
        HubStandIn.lock(copy, MeltanoProjectReader.read(copy));
        ProcessBuilder install = new ProcessBuilder(tools.resolve("meltano").toString(), "install", "--schedule", SCHEDULE)
                .directory(copy.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("install.log").toFile());
        install.environment().put("MELTANO_SEND_ANONYMOUS_USAGE_STATS", "false");
        install.environment().put("HOME", work.toString());
        Process process = install.start();
        assertEquals(0, process.waitFor(), "meltano install: " + Files.readString(work.resolve("install.log")));
        return copy;
    }

    @AfterAll
    void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void aScheduledRunSucceedsSavesStateUnderTheEnvironmentsPrefixAndCopiesLogAndOutputToArtifacts() throws Exception {
        PodContainer.Result run = runPod("run-1");
        assertEquals(0, run.exit(), run.output());
        System.out.println("MeltanoRunIT: scheduled run (pod command to state saved and artifacts copied) took "
                + run.took().toMillis() + " ms");
        assertTrue(run.output().contains("tap-events: resuming after id 0, 6 new events"), run.output());

        URI state = URI.create((String) environmentOutputs.get(ActivatedEnvironmentOutputs.STATE_BACKEND_URI.name()));
        String statePrefix = state.getPath().substring(1) + "/";
        assertEquals("s3://meltanodata-dev-acme/projects/analytics/environments/prod/main/state", state.toString());
        List<String> stateKeys = aws.keys(state.getHost(), "");
        assertEquals(List.of(statePrefix + "prod:tap-events-to-target-jsonl-files/state.json"), stateKeys,
                "the only state object is under the environment's prefix, keyed by Meltano's state id");
        Map<String, Object> saved = new ObjectMapper().readValue(aws.object(state.getHost(), stateKeys.get(0)), Map.class);
        assertEquals(Map.of("bookmarks", Map.of("events", Map.of("id", 6))), ((Map<String, Object>) saved.get("completed")).get("singer_state"));

        List<String> artifacts = runArtifacts();
        assertEquals(2, artifacts.size(), artifacts.toString());
        assertTrue(artifacts.get(0).matches("runs/schedules/events-hourly/\\d{8}T\\d{6}Z-[0-9a-f]{8}/meltano\\.log"), artifacts.toString());
        assertTrue(artifacts.get(1).endsWith("/output/events/events.jsonl"), artifacts.toString());
        String bucket = artifactsBucket();
        assertEquals(6, aws.object(bucket, artifacts.get(1)).lines().count());
        assertTrue(aws.object(bucket, artifacts.get(0)).contains("Incremental state has been updated"));
    }

    @Test
    @Order(2)
    void theSecretsReachMeltanoAsEnvironmentVariablesAndAreWrittenNowhereElse() throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8)));
        assertTrue(runOutputs.get(0).contains("tap-events: authenticated, key sha256 " + digest.substring(0, 12)),
                "the tap got the secret through Meltano's setting TAP_EVENTS_API_KEY: " + runOutputs.get(0));
        for (String output : runOutputs) {
            assertFalse(output.contains(KEY), "a pod's log");
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(work.resolve("pods"))
                    || !f.getParent().getFileName().toString().equals("secrets")).toList()) {
                assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(KEY),
                        "written to " + work.relativize(file) + " (only the pod's in-memory secrets volume may hold it)");
            }
        }
        for (String bucket : List.of(URI.create((String) environmentOutputs.get(ActivatedEnvironmentOutputs.STATE_BACKEND_URI.name())).getHost(), artifactsBucket())) {
            for (String key : aws.keys(bucket, "")) {
                assertFalse(aws.object(bucket, key).contains(KEY), "s3://" + bucket + "/" + key);
            }
        }
    }

    @Test
    @Order(3)
    void aSecondRunInAFreshPodResumesFromTheSavedState() throws Exception {
        PodContainer.Result run = runPod("run-2");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("tap-events: resuming after id 6, 4 new events"), run.output());
        List<String> artifacts = runArtifacts();
        String second = artifacts.stream().filter(k -> k.endsWith("events.jsonl")).reduce((a, b) -> b).orElseThrow();
        assertEquals(List.of(7, 8, 9, 10), aws.object(artifactsBucket(), second).lines()
                .map(l -> Integer.parseInt(l.replaceAll(".*\"id\": (\\d+).*", "$1"))).toList());
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void aFailedRunIsCountedByTheFailedRunAlarmsFilterAndASuccessfulOneIsNot() throws Exception {
        String arn = secretArns.entrySet().stream().filter(e -> e.getKey().contains("/" + SECRET + "-")).findFirst().orElseThrow().getValue();
        aws.run("secretsmanager", "put-secret-value", "--secret-id", arn, "--secret-string", "not-a-key");
        PodContainer.Result run = runPod("run-3");
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("tap-events: api_key is missing or not an events API key"), run.output());

        // The cluster ships each container's output to the fabric's job log group; the alarm counts
        // the metric filter's matches there. Ship the three runs' output and apply the rendered filter.
        for (int i = 0; i < runOutputs.size(); i++) {
            String stream = "run-" + (i + 1);
            aws.run("logs", "create-log-stream", "--log-group-name", jobLogGroup, "--log-stream-name", stream);
            List<Map<String, Object>> events = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (String line : runOutputs.get(i).lines().filter(l -> !l.isBlank()).toList()) {
                events.add(Map.of("timestamp", now, "message", line));
            }
            Path batch = work.resolve(stream + "-events.json");
            Files.writeString(batch, new ObjectMapper().writeValueAsString(events));
            aws.run("logs", "put-log-events", "--log-group-name", jobLogGroup, "--log-stream-name", stream,
                    "--log-events", "file://" + batch);
        }
        Map<String, Object> matched = (Map<String, Object>) aws.json("logs", "filter-log-events", "--log-group-name", jobLogGroup,
                "--filter-pattern", failedRunPattern);
        List<Map<String, Object>> events = (List<Map<String, Object>>) matched.get("events");
        assertEquals(List.of("run-3"), events.stream().map(e -> (String) e.get("logStreamName")).toList(),
                "exactly one line of the failed run matches " + failedRunPattern + "; nothing of the successful runs");
        assertTrue(((String) events.get(0).get("message")).startsWith("meltanodata run failed: schedules/events-hourly (meltano schedule run events-hourly) exited 1"),
                events.toString());
    }

    /** One pod of the CronJob: a fresh /tmp and secrets volume, the init container, then Meltano. */
    @SuppressWarnings("unchecked")
    PodContainer.Result runPod(String name) throws Exception {
        Path podDir = Files.createDirectories(work.resolve("pods").resolve(name));
        Map<String, Path> volumes = new LinkedHashMap<>();
        Map<String, Path> byVolume = Map.of("secrets", Files.createDirectories(podDir.resolve("secrets")),
                "tmp", Files.createDirectories(podDir.resolve("tmp")));
        Map<String, Object> init = container("initContainers");
        for (Map<String, Object> mount : (List<Map<String, Object>>) init.get("volumeMounts")) {
            volumes.put((String) mount.get("mountPath"), byVolume.get((String) mount.get("name")));
        }
        Map<String, String> initEnv = PodContainer.env((List<Map<String, Object>>) init.get("env"));
        String arns = initEnv.get("MELTANODATA_SECRET_ARNS");
        for (Map.Entry<String, String> arn : secretArns.entrySet()) {
            arns = arns.replace(arn.getKey(), arn.getValue()); // the preview's ARN placeholders, as deployed
        }
        initEnv.put("MELTANODATA_SECRET_ARNS", arns);
        String path = tools + ":/usr/local/bin:/usr/bin:/bin";
        PodContainer.Result fetched = new PodContainer((List<String>) init.get("command"), initEnv, work, volumes)
                .run(path, moto.endpoint(), RUN_TIMEOUT);
        assertEquals(0, fetched.exit(), "init container: " + fetched.output());

        Map<String, Object> meltano = container("containers");
        volumes.clear();
        for (Map<String, Object> mount : (List<Map<String, Object>>) meltano.get("volumeMounts")) {
            volumes.put((String) mount.get("mountPath"), byVolume.get((String) mount.get("name")));
        }
        // The image's PATH: its Python (the one Meltano runs on) first, then meltano and meltanodata-run.
        Path shims = Files.createDirectories(work.resolve("image-path"));
        Path python = shims.resolve("python3");
        Files.writeString(python, "#!/bin/sh\nexec \"" + tools.resolve("meltano").toRealPath().getParent().getParent()
                .resolve("meltano/bin/python3") + "\" \"$@\"\n");
        python.toFile().setExecutable(true);
        String imagePath = shims + ":" + root.resolve("deployments/04_environments/image") + ":" + path;
        PodContainer.Result result = new PodContainer((List<String>) meltano.get("command"),
                PodContainer.env((List<Map<String, Object>>) meltano.get("env")), project, volumes)
                .run(imagePath, moto.endpoint(), RUN_TIMEOUT);
        runOutputs.add(result.output());
        return result;
    }

    List<String> runArtifacts() throws Exception {
        return aws.keys(artifactsBucket(), "runs/schedules/" + SCHEDULE + "/");
    }

    String artifactsBucket() {
        return URI.create((String) environmentOutputs.get(ActivatedEnvironmentOutputs.ARTIFACTS_URI.name())).getHost();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> container(String kind) {
        return ((List<Map<String, Object>>) pod.get(kind)).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> layer(List<Map<String, Object>> layers, String stack) {
        return layers.stream().filter(l -> stack.equals(l.get("stack"))).findFirst()
                .orElseThrow(() -> new AssertionError("no stack " + stack + " in the preview"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> resource(Map<String, Object> layer, String type, String name) {
        return ((List<Map<String, Object>>) layer.get("resources")).stream()
                .filter(r -> type.equals(r.get("type")) && name.equals(r.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + name + " in " + layer.get("stack")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> map, String... path) {
        Map<String, Object> current = map;
        for (String key : path) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
