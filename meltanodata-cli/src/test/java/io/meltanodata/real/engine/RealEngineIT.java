package io.meltanodata.real.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.billing.CurFixture;
import io.meltanodata.cli.MeltanoDataCli;
import io.meltanodata.real.awsfake.AwsRecord;
import io.meltanodata.real.awsfake.FakeAws;
import io.meltanodata.real.awsfake.FakeEks;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meltanodata.components.kubernetes.AutoModeNodes;
import io.meltanodata.real.kube.ControlPlane;
import io.meltanodata.real.kube.EksCustomResources;
import io.meltanodata.real.kube.KubeApiServer;
import io.meltanodata.testing.Command;
import io.meltanodata.testing.RealTools;
import io.meltanodata.testing.Trees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every layer through the real Pulumi engine, as a user deploys it (README, "Deploying for
 * real"): the real CLI and Java language host, a local file backend with a passphrase, the
 * committed Pulumi.<stack>.yaml set with {@code pulumi config set}, StackReferences resolved by
 * the engine, Kubernetes objects applied by the real Kubernetes provider to a real
 * kube-apiserver, beside which a real control plane ({@link ControlPlane}: kube-controller-manager,
 * kube-scheduler, Karpenter on KWOK's simulated nodes) rolls Deployments out only onto nodes that
 * Karpenter made from the NodePools the layers render; only Auto Mode's load balancer, which lives
 * in AWS, is stood in for ({@link LoadBalancerStandIn}). AWS is a recording test double
 * ({@link FakeAws}): nothing here reaches AWS.
 * The steps run in order and each builds on the one before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealEngineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EngineStack INITECH = new EngineStack(EngineStack.GLOBEX.layer(), EngineStack.GLOBEX.project(),
            "initech");
    private static final List<EngineStack> ALL = List.of(EngineStack.FABRIC, EngineStack.ACME, EngineStack.GLOBEX,
            EngineStack.ANALYTICS, EngineStack.MAIN, EngineStack.FEATURE);

    private Path work;
    private Path root;
    private Path repository;
    private KubeApiServer kube;
    /** What the fabric's cluster enables ({@code computeConfig.nodePools}); {@link #fabricDeploys} checks it. */
    private static final List<String> BUILT_IN_POOLS = List.of("system");
    private ControlPlane controlPlane;
    private LoadBalancerStandIn loadBalancers;
    private FakeAws aws;
    private PulumiCli pulumi;
    private Map<String, Integer> offlineCounts;
    private String invalidOffline;
    private final EngineReport report = new EngineReport();

    @BeforeAll
    void setUp() throws IOException {
        root = RealTools.repositoryRoot();
        Path tools = RealTools.bin("pulumi", "pulumi-language-java", "pulumi-resource-kubernetes");
        // Under target/, kept after the run for a look at the state, logs and records; new each run.
        work = root.resolve("meltanodata-cli/target/real-engine");
        Trees.delete(work);
        Files.createDirectories(work);
        repository = RepositoryCheckout.copy(root, work.resolve("repository"));
        offlineCounts = offlineCounts(repository);
        invalidOffline = invalidSiteOffline();
        kube = KubeApiServer.startForControlPlane(work.resolve("kube"));
        EksCustomResources.install(kube.admin());
        controlPlane = ControlPlane.start(kube, work.resolve("control-plane"), BUILT_IN_POOLS);
        loadBalancers = LoadBalancerStandIn.start(kube.admin());
        aws = FakeAws.install(work.resolve("fake-aws"), work.resolve("aws-records.jsonl"),
                new FakeEks(kube.endpoint(), kube.caBase64(), kube.adminToken()));
        List<Path> path = new ArrayList<>(aws.path());
        path.add(tools);
        pulumi = PulumiCli.logIn(work.resolve("pulumi"), path, Map.of());
    }

    @AfterAll
    void tearDown() throws IOException {
        if (loadBalancers != null) {
            loadBalancers.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
        if (kube != null) {
            kube.close();
        }
        report.write(root.resolve("meltanodata-cli/target/real-engine-report.md"));
    }

    /**
     * What the Java language host runs in each layer directory to learn the plugins a program
     * needs (so that the engine can load them before the program starts): the SDKs' versions.
     */
    @Test
    @Order(0)
    void pluginDiscoveryInEveryLayerFindsTheSdksPlugins() throws IOException {
        String expected = "[{\"resource\":true,\"name\":\"aws\",\"version\":\"" + RealTools.pomProperty("pulumi-aws.version")
                + "\"},{\"resource\":true,\"name\":\"kubernetes\",\"version\":\""
                + RealTools.pomProperty("pulumi-kubernetes.version") + "\"}]";
        for (String layer : ALL.stream().map(EngineStack::layer).distinct().toList()) {
            Path dir = repository.resolve("deployments").resolve(layer);
            String output = Command.require(dir, Map.of(), Duration.ofMinutes(10), List.of("./mvnw", "-q",
                    "--no-transfer-progress", "compile", "exec:java", "-DmainClass=com.pulumi.bootstrap.internal.Main",
                    "-DmainArgs=packages"));
            assertEquals(JSON.readTree(expected), JSON.readTree(Command.lastLine(output)), layer + ": plugins discovered");
        }
    }

    @Test
    @Order(1)
    void fabricDeploys() {
        deploy(EngineStack.FABRIC);
        AwsRecord cluster = aws.records().all().stream().filter(r -> r.type().equals("aws:eks/cluster:Cluster"))
                .findFirst().orElseThrow();
        assertEquals(BUILT_IN_POOLS, ((Map<?, ?>) cluster.inputs().get("computeConfig")).get("nodePools"),
                "the built-in pools the control plane runs are the ones the fabric enables");
        assertRunsOnKarpenterNodes("meltanodata-system", "api");
    }

    /**
     * A Deployment that {@code pulumi up} called rolled out: every one of its pods Running on a
     * node that Karpenter made (a NodeClaim's) from the NodePool its nodeSelector names.
     */
    private void assertRunsOnKarpenterNodes(String namespace, String deployment) {
        KubernetesClient client = kube.admin();
        Deployment rolledOut = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
        assertEquals(rolledOut.getSpec().getReplicas(), rolledOut.getStatus().getAvailableReplicas(), deployment + " available");
        List<String> claimed = client.genericKubernetesResources("karpenter.sh/v1", "NodeClaim").list().getItems().stream()
                .map(c -> String.valueOf(((Map<?, ?>) c.getAdditionalProperties().getOrDefault("status", Map.of())).get("nodeName")))
                .toList();
        List<Pod> pods = client.pods().inNamespace(namespace)
                .withLabels(rolledOut.getSpec().getSelector().getMatchLabels()).list().getItems();
        assertEquals(rolledOut.getSpec().getReplicas().intValue(), pods.size(), deployment + " pods: " + pods.size());
        for (Pod pod : pods) {
            assertEquals("Running", pod.getStatus().getPhase(), pod.getMetadata().getName());
            Node node = client.nodes().withName(pod.getSpec().getNodeName()).get();
            assertTrue(claimed.contains(node.getMetadata().getName()), node.getMetadata().getName() + " is a NodeClaim's");
            Map<String, String> labels = node.getMetadata().getLabels();
            assertTrue(labels.entrySet().containsAll(rolledOut.getSpec().getTemplate().getSpec().getNodeSelector().entrySet()),
                    pod.getMetadata().getName() + " on " + labels);
            assertTrue(labels.containsKey(AutoModeNodes.NODE_POOL_LABEL), node.getMetadata().getName() + " of a NodePool");
        }
    }

    @Test
    @Order(2)
    void sitesDeployOnTheFabric() {
        deploy(EngineStack.ACME);
        deploy(EngineStack.GLOBEX);
    }

    @Test
    @Order(3)
    void projectDeploysOnItsSite() {
        deploy(EngineStack.ANALYTICS);
    }

    @Test
    @Order(4)
    void environmentsOfMainAndAFeatureBranchDeploy() {
        deploy(EngineStack.MAIN);
        deploy(EngineStack.FEATURE);
        List<Deployment> deployments = kube.admin().apps().deployments().inAnyNamespace().list().getItems();
        assertTrue(deployments.size() > 1, "the fabric's and the environments' Deployments: " + deployments.size());
        for (Deployment deployment : deployments) {
            assertRunsOnKarpenterNodes(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
        }
    }

    /**
     * With the default executor, then with each layer's prebuilt jar (Pulumi.yaml's runtime.options.binary),
     * each jar run followed by one of the hello-world program (one output, no resources, the same SDK from
     * the fabric's jar) and one of the same program with one AWS resource: the report's medians compare
     * them side by side (issue 26 item 2).
     */
    @Test
    @Order(5)
    void aSecondRunChangesNothingWithEitherExecutor() {
        for (EngineStack stack : ALL) {
            report.time(stack, EngineReport.PREVIEW_MAVEN, pulumi.require(stack.directory(repository),
                    stack.name(), "preview", "--expect-no-changes", "--stack", stack.name()));
        }
        List<String> layers = ALL.stream().map(s -> "deployments/" + s.layer()).distinct().toList();
        BinaryJars.build(repository, layers);
        try {
            Path hello = HelloWorldProgram.build(work.resolve(EngineReport.HELLO_WORLD),
                    EngineStack.FABRIC.directory(repository).resolve("target/service-fabric.jar"));
            pulumi.require(hello, EngineReport.HELLO_WORLD, "stack", "init", "floor", "--secrets-provider", "passphrase");
            pulumi.require(hello, EngineReport.HELLO_WORLD, "up", "--yes", "--stack", "floor");
            pulumi.require(hello, EngineReport.HELLO_WORLD_AWS, "stack", "init", "floor-aws", "--secrets-provider", "passphrase");
            pulumi.require(hello, EngineReport.HELLO_WORLD_AWS, "config", "set", "awsResource", "true", "--stack", "floor-aws");
            pulumi.require(hello, EngineReport.HELLO_WORLD_AWS, "config", "set", "aws:region", "eu-west-1", "--stack", "floor-aws");
            pulumi.require(hello, EngineReport.HELLO_WORLD_AWS, "up", "--yes", "--stack", "floor-aws");
            for (EngineStack stack : ALL) {
                report.time(stack, EngineReport.PREVIEW_JAR, pulumi.require(stack.directory(repository),
                        stack.name(), "preview", "--expect-no-changes", "--stack", stack.name()));
                report.time(EngineReport.HELLO_WORLD, EngineReport.PREVIEW_JAR, pulumi.require(hello,
                        EngineReport.HELLO_WORLD, "preview", "--expect-no-changes", "--stack", "floor"));
                report.time(EngineReport.HELLO_WORLD_AWS, EngineReport.PREVIEW_JAR, pulumi.require(hello,
                        EngineReport.HELLO_WORLD_AWS, "preview", "--expect-no-changes", "--stack", "floor-aws"));
            }
        } finally {
            BinaryJars.useMaven(repository, layers);
        }
    }

    /** A site whose config is invalid: the real preview fails with the offline preview's one line; up registers nothing. */
    @Test
    @Order(6)
    void invalidConfigFailsWithTheOfflineErrorAndRegistersNothing() {
        Path dir = INITECH.directory(repository);
        pulumi.require(dir, INITECH.name(), "stack", "init", INITECH.name(), "--secrets-provider", "passphrase");
        for (List<String> command : ConfigCommands.of(work.resolve("invalid").resolve(INITECH.stackFile()), Set.of())) {
            pulumi.require(dir, INITECH.name(), withStack(command, INITECH));
        }
        assertRefusedAsOffline(INITECH, invalidOffline);
    }

    /**
     * A value set with {@code pulumi config set --secret}: the layers keep no secret config (a
     * value would reach resource inputs, and the state, unencrypted), so the real preview refuses
     * it, without echoing it, with the line the offline preview prints for the stack file the CLI wrote.
     */
    @Test
    @Order(7)
    void aValueSetAsSecretIsRefusedWithTheOfflineError() {
        EngineStack hooli = new EngineStack(EngineStack.GLOBEX.layer(), EngineStack.GLOBEX.project(), "hooli");
        Path dir = hooli.directory(repository);
        pulumi.require(dir, hooli.name(), "stack", "init", hooli.name(), "--secrets-provider", "passphrase");
        Path globex = work.resolve("committed").resolve(EngineStack.GLOBEX.stackFile());
        for (List<String> command : ConfigCommands.of(globex, Set.of("meltanodata:nodePoolCpuLimit"))) {
            pulumi.require(dir, hooli.name(), withStack(command, hooli));
        }
        String offline = offlineError(dir.resolve(hooli.stackFile()));
        assertEquals("Pulumi.hooli.yaml: config key 'meltanodata:nodePoolCpuLimit' has value '[secret]'; allowed: a plaintext "
                + "value (pulumi config set --plaintext): no meltanodata key is a secret, and a secret's value would be "
                + "stored unencrypted in the resources' inputs", offline);
        assertRefusedAsOffline(hooli, offline);
    }

    /** The real preview and up of a stack fail with the offline error, register nothing, call no AWS API; the stack is removed. */
    private void assertRefusedAsOffline(EngineStack stack, String offline) {
        Path dir = stack.directory(repository);
        int recordsBefore = aws.records().all().size();
        PulumiCli.Result preview = pulumi.run(dir, List.of("preview", "--stack", stack.name()));
        assertEquals(List.of(true, offline), List.of(preview.exit() != 0, preview.error()),
                stack.name() + ": the real preview's error vs the offline one");
        PulumiCli.Result up = pulumi.run(dir, List.of("up", "--yes", "--stack", stack.name()));
        assertEquals(List.of(true, offline), List.of(up.exit() != 0, up.error()), stack.name() + ": pulumi up's error");
        assertEquals(List.of(), export(stack).resources(), stack.name() + ": nothing registered");
        assertEquals(recordsBefore, aws.records().all().size(), stack.name() + ": no AWS call");
        pulumi.require(dir, stack.name(), "stack", "rm", "--yes", "--stack", stack.name());
    }

    /**
     * {@code ./meltanodata env up|dispose|reap}: the Automation API against the real CLI, as CI
     * runs it (issue 22 item 1): every call in its own fresh clone of the repository with its own
     * PULUMI_HOME, sharing only the backend, so no call sees the Pulumi.<stack>.yaml another wrote.
     */
    @Test
    @Order(8)
    void environmentsComeAndGoFromFreshClonesSharingOnlyTheBackend() {
        String project = "deployments/03_projects/" + EngineStack.ANALYTICS.stackFile();
        String up = meltanodataInFreshClone("push", "env", "up", "--project", project, "--ref", "refs/heads/feature/signup",
                "--image-digest", "sha256:" + "0".repeat(64));
        String created = up.lines().filter(l -> l.startsWith("up: ")).findFirst()
                .orElseThrow(() -> new AssertionError("env up printed no 'up: <stack>':\n" + up)).substring(4);
        assertTrue(created.startsWith("acme.analytics.dev.feature-signup-"), created);
        EngineStack signup = new EngineStack(EngineStack.FEATURE.layer(), EngineStack.FEATURE.project(), created);
        StackState deployed = export(signup);
        assertEquals(offlineCounts.get(EngineStack.FEATURE.qualified()), deployed.registered().size(),
                created + ": same resources as the committed feature environment");

        // bill alerts as bill-alerts.yml runs it: each budget is what the stack's last update recorded
        // (feature/login's stack file says $50, main's $400, feature/signup sets none: Layer 4's $100),
        // read through the real CLI's `stack history --json`, against a month of CUR 2.0 for the example
        Path export = work.resolve("cur-export");
        try {
            CurFixture.example().write(export);
        } catch (Exception e) {
            throw new AssertionError("writing the CUR fixture", e);
        }
        assertEquals(List.of("3 environments checked against the export for 2026-11 (data through 2026-12-01T00:00:00Z): 1 alerts",
                        "ACTUAL " + EngineStack.FEATURE.name() + " (acme.analytics.dev, ref feature-login-78f299f7): actual cost $48.80 in 2026-11 "
                                + "is 98% of its monthly budget of $50 (alert above 80%); month to date $48.80, forecast $48.80."),
                meltanodataInFreshClone("bill-alerts", "bill", "alerts", "--backend", "--export", export.toString()).lines()
                        .filter(l -> l.contains("environments checked") || l.startsWith("ACTUAL") || l.startsWith("FORECAST")).toList());

        // Four days on, both feature environments (72h TTL) are past it; main (none) is not. Only the
        // committed one has a stack file in a clone: the new one's TTL comes from the backend.
        String later = Instant.now().plus(4, ChronoUnit.DAYS).toString();
        String dryRun = Command.lastLine(meltanodataInFreshClone("schedule-dry-run", "env", "reap", "--project", project,
                "--now", later, "--dry-run"));
        assertTrue(dryRun.startsWith("would dispose: "), dryRun);
        assertEquals(Set.of(EngineStack.FEATURE.name(), created), Set.of(dryRun.substring(15).split(", ")), dryRun);

        assertEquals("disposed: " + created, Command.lastLine(meltanodataInFreshClone("delete", "env", "dispose",
                "--project", project, "--ref", "refs/heads/feature/signup")));
        assertFalse(stacks(EngineStack.FEATURE).contains(created), created + " is removed");
        assertDestroyed(deployed, created);

        StackState feature = export(EngineStack.FEATURE);
        // as environments.yml reaps: the refs of the disposed stacks, whose builds it then retires
        Path disposedRefs = work.resolve("disposed-refs");
        assertEquals("disposed: " + EngineStack.FEATURE.name(), Command.lastLine(meltanodataInFreshClone("schedule",
                "env", "reap", "--project", project, "--now", later, "--disposed-refs", disposedRefs.toString())));
        try {
            assertEquals(List.of("refs/heads/feature/login"), Files.readAllLines(disposedRefs), "the ref read from the backend");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(List.of(EngineStack.MAIN.name()), stacks(EngineStack.FEATURE), "left in Layer 4");
        assertDestroyed(feature, EngineStack.FEATURE.name());
        assertFalse(artifactsBucketLive(feature), "archive off: the feature environment's artifacts bucket is deleted");
    }

    /**
     * Destroy in the documented reverse order (operations.md): a stack holding protected
     * resources refuses until each is unprotected on purpose; retained resources stay in AWS's
     * records, everything else is deleted.
     */
    @Test
    @Order(9)
    void destroyInReverseOrderKeepsWhatTheReadmePromises() {
        for (EngineStack stack : List.of(EngineStack.MAIN, EngineStack.ANALYTICS, EngineStack.GLOBEX, EngineStack.ACME,
                EngineStack.FABRIC)) {
            Path dir = stack.directory(repository);
            StackState before = export(stack);
            List<String> protectedUrns = before.protectedUrns();
            if (!protectedUrns.isEmpty()) {
                PulumiCli.Result refused = pulumi.run(dir, List.of("destroy", "--yes", "--stack", stack.name()));
                String message = refused.error();
                assertTrue(refused.exit() != 0 && message.contains("cannot be deleted because it is protected")
                        && protectedUrns.stream().anyMatch(urn -> message.contains("pulumi state unprotect '" + urn + "'")),
                        stack.name() + ": destroy refuses, naming a protected resource and the command to unprotect it: " + message);
                assertEquals(before.resources().size(), export(stack).resources().size(), stack.name() + ": nothing destroyed");
                for (String urn : protectedUrns) {
                    pulumi.require(dir, stack.name(), "state", "unprotect", urn, "--yes", "--stack", stack.name());
                }
            }
            report.time(stack, "destroy", pulumi.require(dir, stack.name(), "destroy", "--yes", "--stack", stack.name()));
            assertEquals(List.of(), export(stack).resources(), stack.name() + ": empty after destroy");
            assertDestroyed(before, stack.name());
            if (stack == EngineStack.MAIN) {
                assertTrue(artifactsBucketLive(before), "archive on: main's artifacts bucket is kept");
            }
        }
    }

    /** Whether an environment's artifacts bucket (Layer 4's resource "artifacts") is still in AWS's records. */
    private boolean artifactsBucketLive(StackState environment) {
        List<JsonNode> buckets = environment.ofType("aws:s3/bucketV2:BucketV2").stream()
                .filter(b -> StackState.urnName(b).equals("artifacts")).toList();
        assertEquals(1, buckets.size(), "one artifacts bucket");
        return aws.records().live().containsKey("aws:s3/bucketV2:BucketV2 " + buckets.get(0).path("id").asText());
    }

    /** After a destroy: the stack's retained AWS resources are still live in the fake AWS, the others are deleted. */
    private void assertDestroyed(StackState before, String stack) {
        Map<String, AwsRecord> live = aws.records().live();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (JsonNode resource : before.resources()) {
            String type = resource.path("type").asText();
            if (type.startsWith("aws:") && resource.path("custom").asBoolean()) {
                String key = type + " " + resource.path("id").asText();
                expected.add(key + (resource.path("retainOnDelete").asBoolean() ? " retained" : " deleted"));
                actual.add(key + (live.containsKey(key) ? " retained" : " deleted"));
            }
        }
        assertFalse(expected.isEmpty(), stack + ": has AWS resources");
        assertEquals(expected, actual, stack + ": what destroy kept in AWS");
    }

    private List<String> stacks(EngineStack layer) {
        try {
            List<String> names = new ArrayList<>();
            JSON.readTree(pulumi.require(layer.directory(repository), layer.layer(), "stack", "ls", "--json").stdout())
                    .forEach(s -> names.add(s.path("name").asText().replaceFirst("^.*/", "")));
            return names;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code ./meltanodata args} as a CI job does: in a new {@link FreshClone} named {@code job}
     * (MELTANODATA_HOME), with a PULUMI_HOME of its own and the suite's backend. The tool is the
     * launcher's build from this checkout; what the clone builds is the layer program Pulumi runs.
     */
    private String meltanodataInFreshClone(String job, String... args) {
        Path clone = FreshClone.of(root, work.resolve("clones").resolve(job));
        try (java.util.stream.Stream<Path> files = Files.list(clone.resolve("deployments/04_environments"))) {
            assertEquals(List.of(EngineStack.FEATURE.stackFile(), EngineStack.MAIN.stackFile()), files.map(f -> f.getFileName()
                    .toString()).filter(n -> n.matches("Pulumi\\..+\\.yaml")).sorted().toList(), job + ": only committed stack files");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(root.resolve("meltanodata").toString()));
        command.addAll(List.of(args));
        Map<String, String> environment = new LinkedHashMap<>(pulumi.environment());
        environment.put("MELTANODATA_HOME", clone.toString());
        environment.put("PULUMI_HOME", work.resolve("clones").resolve(job + ".pulumi-home").toString());
        long started = System.nanoTime();
        String output = Command.require(clone, environment, Duration.ofMinutes(15), command);
        report.time("fresh clone " + job, "meltanodata " + String.join(" ", List.of(args).subList(0, 2)),
                Duration.ofNanos(System.nanoTime() - started));
        return output;
    }

    /** Deploys a stack as the README says, then checks what the engine recorded against the offline preview. */
    private void deploy(EngineStack stack) {
        Path dir = stack.directory(repository);
        Path committed = dir.resolve(stack.stackFile());
        Path config = work.resolve("committed").resolve(stack.stackFile());
        move(committed, config);
        pulumi.require(dir, stack.name(), "stack", "init", stack.name(), "--secrets-provider", "passphrase");
        for (List<String> command : ConfigCommands.of(config, Set.of())) {
            pulumi.require(dir, stack.name(), withStack(command, stack));
        }
        PulumiCli.Result preview = pulumi.require(dir, stack.name(), "preview", "--stack", stack.name());
        report.time(stack, "preview", preview);
        // The preview was just reviewed: up applies it without previewing again, as `pulumi up` after a review may.
        PulumiCli.Result up = pulumi.require(dir, stack.name(), "up", "--yes", "--skip-preview", "--stack", stack.name());
        report.time(stack, "up", up);

        StackState state = export(stack);
        int offline = offlineCounts.get(stack.qualified());
        report.count(stack, state.registered().size(), offline);
        assertEquals(offline, state.registered().size(), stack.name() + ": resources registered by the real engine vs the offline preview");
        if (stack != EngineStack.FABRIC) {
            List<JsonNode> references = state.ofType("pulumi:pulumi:StackReference");
            assertEquals(1, references.size(), stack.name() + ": one StackReference");
            assertFalse(references.get(0).at("/outputs/outputs").isEmpty(),
                    stack.name() + ": the engine resolved the parent's outputs: " + references.get(0));
        }
        for (JsonNode resource : state.resources()) {
            if (resource.path("type").asText().startsWith("aws:") && resource.path("custom").asBoolean()) {
                String id = resource.path("id").asText();
                assertTrue(aws.records().live().containsKey(resource.path("type").asText() + " " + id),
                        stack.name() + ": " + resource.path("urn").asText() + " (id " + id + ") is live in the fake AWS");
            }
        }
    }

    private StackState export(EngineStack stack) {
        return StackState.parse(pulumi.require(stack.directory(repository), stack.name(), "stack", "export", "--stack",
                stack.name()).stdout());
    }

    private static String[] withStack(List<String> command, EngineStack stack) {
        List<String> args = new ArrayList<>(command);
        int separator = args.indexOf("--");
        args.addAll(separator < 0 ? args.size() : separator, List.of("--stack", stack.name()));
        return args.toArray(String[]::new);
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Site initech is globex with a node pool CPU limit that is not a number. Its stack file is
     * previewed offline beside the pristine layers, then kept aside for the real run.
     */
    private String invalidSiteOffline() throws IOException {
        Path dir = INITECH.directory(repository);
        Path stackFile = dir.resolve(INITECH.stackFile());
        String globex = Files.readString(dir.resolve(EngineStack.GLOBEX.stackFile()));
        assertTrue(globex.contains("meltanodata:nodePoolCpuLimit: 16"), "globex sets nodePoolCpuLimit");
        Files.writeString(stackFile, globex.replace("meltanodata:nodePoolCpuLimit: 16", "meltanodata:nodePoolCpuLimit: lots"));
        String error = offlineError(stackFile);
        move(stackFile, work.resolve("invalid").resolve(INITECH.stackFile()));
        return error;
    }

    /** The one line the offline preview prints for a bad stack file, without its "error: " prefix. */
    private String offlineError(Path stackFile) {
        StringWriter err = new StringWriter();
        int exit = MeltanoDataCli.run(new String[] {"preview", "--root", repository.toString(), stackFile.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        List<String> lines = err.toString().lines().toList();
        assertEquals(List.of(1, 1), List.of(exit, lines.size()), "offline preview of " + stackFile + ": " + err);
        return lines.get(0).replaceFirst("^error: ", "");
    }

    /** The offline preview's resource count of every committed stack, by fully qualified name. */
    private static Map<String, Integer> offlineCounts(Path repository) throws IOException {
        Path out = Files.createTempFile("offline", ".json");
        StringWriter err = new StringWriter();
        int exit = MeltanoDataCli.run(new String[] {"preview", "--root", repository.toString(), "--format", "json",
                "-o", out.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, exit, "offline preview: " + err);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode layer : JSON.readTree(out.toFile()).path("layers")) {
            counts.put("organization/" + layer.path("project").asText() + "/" + layer.path("stack").asText(),
                    layer.path("resources").size());
        }
        Files.delete(out);
        return counts;
    }
}
