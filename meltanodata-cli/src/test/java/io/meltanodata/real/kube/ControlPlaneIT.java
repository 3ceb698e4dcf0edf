package io.meltanodata.real.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meltanodata.components.Json;
import io.meltanodata.components.kubernetes.AutoModeNodes;
import io.meltanodata.testing.RealTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pieces of {@link ControlPlane} start beside a real kube-apiserver and act as a cluster's
 * would: the NodePools the layers render (Layer 1's platform pool, Layer 2's site pools) and Auto
 * Mode's built-in pools the fabric enables are accepted by Karpenter's own CRDs; a pending pod of
 * a site gets a node that Karpenter created from that site's NodePool (its label and taint), which
 * KWOK makes Ready and the scheduler binds the pod to; a Deployment becomes available only then.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlPlaneIT {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private KubeApiServer api;
    private ControlPlane plane;
    private KubernetesClient client;
    private RenderedCluster cluster;
    private final List<String> notes = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path scratch) {
        cluster = RenderedCluster.render(RealTools.repositoryRoot(), scratch.resolve("repository"));
        Path work = Path.of("target", "control-plane-it");
        api = KubeApiServer.startForControlPlane(work.resolve("kube"));
        client = api.admin();
        EksCustomResources.install(client);
        plane = ControlPlane.start(api, work.resolve("controllers"), cluster.builtInNodePools());
        notes.add("control plane started in " + plane.startupTime().toMillis() + " ms");
        for (Manifest manifest : cluster.manifests()) {
            if (manifest.kind().equals("NodeClass") || manifest.kind().equals("NodePool")) {
                client.resource(Json.write(manifest.object())).serverSideApply();
            }
        }
    }

    @AfterAll
    void stop() {
        System.out.println("ControlPlaneIT: " + String.join("; ", notes));
        if (plane != null) {
            plane.close();
        }
        if (api != null) {
            api.close();
        }
    }

    /**
     * Karpenter's CRDs accept the NodePools as rendered and nothing rewrites them: the stored node
     * class, requirements, taints and limits are the rendered ones (so the Kubernetes provider sees
     * no difference on its next preview), and Karpenter reports each pool Ready, i.e. its Auto Mode
     * NodeClass is one the provider launches from.
     */
    @Test
    void theRenderedNodePoolsAreStoredAsRenderedAndReady() {
        for (Manifest rendered : cluster.of("NodePool")) {
            GenericKubernetesResource stored = await(rendered.describe() + " Ready", () -> {
                GenericKubernetesResource pool = client.genericKubernetesResources(AutoModeNodes.NODE_POOL_API, "NodePool")
                        .withName(rendered.name()).get();
                return pool != null && "True".equals(condition(pool, "Ready")) ? pool : null;
            });
            Map<String, Object> renderedTemplate = RenderedCluster.templateSpec(rendered.object());
            Map<String, Object> storedTemplate = RenderedCluster.templateSpec(stored.getAdditionalProperties());
            for (String field : List.of("nodeClassRef", "requirements", "taints")) {
                assertEquals(renderedTemplate.get(field), storedTemplate.get(field), rendered.describe() + " " + field);
            }
            assertEquals(((Map<?, ?>) rendered.object().get("spec")).get("limits"),
                    ((Map<?, ?>) stored.getAdditionalProperties().get("spec")).get("limits"), rendered.describe());
        }
    }

    @Test
    void aSitePodRunsOnANodeKarpenterMadeFromTheSitesNodePool() {
        String site = cluster.sites().get(0);
        Manifest pool = cluster.sitePool(site);
        Map<String, String> taint = RenderedCluster.siteTaint(pool);
        String namespace = "probe-" + site;
        client.resource(Json.write(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", namespace))))
                .serverSideApply();
        awaitServiceAccount(namespace);
        Instant started = Instant.now();
        client.resource(Json.write(Map.of("apiVersion", "v1", "kind", "Pod",
                "metadata", Map.of("name", "probe", "namespace", namespace),
                "spec", Map.of(
                        "nodeSelector", Map.of(AutoModeNodes.SITE_KEY, site),
                        "tolerations", List.of(AutoModeNodes.toleration(taint)),
                        "containers", List.of(Map.of("name", "probe", "image", "busybox",
                                "resources", Map.of("requests", Map.of("cpu", "500m", "memory", "256Mi")))))))).create();

        Pod running = await("pod " + namespace + "/probe Running", () -> {
            Pod p = client.pods().inNamespace(namespace).withName("probe").get();
            return p != null && "Running".equals(p.getStatus().getPhase()) ? p : null;
        });
        notes.add("site pod pending to Running on a new node in " + Duration.between(started, Instant.now()).toSeconds() + " s");
        Node node = client.nodes().withName(running.getSpec().getNodeName()).get();
        assertEquals(pool.name(), node.getMetadata().getLabels().get(AutoModeNodes.NODE_POOL_LABEL), "node's pool");
        assertEquals(site, node.getMetadata().getLabels().get(AutoModeNodes.SITE_KEY), "node's site label");
        // Auto Mode's node labels: its NodeClass's name, the instance category the pool allows.
        Map<String, Object> poolTemplate = RenderedCluster.templateSpec(pool.object());
        assertEquals(((Map<?, ?>) poolTemplate.get("nodeClassRef")).get("name"),
                node.getMetadata().getLabels().get("eks.amazonaws.com/nodeclass"), "node's NodeClass label");
        assertTrue(((List<?>) poolTemplate.get("requirements")).stream().map(r -> (Map<?, ?>) r)
                .filter(r -> r.get("key").equals("eks.amazonaws.com/instance-category")).findFirst().map(r -> (List<?>) r.get("values"))
                .orElseThrow().contains(node.getMetadata().getLabels().get("eks.amazonaws.com/instance-category")),
                "node's instance category: " + node.getMetadata().getLabels());
        assertEquals("linux", node.getMetadata().getLabels().get("kubernetes.io/os"), "Auto Mode launches Linux nodes only");
        assertTrue(node.getSpec().getTaints().stream().anyMatch(t -> t.getKey().equals(taint.get("key"))
                && t.getValue().equals(taint.get("value")) && t.getEffect().equals(taint.get("effect"))), "node's taints: "
                + node.getSpec().getTaints());
        assertTrue(client.genericKubernetesResources("karpenter.sh/v1", "NodeClaim").list().getItems().stream()
                .anyMatch(c -> node.getMetadata().getName().equals(statusField(c, "nodeName"))),
                "a NodeClaim of Karpenter's for node " + node.getMetadata().getName());
    }

    @Test
    void aDeploymentIsAvailableOnceItsPodRunsOnTheBuiltInSystemPool() {
        String namespace = "probe-system";
        client.resource(Json.write(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", namespace))))
                .serverSideApply();
        awaitServiceAccount(namespace);
        Map<String, Object> labels = Map.of("app", "critical");
        client.resource(Json.write(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "critical", "namespace", namespace),
                "spec", Map.of("replicas", 1, "selector", Map.of("matchLabels", labels),
                        "template", Map.of("metadata", Map.of("labels", labels), "spec", Map.of(
                                "tolerations", List.of(Map.of("key", AutoModeNodes.CRITICAL_ADDONS_KEY, "operator", "Exists")),
                                "nodeSelector", Map.of(AutoModeNodes.NODE_POOL_LABEL, "system"),
                                "containers", List.of(Map.of("name", "c", "image", "busybox",
                                        "resources", Map.of("requests", Map.of("cpu", "100m")))))))))).create();
        Deployment available = await("deployment " + namespace + "/critical available", () -> {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName("critical").get();
            return d != null && d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas()) ? d : null;
        });
        assertNotNull(available);
        Pod pod = client.pods().inNamespace(namespace).withLabels(Map.of("app", "critical")).list().getItems().get(0);
        Node node = client.nodes().withName(pod.getSpec().getNodeName()).get();
        assertTrue(node.getSpec().getTaints().stream().anyMatch(t -> t.getKey().equals(AutoModeNodes.CRITICAL_ADDONS_KEY)
                && t.getEffect().equals("NoSchedule")), "system node's taints: " + node.getSpec().getTaints());
    }

    /**
     * The namespace controller and the garbage collector end what the Kubernetes provider deletes
     * in the foreground (it waits for each object to go, so one that never goes hangs {@code pulumi destroy}).
     */
    @Test
    void aNamespaceDeletedInTheForegroundGoesWithItsObjects() {
        String namespace = "env-gone";
        client.resource(Json.write(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", namespace))))
                .serverSideApply();
        client.resource(Json.write(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "settings", "namespace", namespace)))).create();
        client.configMaps().inNamespace(namespace).withName("settings")
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete();
        client.namespaces().withName(namespace)
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete();
        await("namespace " + namespace + " gone", () -> client.namespaces().withName(namespace).get() == null ? true : null);
    }

    /** kube-controller-manager's quota controller reports a quota's hard limits and what is used. */
    @Test
    void aResourceQuotaGetsItsStatusFromTheQuotaController() {
        String namespace = "quota-probe";
        client.resource(Json.write(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", namespace))))
                .serverSideApply();
        client.resource(Json.write(Map.of("apiVersion", "v1", "kind", "ResourceQuota",
                "metadata", Map.of("name", "q", "namespace", namespace),
                "spec", Map.of("hard", Map.of("configmaps", "5"))))).create();
        // The quota controller's first count (kube-root-ca.crt, which kube-controller-manager publishes
        // in every namespace, is in it or not, depending on its informer's lag: it is counted again
        // only at the 5-minute full resync), then a ConfigMap created under the quota is charged.
        int before = Integer.parseInt(await("quota " + namespace + "/q status", () -> {
            var q = client.resourceQuotas().inNamespace(namespace).withName("q").get();
            return q.getStatus() != null && q.getStatus().getUsed() != null && q.getStatus().getUsed().get("configmaps") != null
                    ? q.getStatus().getUsed().get("configmaps").toString() : null;
        }));
        client.resource(Json.write(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "settings", "namespace", namespace)))).create();
        var quota = await("quota " + namespace + "/q counting the new ConfigMap", () -> {
            var q = client.resourceQuotas().inNamespace(namespace).withName("q").get();
            return String.valueOf(before + 1).equals(q.getStatus().getUsed().get("configmaps").toString()) ? q : null;
        });
        assertEquals("5", quota.getStatus().getHard().get("configmaps").toString());
    }

    private static String condition(GenericKubernetesResource resource, String type) {
        Object status = resource.getAdditionalProperties().get("status");
        Object conditions = status instanceof Map<?, ?> m ? m.get("conditions") : null;
        if (conditions instanceof List<?> list) {
            return list.stream().map(c -> (Map<?, ?>) c).filter(c -> type.equals(c.get("type")))
                    .map(c -> String.valueOf(c.get("status"))).findFirst().orElse(null);
        }
        return null;
    }

    private static Object statusField(GenericKubernetesResource resource, String field) {
        Object status = resource.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> m ? m.get(field) : null;
    }

    /** kube-controller-manager's service account controller gives every namespace its {@code default}. */
    private void awaitServiceAccount(String namespace) {
        await("service account " + namespace + "/default", () -> client.serviceAccounts().inNamespace(namespace)
                .withName("default").get());
    }

    private <T> T await(String what, Supplier<T> probe) {
        return plane.await(what, WAIT, probe);
    }
}
