package io.meltanodata.real.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.meltanodata.components.Json;
import io.meltanodata.components.kubernetes.AutoModeNodes;
import io.meltanodata.testing.RealTools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What decides where pods run, beside a {@link KubeApiServer} started with
 * {@link KubeApiServer#startForControlPlane}: kube-controller-manager and kube-scheduler (the API
 * server's release), KWOK's controller (simulated kubelets: it keeps the nodes Karpenter creates
 * Ready and walks their pods through a real lifecycle) and Karpenter with its KWOK cloud provider
 * (EKS Auto Mode is managed Karpenter). All built, pinned, by {@code scripts/real-tools.sh}; each
 * talks to the API server on loopback. Nothing provisions a node but Karpenter.
 *
 * <p><b>Auto Mode on KWOK.</b> Karpenter's NodePool and NodeClaim CRDs replace the schema-less
 * NodePool of {@link EksCustomResources}. Karpenter's KWOK provider is built to speak Auto Mode's API
 * ({@code scripts/real-tools.d/karpenter-automode.sh}): it launches from {@code eks.amazonaws.com/v1}
 * {@code NodeClass}es and labels nodes {@code eks.amazonaws.com/instance-category},
 * {@code instance-cpu}, {@code instance-memory}, {@code instance-size} and
 * {@code eks.amazonaws.com/nodeclass}, and offers only Linux types. So the NodeClasses and NodePools the
 * layers render are stored and acted on exactly as rendered: nothing here rewrites an object the
 * layers manage, and {@code pulumi preview --expect-no-changes} sees the server's object as the
 * program wrote it. What a NodeClass sets (subnets, security group, node role, tags, network policy
 * enforcement) has no simulated counterpart and is not exercised; EKS's validation of it in AWS is
 * not run either: every NodeClass reads Ready ({@link EksCustomResources}). KWOK's instance families
 * are c, m and s (no r), its CPU counts 1 to 256.
 *
 * <p>The built-in pools the cluster enables become NodePools as EKS documents them (EKS User Guide,
 * "Enable or Disable Built-in NodePools", https://docs.aws.amazon.com/eks/latest/userguide/set-builtin-node-pools.html):
 * {@code system} tainted {@code CriticalAddonsOnly:NoSchedule}, amd64 and arm64;
 * {@code general-purpose} amd64; both on-demand, categories c, m and r, on Auto Mode's
 * {@code default} NodeClass, which is created with them. Their "generation 5 or newer" requirement
 * is left out: KWOK's instance types have no generation.
 *
 * <p>Karpenter's controller-runtime binds its metrics and health ports to every interface (it has
 * no bind-address setting); both are set to ephemeral ports.
 */
public final class ControlPlane implements AutoCloseable {
    /** Auto Mode's NodeClass of the built-in pools. */
    static final String BUILT_IN_NODE_CLASS = "default";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final KubeApiServer api;
    private final Path workDir;
    private final LocalProcesses processes;
    private final Thread shutdownHook;
    private Duration startupTime;

    private ControlPlane(KubeApiServer api, Path workDir) {
        this.api = api;
        this.workDir = workDir;
        this.processes = new LocalProcesses(workDir);
        this.shutdownHook = new Thread(processes::stopAll, "control-plane-shutdown");
    }

    /**
     * Installs Karpenter's CRDs, Auto Mode's {@code default} NodeClass and the built-in pools named (those the
     * fabric's cluster enables, {@code computeConfig.nodePools}), then starts the four
     * components, logs in {@code workDir}.
     */
    public static ControlPlane start(KubeApiServer api, Path workDir, List<String> builtInPools) {
        Path bin = RealTools.bin("kube-controller-manager", "kube-scheduler", "kwok", "karpenter-automode");
        ControlPlane plane = new ControlPlane(api, workDir);
        Runtime.getRuntime().addShutdownHook(plane.shutdownHook);
        try {
            plane.launch(bin, builtInPools);
            return plane;
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    private void launch(Path bin, List<String> builtInPools) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KubernetesClient client = api.admin();
        installKarpenterCrds(client, bin);
        if (!builtInPools.isEmpty()) {
            client.resource(Json.write(Map.of("apiVersion", AutoModeNodes.NODE_CLASS_API, "kind", "NodeClass",
                    "metadata", Map.of("name", BUILT_IN_NODE_CLASS), "spec", Map.of()))).serverSideApply();
        }
        for (String pool : builtInPools) {
            client.resource(Json.write(builtInPool(pool))).serverSideApply();
        }
        String kubeconfig = api.kubeconfig().toString();
        processes.start("kube-controller-manager", List.of(bin.resolve("kube-controller-manager").toString(),
                "--kubeconfig=" + kubeconfig, "--leader-elect=false", "--secure-port=0",
                "--service-account-private-key-file=" + api.serviceAccountKey(), "--root-ca-file=" + api.caFile(),
                "--use-service-account-credentials=false", "--kube-api-qps=100", "--kube-api-burst=200",
                // Namespaces and garbage: promptly, as a small cluster's controllers would.
                "--concurrent-namespace-syncs=5", "--concurrent-gc-syncs=20",
                // KWOK posts a node's status every 20 to 45 s (delay 20 s, jitter 25 s); on a loaded machine a post can come
                // later than the default 50 s, and the node lifecycle controller then marks the node's
                // pods NotReady for good (no kubelet re-readies them): seen in RealEngineIT at load 35.
                "--node-monitor-grace-period=10m", "--node-startup-grace-period=10m"), Map.of());
        processes.start("kube-scheduler", List.of(bin.resolve("kube-scheduler").toString(),
                "--kubeconfig=" + kubeconfig, "--leader-elect=false", "--secure-port=0"), Map.of());
        int kwokPort = LocalProcesses.freePort();
        processes.start("kwok", List.of(bin.resolve("kwok").toString(),
                "--kubeconfig=" + kubeconfig, "--server-address=127.0.0.1:" + kwokPort,
                "--manage-all-nodes=false", "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                "--node-ip=127.0.0.1", "--cidr=10.64.0.1/16"), Map.of("HOME", workDir.toAbsolutePath().toString()));
        processes.start("karpenter", List.of(bin.resolve("karpenter-automode").toString()), Map.of(
                "KUBECONFIG", kubeconfig, "SYSTEM_NAMESPACE", "kube-system", "DISABLE_LEADER_ELECTION", "true",
                "METRICS_PORT", "0", "HEALTH_PROBE_PORT", "0", "LOG_LEVEL", "info",
                // One second without a new pending pod ends a provisioning batch (Karpenter's default too).
                "BATCH_IDLE_DURATION", "1s", "BATCH_MAX_DURATION", "5s"));
        processes.awaitOk(URI.create("http://127.0.0.1:" + kwokPort + "/healthz"), HttpClient.newHttpClient(), null, "kwok");
        startupTime = Duration.ofNanos(System.nanoTime() - started);
    }

    /** From installing the CRDs to every component started (kwok answering). */
    public Duration startupTime() {
        return startupTime;
    }

    /** Fails, with the log of the component that stopped, if any has. */
    public void assertRunning() {
        processes.assertRunning();
    }

    /**
     * Polls {@code probe} each second until it answers (not null) and returns that answer; fails if a
     * component stops, or after {@code wait}, naming {@code what} and where the logs are.
     */
    public <T> T await(String what, Duration wait, Supplier<T> probe) {
        java.time.Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            assertRunning();
            T value = probe.get();
            if (value != null) {
                return value;
            }
            KubeApiServer.sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError(what + ": not after " + wait + "; logs in " + workDir.toAbsolutePath());
    }

    /** Where the components' logs are. */
    public Path workDir() {
        return workDir;
    }

    private static void installKarpenterCrds(KubernetesClient client, Path bin) {
        Path crds = resolveTool(bin.resolve("karpenter-automode")).getParent().getParent().resolve("crds");
        try (Stream<Path> files = Files.list(crds)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
                crd.getMetadata().setResourceVersion(null);
                var existing = client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName());
                if (existing.get() == null) {
                    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
                } else {
                    // Replaces EksCustomResources' schema-less NodePool with Karpenter's own.
                    existing.edit(old -> {
                        crd.getMetadata().setResourceVersion(old.getMetadata().getResourceVersion());
                        return crd;
                    });
                }
                client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                        .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                                && c.getStatus().getConditions().stream()
                                .anyMatch(k -> k.getType().equals("Established") && k.getStatus().equals("True")),
                                READY_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resolveTool(Path link) {
        try {
            return link.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A built-in NodePool as the EKS User Guide describes it, on Auto Mode's {@code default} NodeClass. */
    static Map<String, Object> builtInPool(String name) {
        List<String> architectures = switch (name) {
            case "system" -> List.of("amd64", "arm64");
            case "general-purpose" -> List.of("amd64");
            default -> throw new IllegalArgumentException("EKS Auto Mode has no built-in NodePool " + name);
        };
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("nodeClassRef", Map.of("group", "eks.amazonaws.com", "kind", "NodeClass", "name", BUILT_IN_NODE_CLASS));
        spec.put("requirements", List.of(
                AutoModeNodes.requirement("karpenter.sh/capacity-type", "on-demand"),
                AutoModeNodes.requirement("eks.amazonaws.com/instance-category", "c", "m", "r"),
                AutoModeNodes.requirement("kubernetes.io/arch", architectures.toArray(String[]::new)),
                AutoModeNodes.requirement("kubernetes.io/os", "linux")));
        if (name.equals("system")) {
            spec.put("taints", List.of(Map.of("key", AutoModeNodes.CRITICAL_ADDONS_KEY, "effect", "NoSchedule")));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        return Map.of("apiVersion", AutoModeNodes.NODE_POOL_API, "kind", "NodePool", "metadata", metadata,
                "spec", Map.of("template", Map.of("spec", spec),
                        "disruption", Map.of("consolidationPolicy", "WhenEmptyOrUnderutilized", "consolidateAfter", "30s")));
    }

    @Override
    public void close() {
        processes.stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
