package io.meltanodata.real.meltano;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.components.config.StackFile;
import io.meltanodata.components.git.GitRef;
import io.meltanodata.components.kubernetes.MeltanoRuns;
import io.meltanodata.environments.ActivatedEnvironmentOutputs;
import io.meltanodata.preview.JsonFormat;
import io.meltanodata.preview.Layers;
import io.meltanodata.preview.TopologyPreview;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.testing.Command;
import io.meltanodata.testing.RealTools;
import io.meltanodata.testing.RepositoryCopy;
import io.meltanodata.testing.Trees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Real Meltano runs what Layer 4 renders, from the platform's image. The image is built from
 * deployments/04_environments/image/Dockerfile with examples/meltano-project as its context
 * (scripts/platform-image.sh: buildah, a Debian base standing in for the pinned Python image, cached
 * by its inputs), pushed as CI pushes it to a distribution registry on loopback standing for ECR;
 * the digest the push returned goes into the environment's stack config as {@code env up} writes it,
 * the bundled example is previewed in-process from that config, and the image the rendered pods name
 * ({@code <ECR>/<repository>@<digest>}) is pulled from the stand-in registry. The CronJob of schedule
 * events-hourly (environment prod, ref main) is taken from the preview's JSON: its init container's
 * command runs on the machine ({@link PodContainer}: the AWS CLI image it names cannot be pulled or
 * built here), its Meltano container runs in the image by runc
 * ({@link ImageContainer}) with its exact command, environment, volumes and security context, against
 * moto on loopback holding the site's state bucket, the environment's artifacts bucket, the project's
 * secrets and the fabric's job log group with its failed-run metric filter. Each pod gets a name as
 * its controller would give it, which the kubelet hands the container through the downward API. Then
 * one pod of the rendered Deployment of service events-report:serve runs the same way, until it is
 * stopped as the kubelet stops it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeltanoRunIT {
    static final String STACK = "acme.analytics.prod.main";
    static final String SCHEDULE = "events-hourly";
    static final String SECRET = "TAP_EVENTS_API_KEY";
    static final String KEY = "evk_" + HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(12));
    static final String SERVICE = "events-report:serve";
    static final String VIEWER = "EVENTS_REPORT_VIEWER_TOKEN";
    static final String VIEWER_TOKEN = HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
    /** Kubernetes' default terminationGracePeriodSeconds, when the pod sets none. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    /** The longest meltanodata-run waits for CloudWatch Logs when the run is over (JobLog.CLOSE_SECONDS). */
    static final Duration JOB_LOG_CLOSE = Duration.ofSeconds(10);
    /** The characters Kubernetes' generated name suffixes are made of (apimachinery's rand.String). */
    static final String NAME_SUFFIX_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";
    /** The Layer 3 stack of the example's project and the ref of the environment run here. */
    static final String PROJECT_STACK = "acme.analytics";
    static final String REF = "refs/heads/main";
    /**
     * The plugins installed into the image (the Dockerfile's MELTANO_INSTALL): the schedule's job and the
     * service's; the project's others (dbt, Snowflake, Postgres, GitHub, Evidence) need their services.
     */
    static final String PLUGINS = "tap-events target-jsonl-files events-report";

    Path root;
    Path tools;
    Path work;
    LocalRegistry registry;
    ImageRootfs image;
    String builtImage;
    String commit;
    String pushedReference;
    String digest;
    MotoServer moto;
    AwsCli aws;
    Map<String, Object> environment;
    Map<String, Object> pod;
    Map<String, Object> environmentOutputs;
    String cronJobName;
    String failedRunPattern;
    String jobLogGroup;
    String streamPrefix;
    String region;
    Map<String, String> secretArns = new LinkedHashMap<>();
    List<String> runOutputs = new ArrayList<>();
    List<String> podNames = new ArrayList<>();
    List<Duration> runTimes = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void buildPushRenderAndStartMoto() throws Exception {
        root = RealTools.repositoryRoot();
        tools = RealTools.bin("meltano", "buildah", "debootstrap", "runc", "registry");
        work = Files.createDirectories(workFolder(root));
        Trees.delete(work);
        Files.createDirectories(work);
        buildAndPushTheImage();
        // what `env up --image-digest <the push's digest>` writes into the environment's stack config
        RepositoryCopy deployed = RepositoryCopy.of(root, work.resolve("repository"));
        deployed.setConfig("deployments/04_environments/Pulumi." + STACK + ".yaml", "meltanodata:imageDigest", digest);
        TopologyPreview preview = new TopologyPreview(Layers.all());
        Map<String, Object> json = new ObjectMapper().readValue(JsonFormat.format(
                preview.render(preview.exampleStackFiles(deployed.root()))), Map.class);
        List<Map<String, Object>> layers = (List<Map<String, Object>>) json.get("layers");
        environment = layer(layers, STACK);
        environmentOutputs = (Map<String, Object>) environment.get("outputs");
        Map<String, Object> cronJob = resource(environment, "kubernetes:batch/v1:CronJob", "schedule-" + SCHEDULE);
        cronJobName = (String) at(cronJob, "inputs", "metadata").get("name");
        pod = at(cronJob, "inputs", "spec", "jobTemplate", "spec", "template", "spec");
        Map<String, Object> fabric = layer(layers, "dev");
        Map<String, Object> failedRuns = at(resource(fabric, "aws:cloudwatch/logMetricFilter:LogMetricFilter", "failed-runs"), "inputs");
        failedRunPattern = (String) failedRuns.get("pattern");
        jobLogGroup = (String) at(resource(fabric, "aws:cloudwatch/logGroup:LogGroup", "job-logs"), "inputs").get("name");
        Map<String, String> initEnv = PodContainer.env((List<Map<String, Object>>) container(pod, "initContainers").get("env"));
        region = initEnv.get("AWS_REGION");
        streamPrefix = PodContainer.env((List<Map<String, Object>>) container(pod, "containers").get("env"), "any-pod")
                .get(MeltanoRuns.LOG_STREAM_PREFIX_VARIABLE);

        pullTheImageThePodsName();
        moto = MotoServer.start(tools, work.resolve("moto.log"));
        aws = new AwsCli(tools, moto.endpoint(), region);
        URI state = URI.create((String) environmentOutputs.get(ActivatedEnvironmentOutputs.STATE_BACKEND_URI.name()));
        URI artifacts = URI.create((String) environmentOutputs.get(ActivatedEnvironmentOutputs.ARTIFACTS_URI.name()));
        for (String bucket : List.of(state.getHost(), artifacts.getHost())) {
            aws.run("s3api", "create-bucket", "--bucket", bucket, "--create-bucket-configuration", "LocationConstraint=" + region);
        }
        // the fabric's job log group and its failed-run metric filter, as Layer 1 renders them
        aws.run("logs", "create-log-group", "--log-group-name", jobLogGroup);
        Map<String, Object> transformation = (Map<String, Object>) failedRuns.get("metricTransformation");
        aws.run("logs", "put-metric-filter", "--log-group-name", jobLogGroup, "--filter-name", (String) failedRuns.get("name"),
                "--filter-pattern", failedRunPattern, "--metric-transformations",
                "metricName=" + transformation.get("name") + ",metricNamespace=" + transformation.get("namespace")
                        + ",metricValue=" + transformation.get("value") + ",defaultValue=" + transformation.get("defaultValue"));
        // Layer 3 creates one secret per declared name at <secrets path><NAME>; its ARN is AWS's.
        for (String rendered : initEnv.get("MELTANODATA_SECRET_ARNS").split(",")) {
            String name = rendered.replaceFirst("^arn:aws:secretsmanager:[^:]+:\\d{12}:secret:", "").replaceFirst("-[A-Za-z0-9]{6}$", "");
            String value = name.endsWith("/" + SECRET) ? KEY : name.endsWith("/" + VIEWER) ? VIEWER_TOKEN
                    : "unused-" + name.substring(name.lastIndexOf('/') + 1).toLowerCase();
            Map<String, Object> created = (Map<String, Object>) aws.json("secretsmanager", "create-secret", "--name", name,
                    "--secret-string", value);
            secretArns.put(rendered, (String) created.get("ARN"));
        }
    }

    /**
     * What .github/workflows/environments.yml does before {@code env up}: the image built from the
     * project at its commit, labelled as CI labels it, pushed as {@code <registry>/<imageRepository>:<ref
     * slug>-<commit>-<run>-<attempt>} (repository and slug as {@code meltanodata resolve} prints them); the digest the push
     * returned is what {@code env up} deploys.
     */
    void buildAndPushTheImage() throws Exception {
        Path context = work.resolve("project");
        Trees.copy(root.resolve("examples/meltano-project"), context);
        // The example project lives in this repository: its commit is the last one that changed it.
        commit = Command.lastLine(Command.require(root, Map.of(), Duration.ofMinutes(1),
                List.of("git", "log", "-1", "--format=%H", "--", "examples/meltano-project"))).trim();
        HostedProjectConfig project = HostedProjectConfig.load(StackFile.read(
                root.resolve("deployments/03_projects/Pulumi." + PROJECT_STACK + ".yaml")), PROJECT_STACK);
        long started = System.nanoTime();
        String built = Command.require(root, Map.of(), Duration.ofMinutes(40), List.of("bash",
                root.resolve("scripts/platform-image.sh").toString(), "build", context.toString(), "--install", PLUGINS,
                "--commit", commit,
                "--label", "org.opencontainers.image.source=https://github.com/" + project.repository(),
                "--label", "io.meltanodata.ref=" + REF));
        built.lines().filter(l -> l.startsWith("platform-image: ")).forEach(l -> System.out.println("MeltanoRunIT: " + l));
        builtImage = Command.lastLine(built).trim();
        System.out.println("MeltanoRunIT: image " + builtImage + " built or found in the cache in "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");

        Path registryDir = work.resolveSibling(work.getFileName() + "-registry");
        Trees.delete(registryDir);
        registry = LocalRegistry.start(tools, registryDir);
        String repository = project.imageRepository();
        // one tag per build, as the workflow tags it (the repository's tags are immutable): ref slug,
        // 12 hex of the commit, run id and attempt (here run 0, attempt 1)
        String tag = GitRef.parse(REF).slug() + "-" + commit.substring(0, 12) + "-0-1";
        started = System.nanoTime();
        digest = registry.push(tools, builtImage, repository, tag, registryDir.resolve("digest"));
        pushedReference = registry.host() + "/" + repository + ":" + tag;
        System.out.println("MeltanoRunIT: pushed " + pushedReference + " in " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
                + " s, digest " + digest);
    }

    /**
     * What the node's runtime pulls: the Meltano container's rendered image, {@code <ECR registry>/<repository>@<digest>},
     * from the stand-in registry (its host in place of ECR's).
     */
    void pullTheImageThePodsName() throws Exception {
        String rendered = (String) container(pod, "containers").get("image");
        long started = System.nanoTime();
        image = ImageRootfs.pull(tools, "docker://" + registry.host() + rendered.substring(rendered.indexOf('/')));
        System.out.println("MeltanoRunIT: pulled " + rendered + " from the stand-in registry and mounted in "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
    }

    @AfterAll
    void stop() {
        if (image != null) {
            image.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    /**
     * The rendered pods name {@code <ECR registry>/<imageRepository>@<the push's digest>}: the image was
     * pushed to that repository of the stand-in registry under a tag of its own, with the commit label CI
     * sets, the registry serves that tag at the digest the push returned, and Layer 4, given that digest
     * as {@code env up} gives it, names exactly that build.
     */
    @Test
    @Order(0)
    @SuppressWarnings("unchecked")
    void theImageIsPushedUnderTheRefSlugWithTheCommitLabelAndTheRegistryServesItAtThePushedDigest() throws Exception {
        String rendered = (String) container(pod, "containers").get("image");
        // Layer 4 names the image by digest: env up wrote the digest the push returned into the stack's
        // config, so the pods run exactly this build, from the repository it went to.
        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
        String repository = pushedReference.substring(pushedReference.indexOf('/') + 1, pushedReference.lastIndexOf(':'));
        assertEquals("dev/acme/analytics", repository);
        assertEquals("123456789012.dkr.ecr." + region + ".amazonaws.com/" + repository + "@" + digest, rendered,
                "the pods name the pushed build by the push's digest");
        Map<String, Object> servicePod = at(resource(environment, "kubernetes:apps/v1:Deployment", "service-" + SERVICE.replace(':', '-')),
                "inputs", "spec", "template", "spec");
        assertEquals(rendered, container(servicePod, "containers").get("image"), "and so do the service's");

        HttpResponse<Void> manifest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/"
                        + pushedReference.substring(pushedReference.indexOf('/') + 1).replace(":", "/manifests/")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                .build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, manifest.statusCode());
        assertEquals(digest, manifest.headers().firstValue("Docker-Content-Digest").orElseThrow(), "the tag's manifest is the pushed one");

        Map<String, Object> inspected = new ObjectMapper().readValue(ImageRootfs.buildah(tools, Duration.ofMinutes(1), "inspect",
                "--type", "image", builtImage), Map.class);
        Map<String, Object> labels = (Map<String, Object>) at(inspected, "OCIv1", "config").get("Labels");
        assertEquals(commit, labels.get("org.opencontainers.image.revision"));
        assertEquals(REF, labels.get("io.meltanodata.ref"));
        assertEquals("https://github.com/acme/analytics", labels.get("org.opencontainers.image.source"));
        assertTrue(commit.matches("[0-9a-f]{40}"), commit);
        // the Dockerfile's own runtime contract, whatever the pod spec adds: non-root user, entrypoint, project folder
        Map<String, Object> config = at(inspected, "OCIv1", "config");
        assertEquals("10001:10001", config.get("User"));
        assertEquals(List.of("meltanodata-run"), config.get("Entrypoint"));
        assertEquals("/project", config.get("WorkingDir"));
        assertEquals("/tmp", image.env().get("HOME"));
        assertEquals("/tmp/.meltano", image.env().get("MELTANO_SYS_DIR_ROOT"));
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

        // the pod's output, line by line, in its own stream <site>/<project>/<env>/<ref>/<pod name> of the job log group
        assertEquals("acme/analytics/prod/main/", streamPrefix);
        String stream = streamPrefix + podNames.get(0);
        assertEquals(List.of(stream), aws.logStreams(jobLogGroup, ""), "one stream, the pod's, under the environment's prefix");
        List<Map<String, Object>> events = aws.logEvents(jobLogGroup, stream);
        assertEquals(run.output().lines().filter(l -> !l.isEmpty()).toList(), events.stream().map(e -> (String) e.get("message")).toList(),
                "every line the container printed, in order");
        List<Long> times = events.stream().map(e -> ((Number) e.get("timestamp")).longValue()).toList();
        assertEquals(times.stream().sorted().toList(), times, "in chronological order");
        assertTrue(((String) events.get(events.size() - 1).get("message")).startsWith("meltanodata run succeeded: schedules/events-hourly"),
                events.toString());
    }

    @Test
    @Order(2)
    void theSecretsReachMeltanoAsEnvironmentVariablesAndAreWrittenNowhereElse() throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8)));
        assertTrue(runOutputs.get(0).contains("tap-events: authenticated, key sha256 " + digest.substring(0, 12)),
                "the tap got the secret through Meltano's setting TAP_EVENTS_API_KEY: " + runOutputs.get(0));
        assertWrittenNowhere(KEY);
    }

    /** Only the pods' in-memory secrets volumes may hold a secret: no log, job log event, file of the working copy or object. */
    void assertWrittenNowhere(String secret) throws Exception {
        for (String output : runOutputs) {
            assertFalse(output.contains(secret), "a pod's log");
        }
        for (String stream : aws.logStreams(jobLogGroup, "")) {
            for (Map<String, Object> event : aws.logEvents(jobLogGroup, stream)) {
                assertFalse(((String) event.get("message")).contains(secret), "job log stream " + stream);
            }
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(work.resolve("pods"))
                    || !f.getParent().getFileName().toString().equals("secrets")).toList()) {
                assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(secret),
                        "written to " + work.relativize(file) + " (only the pod's in-memory secrets volume may hold it)");
            }
        }
        for (String bucket : List.of(URI.create((String) environmentOutputs.get(ActivatedEnvironmentOutputs.STATE_BACKEND_URI.name())).getHost(), artifactsBucket())) {
            for (String key : aws.keys(bucket, "")) {
                assertFalse(aws.object(bucket, key).contains(secret), "s3://" + bucket + "/" + key);
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

        // Each run wrote its own stream of the job log group; the alarm counts the matches of the
        // group's metric filter (moto keeps the filter but computes no metric: its pattern is applied
        // to the group's events with filter-log-events, a quoted phrase matched as CloudWatch does).
        List<String> streams = podNames.stream().map(p -> streamPrefix + p).sorted().toList();
        assertEquals(streams, aws.logStreams(jobLogGroup, ""), "one stream per pod, nothing else in the group");
        List<Map<String, Object>> filters = (List<Map<String, Object>>) ((Map<String, Object>) aws.json("logs",
                "describe-metric-filters", "--log-group-name", jobLogGroup)).get("metricFilters");
        assertEquals(1, filters.size());
        String pattern = (String) filters.get(0).get("filterPattern");
        assertEquals(failedRunPattern, pattern);
        Map<String, Object> matched = (Map<String, Object>) aws.json("logs", "filter-log-events", "--log-group-name", jobLogGroup,
                "--filter-pattern", pattern);
        List<Map<String, Object>> events = (List<Map<String, Object>>) matched.get("events");
        assertEquals(List.of(streamPrefix + podNames.get(2)), events.stream().map(e -> (String) e.get("logStreamName")).toList(),
                "exactly one line of the failed run matches " + pattern + "; nothing of the successful runs");
        String line = (String) events.get(0).get("message");
        assertTrue(line.startsWith(MeltanoRuns.FAILED + ": schedules/events-hourly (meltano schedule run events-hourly) exited 1"), line);
        List<Map<String, Object>> failedRunsStream = aws.logEvents(jobLogGroup, streamPrefix + podNames.get(2));
        assertEquals(line, failedRunsStream.get(failedRunsStream.size() - 1).get("message"), "the run's last line");
        assertEquals(run.output().lines().filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElseThrow(), line, "as the container printed it");
    }

    /**
     * The Deployment of service events-report:serve, one pod of it: the init container, then the Meltano
     * container ({@code meltanodata-run invoke events-report:serve}) with its exact environment but two
     * values. A pod has its own network namespace, where its container port is free and 0.0.0.0 reaches only
     * the pod; here the pod shares the machine's, so the port the Deployment gives the service
     * (MELTANODATA_SERVICE_PORT, equal to the container port and the probes' port) is replaced by a free
     * loopback port, and the command's host (Meltano setting host, 0.0.0.0 in meltano.yml) by 127.0.0.1
     * through the setting's own variable. The probes run against that port as the kubelet runs them.
     */
    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void theServiceDeploymentServesTheLoadedEventsToViewersPassesItsProbesAndStopsWhenTheClusterStopsIt() throws Exception {
        Map<String, Object> deployment = resource(environment, "kubernetes:apps/v1:Deployment", "service-" + SERVICE.replace(':', '-'));
        Map<String, Object> podSpec = at(deployment, "inputs", "spec", "template", "spec");
        Map<String, Object> meltano = container(podSpec, "containers");
        assertEquals(List.of("meltanodata-run", "invoke", SERVICE), meltano.get("command"));
        int containerPort = ((Number) ((List<Map<String, Object>>) meltano.get("ports")).get(0).get("containerPort")).intValue();
        String podName = ((Map<String, Object>) at(deployment, "inputs", "metadata")).get("name") + "-" + suffix(10) + "-" + suffix(5);
        assertEquals(String.valueOf(containerPort), PodContainer.env((List<Map<String, Object>>) meltano.get("env"), podName)
                .get("MELTANODATA_SERVICE_PORT"), "the service is told to listen on its container's port");
        KubeletProbe readiness = new KubeletProbe((Map<String, Object>) meltano.get("readinessProbe"));
        KubeletProbe liveness = new KubeletProbe((Map<String, Object>) meltano.get("livenessProbe"));
        assertEquals(containerPort, readiness.port());
        assertEquals(containerPort, liveness.port());

        int port = MotoServer.freeLoopbackPort();
        Map<Integer, Integer> ports = Map.of(containerPort, port);
        PodContainer.Running service = startPod(podSpec, "service-1", podName,
                Map.of("MELTANODATA_SERVICE_PORT", String.valueOf(port), "EVENTS_REPORT_HOST", "127.0.0.1"));
        PodContainer.Result stopped;
        List<ProcessHandle> processes;
        try {
            long started = System.nanoTime();
            Duration patience = liveness.patience();
            while (!readiness.succeeds(ports)) {
                assertTrue(service.process().isAlive(), "the service exited: " + service.output());
                assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(patience) < 0,
                        "not listening within " + patience + ", after which the liveness probe restarts it: " + service.output());
                Thread.sleep(200);
            }
            System.out.println("MeltanoRunIT: service " + SERVICE + " ready " + Duration.ofNanos(System.nanoTime() - started).toMillis()
                    + " ms after its pod command started (the liveness probe allows " + patience.toSeconds() + " s)");
            assertTrue(liveness.succeeds(ports), "liveness probe");

            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("ok\n", health.body());
            for (String authorization : List.of("", "Bearer not-the-token")) {
                HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/events"));
                if (!authorization.isEmpty()) {
                    request.header("Authorization", authorization);
                }
                assertEquals(401, http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "'" + authorization + "'");
            }
            HttpResponse<String> events = http.send(HttpRequest.newBuilder(base.resolve("/events"))
                    .header("Authorization", "Bearer " + VIEWER_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, events.statusCode(), events.body());
            assertEquals("application/json", events.headers().firstValue("Content-Type").orElseThrow());
            Map<String, Object> served = new ObjectMapper().readValue(events.body(), Map.class);
            assertEquals(10, ((Number) served.get("events")).intValue(), "the 6 + 4 events of the two good runs: " + served);
            assertEquals(loadedEvents(), served, "what the schedule's runs left in the artifacts bucket");
            processes = service.process().descendants().toList();
        } catch (Throwable failed) {
            service.kill();
            throw failed;
        }
        Object grace = podSpec.get("terminationGracePeriodSeconds");
        stopped = service.stop(grace == null ? DEFAULT_GRACE : Duration.ofSeconds(((Number) grace).longValue()));
        runOutputs.add(stopped.output());
        System.out.println("MeltanoRunIT: service stopped by SIGTERM, exit " + stopped.exit() + "; its output:\n" + stopped.output());
        assertFalse(readiness.succeeds(ports), "still listening after it stopped");
        assertEquals(List.of(), processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::info).toList(),
                "processes left behind by the stopped container");

        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(VIEWER_TOKEN.getBytes(StandardCharsets.UTF_8)));
        assertTrue(stopped.output().contains("events-report: serving " + SCHEDULE + " on 127.0.0.1:" + port + ", viewer token sha256 "
                + digest.substring(0, 12)), "the service got the secret through Meltano's setting viewer_token: " + stopped.output());
        assertTrue(stopped.output().contains("meltanodata service stopped: services/" + SERVICE), stopped.output());
        assertFalse(stopped.output().contains(MeltanoRuns.FAILED), "a service stopped by the cluster is not a failed run: " + stopped.output());
        assertEquals(0, stopped.exit(), stopped.output());
        List<String> logs = aws.keys(artifactsBucket(), "runs/services/" + SERVICE + "/");
        assertEquals(1, logs.size(), logs.toString());
        assertTrue(logs.get(0).matches("runs/services/events-report:serve/\\d{8}T\\d{6}Z-[0-9a-f]{8}/meltano\\.log"), logs.toString());
        assertTrue(aws.object(artifactsBucket(), logs.get(0)).contains("GET /events HTTP/1.1\" 200"), "the service's log is kept");
        List<String> shipped = aws.logEvents(jobLogGroup, streamPrefix + podName).stream().map(e -> (String) e.get("message")).toList();
        assertTrue(shipped.stream().anyMatch(m -> m.contains("GET /events HTTP/1.1\" 200")), "and in the pod's job log stream: " + shipped);
        assertTrue(shipped.get(shipped.size() - 1).startsWith("meltanodata service stopped: services/" + SERVICE), shipped.toString());
        assertTrue(shipped.stream().noneMatch(m -> m.contains(MeltanoRuns.FAILED)), shipped.toString());
        assertWrittenNowhere(VIEWER_TOKEN);
    }

    /**
     * CloudWatch Logs out of reach must neither fail nor hold up a run. The worst case is an endpoint
     * that accepts connections and never answers (every call waits out its read timeout): a loopback
     * port no one reads stands in for it, given to botocore as the CloudWatch Logs endpoint only
     * (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, the service-specific endpoint variable), so state and
     * artifacts still reach moto. The run succeeds, its exit code is Meltano's, what was not shipped
     * is said on stderr, and the wrapper waits at most JOB_LOG_CLOSE longer than a run that ships.
     */
    @Test
    @Order(6)
    void aRunWhoseJobLogCannotBeShippedStillSucceedsSaysSoOnStderrAndIsNotHeldUp() throws Exception {
        String arn = secretArns.entrySet().stream().filter(e -> e.getKey().contains("/" + SECRET + "-")).findFirst().orElseThrow().getValue();
        aws.run("secretsmanager", "put-secret-value", "--secret-id", arn, "--secret-string", KEY);
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String podName = cronJobPodName();
            PodContainer.Result run = startPod(pod, "run-unshipped", podName,
                    Map.of("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:" + silent.getLocalPort())).awaitExit(RUN_TIMEOUT);
            assertEquals(0, run.exit(), run.output());
            assertTrue(run.output().contains("meltanodata run succeeded: schedules/events-hourly"), run.output());
            assertTrue(run.output().contains("meltanodata-run: job log to " + jobLogGroup + " " + streamPrefix + podName + ": "), run.output());
            assertTrue(run.output().contains(" lines not shipped"), run.output());
            assertEquals(List.of(), aws.logStreams(jobLogGroup, streamPrefix + podName));
            Duration shipping = runTimes.get(1);
            System.out.println("MeltanoRunIT: run with CloudWatch Logs silent took " + run.took().toMillis() + " ms, one that ships "
                    + shipping.toMillis() + " ms");
            assertTrue(run.took().compareTo(shipping.plus(JOB_LOG_CLOSE).plusSeconds(20)) < 0,
                    "held up: " + run.took() + " against " + shipping + " for a run that ships");
        }
    }

    /**
     * What the Meltano container may do, asked from inside the image with the CronJob's own pod spec (its
     * security context and volume mounts; only the command is a probe): it runs as user 10001 (group 10001,
     * fsGroup 10001), and of every folder of the image's file system (not /proc, /sys, /dev: the kernel's
     * and the runtime's) only the pod's /tmp volume takes a new file; the project, Meltano's virtual
     * environment and /var/tmp do not (the root file system is read-only), nor the secrets volume.
     */
    @Test
    @Order(7)
    @SuppressWarnings("unchecked")
    void theContainerRunsAsUser10001AndTmpIsTheOnlyPathItCanWrite() throws Exception {
        String probe = String.join("\n",
                "import json, os",
                "writable = []",
                "for top, dirs, files in os.walk('/'):",
                "    if top in ('/proc', '/sys', '/dev'):",
                "        dirs[:] = []",
                "        continue",
                "    try:",
                "        fd = os.open(os.path.join(top, '.probe-' + str(os.getpid())), os.O_CREAT | os.O_EXCL | os.O_WRONLY)",
                "        os.close(fd)",
                "        os.unlink(os.path.join(top, '.probe-' + str(os.getpid())))",
                "        writable.append(top)",
                "        dirs[:] = []",
                "    except OSError:",
                "        pass",
                "print(json.dumps({'uid': os.getuid(), 'gid': os.getgid(), 'groups': sorted(os.getgroups()), 'writable': writable}))");
        PodContainer.Result run = startPod(pod, "probe", cronJobPodName(), Map.of(), List.of("python3", "-c", probe)).awaitExit(RUN_TIMEOUT);
        assertEquals(0, run.exit(), run.output());
        Map<String, Object> seen = new ObjectMapper().readValue(Command.lastLine(run.output()), Map.class);
        assertEquals(Map.of("uid", 10001, "gid", 10001, "groups", List.of(10001), "writable", List.of("/tmp")), seen, run.output());
    }

    /**
     * The same build (script, Dockerfile, base, build arguments) of the example without one of its plugin lock
     * files fails at check-plugin-locks, before {@code meltano install} could reach for Meltano Hub, with the
     * check's one line, and leaves no image under its key.
     */
    @Test
    @Order(8)
    void theBuildOfAProjectMissingAPluginLockFileFailsWithTheChecksOneLine() throws Exception {
        Path unlocked = work.resolve("project-unlocked");
        Trees.copy(root.resolve("examples/meltano-project"), unlocked);
        Files.delete(unlocked.resolve("plugins/extractors/tap-github--meltanolabs.lock"));
        List<String> build = List.of("bash", root.resolve("scripts/platform-image.sh").toString(), "build", unlocked.toString(),
                "--install", PLUGINS, "--commit", commit);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(build).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        System.out.println("MeltanoRunIT: the build without a lock file exited " + exit + " after "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        assertNotEquals(0, exit, output);
        assertEquals(List.of("meltanodata image: the project commits no plugin lock file plugins/extractors/tap-github--meltanolabs.lock; "
                + "run `meltano lock --all` where Meltano Hub is reachable and commit plugins/"),
                output.lines().filter(l -> l.startsWith("meltanodata image: ")).toList(), output);
        List<String> key = new ArrayList<>(build);
        key.set(2, "key");
        String reference = Command.lastLine(Command.require(root, Map.of(), Duration.ofMinutes(1), key)).trim();
        Process inspect = new ProcessBuilder(tools.resolve("buildah").toString(), "inspect", "--type", "image", reference)
                .redirectErrorStream(true).start();
        inspect.getInputStream().readAllBytes();
        assertNotEquals(0, inspect.waitFor(), "no image under " + reference);
    }

    /** A name as a CronJob's pods get theirs: the Job {@code <cronjob>-<scheduled minute>}, then {@code -<5 random characters>}. */
    String cronJobPodName() {
        return cronJobName + "-" + (System.currentTimeMillis() / 60_000 + podNames.size()) + "-" + suffix(5);
    }

    static String suffix(int length) {
        java.util.Random random = new java.security.SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(NAME_SUFFIX_CHARACTERS.charAt(random.nextInt(NAME_SUFFIX_CHARACTERS.length())));
        }
        return out.toString();
    }

    /** What the event report should say, read independently (AWS CLI) from the runs' output in the artifacts bucket. */
    @SuppressWarnings("unchecked")
    Map<String, Object> loadedEvents() throws Exception {
        List<String> files = runArtifacts().stream().filter(k -> k.endsWith("/output/events/events.jsonl")).toList();
        List<Map<String, Object>> events = new ArrayList<>();
        for (String key : files) {
            for (String line : aws.object(artifactsBucket(), key).lines().filter(l -> !l.isBlank()).toList()) {
                events.add(new ObjectMapper().readValue(line, Map.class));
            }
        }
        Map<String, Object> byKind = new java.util.TreeMap<>();
        events.forEach(e -> byKind.merge((String) e.get("kind"), 1, (a, b) -> (Integer) a + (Integer) b));
        return Map.of("schedule", SCHEDULE, "runs", files.size(), "events", events.size(),
                "last_id", events.stream().mapToInt(e -> ((Number) e.get("id")).intValue()).max().orElseThrow(), "by_kind", byKind);
    }

    /** One pod of the CronJob, run to its end. */
    PodContainer.Result runPod(String name) throws Exception {
        String podName = cronJobPodName();
        PodContainer.Result result = startPod(pod, name, podName, Map.of()).awaitExit(RUN_TIMEOUT);
        podNames.add(podName);
        runOutputs.add(result.output());
        runTimes.add(result.took());
        return result;
    }

    /**
     * Starts one pod named {@code podName}: a fresh /tmp and secrets volume, the init container run to its
     * end, then the Meltano container started from the image with its rendered environment as the kubelet
     * resolves it for that pod (plus {@code envOverrides}, each explained by its caller).
     */
    PodContainer.Running startPod(Map<String, Object> podSpec, String name, String podName, Map<String, String> envOverrides)
            throws Exception {
        return startPod(podSpec, name, podName, envOverrides, null);
    }

    /** As above; a {@code command} other than null replaces the Meltano container's (a probe of what it may do). */
    @SuppressWarnings("unchecked")
    PodContainer.Running startPod(Map<String, Object> podSpec, String name, String podName, Map<String, String> envOverrides,
                                  List<String> command) throws Exception {
        Path podDir = Files.createDirectories(work.resolve("pods").resolve(name));
        Map<String, Path> volumes = new LinkedHashMap<>();
        Map<String, Path> byVolume = Map.of("secrets", emptyDir(podDir.resolve("secrets")), "tmp", emptyDir(podDir.resolve("tmp")));
        Map<String, Object> init = container(podSpec, "initContainers");
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

        Map<String, Object> meltano = container(podSpec, "containers");
        Map<String, String> env = PodContainer.env((List<Map<String, Object>>) meltano.get("env"), podName);
        env.putAll(envOverrides);
        // only what the cluster adds: credentials (Pod Identity's, here moto's test keys) and moto's endpoint
        Map<String, String> added = new LinkedHashMap<>(AwsCli.CREDENTIALS);
        added.put("AWS_ENDPOINT_URL", moto.endpoint());
        added.putAll(envOverrides);
        return new ImageContainer(image, podSpec, meltano, env, byVolume).start(tools, podDir.resolve("bundle"), podName,
                command == null ? (List<String>) meltano.get("command") : command, added);
    }

    /** A pod's emptyDir volume as the kubelet makes it: a fresh folder anyone in the pod may write (mode 0777). */
    static Path emptyDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /**
     * The run's scratch folder: in the module's target, unless the checkout lives where a pod mounts
     * its volumes (/tmp, /run: CI may clone there). The plugins Meltano installs into the project copy
     * run by absolute path, which the pod's /tmp volume would hide, so the folder then moves to the
     * user's cache.
     */
    static Path workFolder(Path root) {
        Path inTarget = root.resolve("meltanodata-cli/target/meltano-run-it").toAbsolutePath().normalize();
        boolean hiddenInPods = inTarget.startsWith("/tmp") || inTarget.startsWith("/run");
        return hiddenInPods ? Path.of(System.getProperty("user.home"), ".cache/meltanodata/it/meltano-run-it") : inTarget;
    }

    List<String> runArtifacts() throws Exception {
        return aws.keys(artifactsBucket(), "runs/schedules/" + SCHEDULE + "/");
    }

    String artifactsBucket() {
        return URI.create((String) environmentOutputs.get(ActivatedEnvironmentOutputs.ARTIFACTS_URI.name())).getHost();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Map<String, Object> podSpec, String kind) {
        return ((List<Map<String, Object>>) podSpec.get(kind)).get(0);
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
}
