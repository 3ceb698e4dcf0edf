package io.meltanodata.real.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What decides where pods run, beside a {@link KubeApiServer} started with
 * {@link KubeApiServer#startForControlPlane}: kube-controller-manager and kube-scheduler (the API
 * server's release), KWOK's controller (simulated kubelets: it keeps the nodes Karpenter creates
 * Ready and walks their pods through a real lifecycle) and Karpenter with its KWOK cloud provider
 * (EKS Auto Mode is managed Karpenter). All built, pinned, by {@code scripts/real-tools.sh}; each
 * talks to the API server on loopback. Nothing provisions a node but Karpenter.
 *
 * <p><b>Auto Mode on KWOK.</b> Karpenter's CRDs (NodePool, NodeClaim, KWOKNodeClass) replace the
 * schema-less NodePool of {@link EksCustomResources}. The built-in pools the cluster enables become
 * NodePools as EKS documents them (EKS User Guide, "Enable or Disable Built-in NodePools",
 * https://docs.aws.amazon.com/eks/latest/userguide/set-builtin-node-pools.html): {@code system}
 * tainted {@code CriticalAddonsOnly:NoSchedule}, amd64 and arm64; {@code general-purpose} amd64;
 * both on-demand, families c, m and r, on the default NodeClass. Their "generation 5 or newer"
 * requirement is left out: KWOK's instance types have no generation. The NodePools the layers
 * render are applied as rendered; a MutatingAdmissionPolicy ({@value #MAPPING}) changes, in every
 * NodePool at admission, exactly this and nothing else:
 * <ul>
 *   <li>{@code spec.template.spec.nodeClassRef}: any Auto Mode {@code NodeClass} becomes the
 *       KWOKNodeClass {@value #NODE_CLASS} ({@code karpenter.kwok.sh}), the only class the KWOK
 *       provider launches from. What a NodeClass sets (subnets, security group, node role, tags,
 *       network policy enforcement) has no simulated counterpart and is not exercised here;</li>
 *   <li>requirement keys {@code eks.amazonaws.com/instance-category} and
 *       {@code eks.amazonaws.com/instance-cpu} become KWOK's {@code karpenter.kwok.sh/instance-family}
 *       and {@code karpenter.kwok.sh/instance-cpu} (same operator and values: KWOK's families are c,
 *       m and s, its CPU counts 1 to 256);</li>
 *   <li>a pool without a {@code kubernetes.io/os} requirement gets {@code In [linux]}: Auto Mode
 *       launches only Linux (Bottlerocket) nodes, KWOK's catalogue has Windows types too.</li>
 * </ul>
 * Labels, taints, the other requirements (capacity type, architecture), limits, disruption and
 * expiry stay as rendered, so a pool's nodes carry exactly the labels and taints Auto Mode gives
 * them and its CPU and memory limits bound what Karpenter creates.
 *
 * <p>Karpenter's controller-runtime binds its metrics and health ports to every interface (it has
 * no bind-address setting); both are set to ephemeral ports.
 */
public final class ControlPlane implements AutoCloseable {
    /** The MutatingAdmissionPolicy (and its binding) that maps Auto Mode's NodeClass to KWOK's. */
    static final String MAPPING = "meltanodata-test-auto-mode-on-kwok";
    /** The one KWOKNodeClass every NodePool launches from. */
    static final String NODE_CLASS = "default";
    private static final String KWOK_GROUP = "karpenter.kwok.sh";
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
     * Installs Karpenter's CRDs, the NodeClass mapping and the built-in pools named (those the
     * fabric's cluster enables, {@code computeConfig.nodePools}), then starts the four
     * components, logs in {@code workDir}.
     */
    public static ControlPlane start(KubeApiServer api, Path workDir, List<String> builtInPools) {
        Path bin = RealTools.bin("kube-controller-manager", "kube-scheduler", "kwok", "karpenter-kwok");
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
        installMapping(client);
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
        processes.start("karpenter", List.of(bin.resolve("karpenter-kwok").toString()), Map.of(
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

    /** Where the components' logs are. */
    public Path workDir() {
        return workDir;
    }

    private static void installKarpenterCrds(KubernetesClient client, Path bin) {
        Path crds = resolveTool(bin.resolve("karpenter-kwok")).getParent().getParent().resolve("crds");
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
        // The KWOK provider launches only from a Ready node class; nothing else would mark it so.
        client.resource(Json.write(Map.of("apiVersion", KWOK_GROUP + "/v1alpha1", "kind", "KWOKNodeClass",
                "metadata", Map.of("name", NODE_CLASS), "spec", Map.of()))).serverSideApply();
        client.genericKubernetesResources(KWOK_GROUP + "/v1alpha1", "KWOKNodeClass").withName(NODE_CLASS).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), Json.write(Map.of("status", Map.of("conditions", List.of(Map.of(
                        "type", "Ready", "status", "True", "reason", "Ready", "message", "",
                        "lastTransitionTime", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                        "observedGeneration", 1))))));
    }

    private static Path resolveTool(Path link) {
        try {
            return link.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The policy described in the class comment, bound to every NodePool; waits until the API server enforces it. */
    @SuppressWarnings("unchecked")
    private static void installMapping(KubernetesClient client) {
        String expression = """
                [
                  JSONPatch{op: "replace", path: "/spec/template/spec/nodeClassRef",
                    value: {"group": "%s", "kind": "KWOKNodeClass", "name": "%s"}},
                  JSONPatch{op: "replace", path: "/spec/template/spec/requirements",
                    value: object.spec.template.spec.requirements.map(r, {
                      "key": r.key == "eks.amazonaws.com/instance-category" ? "%s/instance-family"
                          : (r.key == "eks.amazonaws.com/instance-cpu" ? "%s/instance-cpu" : r.key),
                      "operator": r.operator,
                      "values": has(r.values) ? r.values : []})}
                ] + (object.spec.template.spec.requirements.exists(r, r.key == "kubernetes.io/os") ? []
                    : [JSONPatch{op: "add", path: "/spec/template/spec/requirements/-",
                        value: {"key": dyn("kubernetes.io/os"), "operator": dyn("In"), "values": dyn(["linux"])}}])""".formatted(KWOK_GROUP, NODE_CLASS, KWOK_GROUP, KWOK_GROUP);
        String api = "admissionregistration.k8s.io/v1alpha1";
        client.resource(Json.write(Map.of("apiVersion", api, "kind", "MutatingAdmissionPolicy",
                "metadata", Map.of("name", MAPPING),
                "spec", Map.of(
                        "failurePolicy", "Fail",
                        "reinvocationPolicy", "Never",
                        "matchConstraints", Map.of("resourceRules", List.of(Map.of(
                                "apiGroups", List.of("karpenter.sh"), "apiVersions", List.of("v1"),
                                "operations", List.of("CREATE", "UPDATE"), "resources", List.of("nodepools")))),
                        "mutations", List.of(Map.of("patchType", "JSONPatch",
                                "jsonPatch", Map.of("expression", expression))))))).serverSideApply();
        client.resource(Json.write(Map.of("apiVersion", api, "kind", "MutatingAdmissionPolicyBinding",
                "metadata", Map.of("name", MAPPING), "spec", Map.of("policyName", MAPPING)))).serverSideApply();
        // The API server loads policies asynchronously: probe with a dry run until the mapping shows.
        Map<String, Object> probe = builtInPool("system");
        ((Map<String, Object>) probe.get("metadata")).put("name", "mapping-probe");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                GenericKubernetesResource dryRun = client.resource(Serialization.unmarshal(Json.write(probe),
                        GenericKubernetesResource.class)).dryRun().create();
                last = Serialization.asJson(dryRun.getAdditionalProperties().get("spec"));
                if (last.contains("\"KWOKNodeClass\"") && last.contains(KWOK_GROUP + "/instance-family")) {
                    return;
                }
            } catch (KubernetesClientException e) {
                last = e.getMessage();
            }
            KubeApiServer.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("the NodeClass mapping " + MAPPING + " was not enforced after " + READY_TIMEOUT
                + "; a dry-run NodePool came back as: " + last);
    }

    /** A built-in NodePool as the EKS User Guide describes it, on Auto Mode's {@code default} NodeClass. */
    static Map<String, Object> builtInPool(String name) {
        List<String> architectures = switch (name) {
            case "system" -> List.of("amd64", "arm64");
            case "general-purpose" -> List.of("amd64");
            default -> throw new IllegalArgumentException("EKS Auto Mode has no built-in NodePool " + name);
        };
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("nodeClassRef", Map.of("group", "eks.amazonaws.com", "kind", "NodeClass", "name", "default"));
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
