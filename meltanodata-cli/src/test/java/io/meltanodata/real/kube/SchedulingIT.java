package io.meltanodata.real.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meltanodata.components.Json;
import io.meltanodata.components.kubernetes.AutoModeNodes;
import io.meltanodata.testing.RealTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the scheduler, Karpenter and the controllers of a {@link ControlPlane} make of the objects
 * the layers render for fabric {@code dev} (sites {@code acme} and {@code globex}, each with a
 * project and two environments; {@link RenderedCluster}): every object but the workloads is
 * applied as rendered, then rendered workloads are run and the placement, refusals and runs
 * checked.
 *
 * <p>Changed from the rendering, only where a test needs shorter times or a smaller scale, and
 * nowhere else:
 * <ul>
 *   <li>site {@code globex}'s {@code meltanodata:nodePoolCpuLimit} is {@value #GLOBEX_CPU_LIMIT}
 *       (the smallest allowed; the example sets 16), set in its stack file before rendering, so that
 *       its NodePool's {@code limits.cpu} is reached by a few one-CPU pods;</li>
 *   <li>the CronJob run here (acme's {@code github-hourly}, rendered {@code "0 * * * *"} and
 *       {@code activeDeadlineSeconds: 7200}) runs every minute with a deadline of
 *       {@value #RUN_DEADLINE_SECONDS} s: longer than a minute, so that the next schedule finds its
 *       run still active, shorter than two, so that the test ends within minutes.</li>
 * </ul>
 *
 * <p><b>Runs that never finish.</b> KWOK's default pod stages complete a Job's pod as soon as it
 * runs. Here KWOK gets only two pod stages ({@link #KWOK_POD_STAGES}): a pod bound to one of its
 * nodes becomes Running and Ready, and a pod being deleted goes. A run's pod thus runs until its
 * Job ends it, as a Meltano run that hangs would; the Deployments' pods are unaffected (they never
 * complete anyway). {@link ControlPlane} runs KWOK with {@code HOME} set to its work directory,
 * and KWOK 0.7.0 loads {@code ~/.kwok/kwok.yaml} when it exists ({@code pkg/config/flags.go}),
 * its pod stages then replacing the default ones (KWOK, "Stages Configuration",
 * https://kwok.sigs.k8s.io/docs/user/stages-configuration/): the stages are written there before it starts.
 *
 * <p>What each test holds the cluster to: a NodePool's {@code limits} bound what Karpenter
 * provisions for it (EKS User Guide, "Create a Node Pool for EKS Auto Mode",
 * https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html); a pod is placed on a
 * tainted node only if it tolerates the taint (Kubernetes, "Taints and Tolerations",
 * https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/); with
 * {@code concurrencyPolicy: Forbid} the CronJob skips a run while the previous one has not finished
 * (Kubernetes, "CronJob", https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#concurrency-policy);
 * a Job past {@code activeDeadlineSeconds} has its pods terminated and fails with reason
 * {@code DeadlineExceeded} (Kubernetes, "Jobs",
 * https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup); a
 * pod that would take a namespace's usage past a ResourceQuota's hard limits is refused with 403
 * (Kubernetes, "Resource Quotas", https://kubernetes.io/docs/concepts/policy/resource-quotas/).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulingIT {
    static final int GLOBEX_CPU_LIMIT = 2;
    static final int RUN_DEADLINE_SECONDS = 75;
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final List<String> WORKLOAD_KINDS = List.of("Deployment", "CronJob", "Service", "Ingress");
    private static final String KARPENTER_FAILED = "Failed to schedule pod";
    static final String KWOK_POD_STAGES = """
            apiVersion: kwok.x-k8s.io/v1alpha1
            kind: Stage
            metadata:
              name: pod-running
            spec:
              resourceRef:
                apiGroup: v1
                kind: Pod
              selector:
                matchExpressions:
                - key: .metadata.deletionTimestamp
                  operator: DoesNotExist
                - key: .status.podIP
                  operator: DoesNotExist
              next:
                statusTemplate: |
                  {{ $now := Now }}
                  conditions:
                  - type: Initialized
                    status: "True"
                    lastTransitionTime: {{ $now | Quote }}
                  - type: ContainersReady
                    status: "True"
                    lastTransitionTime: {{ $now | Quote }}
                  - type: Ready
                    status: "True"
                    lastTransitionTime: {{ $now | Quote }}
                  initContainerStatuses:
                  {{ range .spec.initContainers }}
                  - name: {{ .name | Quote }}
                    image: {{ .image | Quote }}
                    ready: true
                    restartCount: 0
                    state:
                      terminated:
                        exitCode: 0
                        reason: Completed
                        startedAt: {{ $now | Quote }}
                        finishedAt: {{ $now | Quote }}
                  {{ end }}
                  containerStatuses:
                  {{ range .spec.containers }}
                  - name: {{ .name | Quote }}
                    image: {{ .image | Quote }}
                    ready: true
                    started: true
                    restartCount: 0
                    state:
                      running:
                        startedAt: {{ $now | Quote }}
                  {{ end }}
                  hostIP: {{ NodeIPWith .spec.nodeName | Quote }}
                  podIP: {{ PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) | Quote }}
                  phase: Running
                  startTime: {{ $now | Quote }}
            ---
            apiVersion: kwok.x-k8s.io/v1alpha1
            kind: Stage
            metadata:
              name: pod-delete
            spec:
              resourceRef:
                apiGroup: v1
                kind: Pod
              selector:
                matchExpressions:
                - key: .metadata.deletionTimestamp
                  operator: Exists
              next:
                finalizers:
                  empty: true
                delete: true
            """;

    private KubeApiServer api;
    private ControlPlane plane;
    private KubernetesClient client;
    private RenderedCluster cluster;
    private Manifest cronJob;
    private Instant cronJobCreated;
    private final List<String> notes = new ArrayList<>();
    private final long started = System.nanoTime();

    @BeforeAll
    void start(@TempDir Path scratch) {
        cluster = RenderedCluster.render(RealTools.repositoryRoot(), scratch.resolve("repository"),
                repo -> repo.setConfig("deployments/02_site_instances/Pulumi.globex.yaml", "meltanodata:nodePoolCpuLimit",
                        GLOBEX_CPU_LIMIT));
        Path work = Path.of("target", "scheduling-it");
        Path controllers = work.resolve("controllers");
        write(controllers.resolve(".kwok").resolve("kwok.yaml"), KWOK_POD_STAGES);
        api = KubeApiServer.startForControlPlane(work.resolve("kube"));
        client = api.admin();
        EksCustomResources.install(client);
        plane = ControlPlane.start(api, controllers, cluster.builtInNodePools());
        for (String kind : TenantIsolationIT.KIND_ORDER) {
            if (!WORKLOAD_KINDS.contains(kind)) {
                cluster.of(kind).forEach(m -> client.resource(Json.write(m.object())).serverSideApply());
            }
        }
        cronJob = everyMinute(cronJobs(prod("acme")).stream().filter(m -> m.name().startsWith("github-hourly")).findFirst()
                .orElseThrow());
        cronJobCreated = Instant.now();
        client.resource(Json.write(cronJob.object())).create();
        notes.add("rendered, started and applied in " + seconds(started) + " s");
    }

    @AfterAll
    void stop() {
        System.out.println("SchedulingIT: " + String.join("; ", notes) + "; wall time " + seconds(started) + " s");
        if (plane != null) {
            plane.close();
        }
        if (api != null) {
            api.close();
        }
    }

    /** Each site's rendered Deployment runs, its pods only on nodes Karpenter made from that site's own NodePool. */
    @Test
    @Order(1)
    void eachSitesPodsRunOnlyOnNodesOfItsOwnNodePool() {
        List<Manifest> deployments = new ArrayList<>();
        for (String site : cluster.sites()) {
            Manifest deployment = cluster.of("Deployment").stream().filter(m -> m.namespace().equals(prod(site))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Deployment rendered in " + prod(site)));
            client.resource(Json.write(deployment.object())).serverSideApply();
            deployments.add(deployment);
        }
        Instant applied = Instant.now();
        for (Manifest deployment : deployments) {
            await(deployment.describe() + " available", () -> {
                Deployment d = client.apps().deployments().inNamespace(deployment.namespace()).withName(deployment.name()).get();
                return d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas()) ? d : null;
            });
        }
        notes.add("both sites' Deployments available in " + Duration.between(applied, Instant.now()).toSeconds() + " s");
        Map<String, Set<String>> nodes = nodesOfPlacedSitePods();
        for (String site : cluster.sites()) {
            assertFalse(nodes.getOrDefault(site, Set.of()).isEmpty(), "site " + site + " has pods running: " + nodes);
        }
        Set<String> shared = new TreeSet<>(nodes.get("acme"));
        shared.retainAll(nodes.get("globex"));
        assertEquals(Set.of(), shared, "nodes running pods of both sites");
    }

    /**
     * Globex's pool allows {@value #GLOBEX_CPU_LIMIT} CPUs: one node, which its Deployment's pod
     * fills (a KWOK node keeps 100m for the kubelet). More of its one-CPU pods stay Pending, while
     * acme's nodes, untouched by the limit, are there; Karpenter says why.
     */
    @Test
    @Order(2)
    void aSiteAtItsNodePoolCpuLimitGetsPendingPodsNeverAnotherSitesNodes() {
        Manifest pool = cluster.sitePool("globex");
        assertEquals(String.valueOf(GLOBEX_CPU_LIMIT), ((Map<?, ?>) ((Map<?, ?>) pool.object().get("spec")).get("limits")).get("cpu"),
                "the rendered limits.cpu of " + pool.describe());
        String namespace = dev("globex");
        Manifest template = cronJobs(namespace).get(0);
        List<String> pods = List.of("over-limit-0", "over-limit-1", "over-limit-2");
        for (String name : pods) {
            client.resource(Json.write(Workloads.pod(template, name, spec -> {
            }))).create();
        }
        Event refusal = await("Karpenter's refusal of a pod of " + namespace + " for the limit of " + pool.name(),
                () -> karpenterEvents(namespace).stream()
                        .filter(e -> pods.contains(e.getInvolvedObject().getName()))
                        .filter(e -> e.getMessage().contains("exceed limits for nodepool") && e.getMessage().contains(pool.name()))
                        .findFirst().orElse(null));
        notes.add("Karpenter at globex's limit: " + refusal.getMessage());
        // The scheduler and Karpenter have had their say (Karpenter's batch is 1 s); a few more seconds change nothing.
        KubeApiServer.sleep(Duration.ofSeconds(10));
        List<Pod> pending = pods.stream().map(name -> client.pods().inNamespace(namespace).withName(name).get())
                .filter(p -> p.getSpec().getNodeName() == null).toList();
        assertFalse(pending.isEmpty(), "pods of globex left Pending at its pool's limit");
        for (Pod pod : pending) {
            assertEquals("Pending", pod.getStatus().getPhase(), pod.getMetadata().getName());
            assertTrue(unschedulable(pod), pod.getMetadata().getName() + " conditions: " + pod.getStatus().getConditions());
        }
        BigDecimal cpus = BigDecimal.ZERO;
        for (Node node : client.nodes().withLabel(AutoModeNodes.NODE_POOL_LABEL, pool.name()).list().getItems()) {
            cpus = cpus.add(node.getStatus().getCapacity().get("cpu").getNumericalAmount());
        }
        assertTrue(cpus.compareTo(BigDecimal.valueOf(GLOBEX_CPU_LIMIT)) <= 0, "CPUs of " + pool.name() + "'s nodes: " + cpus);
        assertFalse(client.nodes().withLabel(AutoModeNodes.NODE_POOL_LABEL, cluster.sitePool("acme").name()).list().getItems()
                .isEmpty(), "acme's nodes exist beside globex's pending pods");
        nodesOfPlacedSitePods();
        notes.add(pending.size() + " of globex's " + pods.size() + " extra pods Pending, its nodes " + cpus + " CPUs");
    }

    /**
     * A pod of acme's rendered CronJob without its toleration: the site's admission policy
     * (Layer 2) refuses it in acme's namespaces; in a namespace no policy binds, the scheduler
     * and Karpenter leave it unscheduled, though it selects acme's nodes.
     */
    @Test
    @Order(3)
    void aPodWithoutTheSiteTolerationIsRefusedOrStaysUnscheduled() {
        Manifest template = cronJobs(prod("acme")).get(0);
        Map<String, Object> untolerated = Workloads.pod(template, "untolerated", spec -> spec.remove("tolerations"));
        KubernetesClientException refused = await("the pod policy of acme refusing a pod without its toleration", () -> {
            try {
                client.resource(Json.write(untolerated)).dryRun().create();
                return null;
            } catch (KubernetesClientException e) {
                return e;
            }
        });
        // A policy's denial is 422 Invalid when its validation names no reason.
        assertEquals(422, refused.getCode(), refused.getMessage());
        assertTrue(refused.getMessage().contains("ValidatingAdmissionPolicy 'meltanodata-acme-pods'")
                && refused.getMessage().contains("tolerate its nodes' taint"), refused.getMessage());

        String namespace = "unbound-probe";
        client.resource(Json.write(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", namespace))))
                .serverSideApply();
        client.resource(Json.write(Map.of("apiVersion", "v1", "kind", "ServiceAccount",
                "metadata", Map.of("name", "meltano", "namespace", namespace)))).serverSideApply();
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) untolerated.get("metadata");
        metadata.put("namespace", namespace);
        client.resource(Json.write(untolerated)).create();
        Event karpenter = await("Karpenter's answer to " + namespace + "/untolerated", () -> karpenterEvents(namespace).stream()
                .filter(e -> e.getInvolvedObject().getName().equals("untolerated")).findFirst().orElse(null));
        assertTrue(karpenter.getMessage().contains("did not tolerate taint"), karpenter.getMessage());
        KubeApiServer.sleep(Duration.ofSeconds(5));
        Pod pod = client.pods().inNamespace(namespace).withName("untolerated").get();
        assertNull(pod.getSpec().getNodeName(), "node of the pod without the toleration");
        assertTrue(unschedulable(pod), "conditions: " + pod.getStatus().getConditions());
    }

    /**
     * The quota of acme's dev environment (as rendered: {@code requests.cpu} 4) counts the pods
     * of its rendered CronJob (one CPU each: the init container's 100m runs before, not beside)
     * and refuses the one over it; once one goes, the quota controller frees its share.
     */
    @Test
    @Order(4)
    void aResourceQuotaCountsRealUsageAndRefusesThePodOverIt() {
        String namespace = dev("acme");
        Manifest quota = cluster.of("ResourceQuota").stream().filter(m -> m.namespace().equals(namespace)).findFirst().orElseThrow();
        int cpus = Integer.parseInt(String.valueOf(((Map<?, ?>) ((Map<?, ?>) quota.object().get("spec")).get("hard")).get("requests.cpu")));
        Manifest template = cronJobs(namespace).get(0);
        for (int i = 0; i < cpus; i++) {
            client.resource(Json.write(Workloads.pod(template, "within-quota-" + i, spec -> {
            }))).create();
        }
        awaitQuotaUse(namespace, quota.name(), cpus);
        Map<String, Object> over = Workloads.pod(template, "over-quota", spec -> {
        });
        KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                () -> client.resource(Json.write(over)).create());
        assertEquals(403, refused.getCode(), refused.getMessage());
        assertTrue(refused.getMessage().contains("exceeded quota: " + quota.name())
                && refused.getMessage().contains("limited: ") && refused.getMessage().contains("requests.cpu=" + cpus),
                refused.getMessage());

        client.pods().inNamespace(namespace).withName("within-quota-0").delete();
        awaitQuotaUse(namespace, quota.name(), cpus - 1);
        client.resource(Json.write(over)).create();
        awaitQuotaUse(namespace, quota.name(), cpus);
    }

    /** The every-minute CronJob, created before the other tests: its first Job within two minutes; {@code Forbid} holds the next back while it runs. */
    @Test
    @Order(5)
    void theCronJobRunsWithinTwoMinutesAndForbidHoldsASecondRunBack() {
        assertEquals("Forbid", spec(cronJob).get("concurrencyPolicy"), "rendered concurrencyPolicy");
        Job first = await("the first Job of " + cronJob.describe(), () -> jobs().stream().findFirst().orElse(null));
        Duration toJob = Duration.between(cronJobCreated, Instant.parse(first.getMetadata().getCreationTimestamp()));
        notes.add("every-minute CronJob's first Job after " + toJob.toSeconds() + " s");
        assertTrue(toJob.compareTo(Duration.ofMinutes(2)) <= 0, "first Job after " + toJob);
        Pod running = await("the pod of Job " + first.getMetadata().getName() + " Running", () -> runPods(first).stream()
                .filter(p -> "Running".equals(p.getStatus().getPhase())).findFirst().orElse(null));
        assertEquals(cluster.sitePool("acme").name(), client.nodes().withName(running.getSpec().getNodeName()).get()
                .getMetadata().getLabels().get(AutoModeNodes.NODE_POOL_LABEL), "pool of the run's node");

        Event heldBack = await("the CronJob controller holding the next run back", () -> client.v1().events()
                .inNamespace(cronJob.namespace()).list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(cronJob.name()) && "JobAlreadyActive".equals(e.getReason()))
                .findFirst().orElse(null));
        assertEquals(List.of(first.getMetadata().getName()), jobs().stream().map(j -> j.getMetadata().getName()).toList(),
                "Jobs of " + cronJob.describe() + " once the next schedule came: " + heldBack.getMessage());
        assertNull(terminalCondition(client.batch().v1().jobs().inNamespace(cronJob.namespace())
                .withName(first.getMetadata().getName()).get()), "the first run was still active when the next was held back");
    }

    /** The run that overstays its (shortened) {@code activeDeadlineSeconds} is ended by the Job controller, its pod with it. */
    @Test
    @Order(6)
    void activeDeadlineSecondsEndsARunThatOverstays() {
        Job first = await("the first Job of " + cronJob.describe(), () -> jobs().stream().findFirst().orElse(null));
        Duration wait = Duration.ofSeconds(RUN_DEADLINE_SECONDS).plus(WAIT);
        Job ended = await("Job " + first.getMetadata().getName() + " failed", wait, () -> {
            Job j = client.batch().v1().jobs().inNamespace(cronJob.namespace()).withName(first.getMetadata().getName()).get();
            return terminalCondition(j) != null ? j : null;
        });
        JobCondition failed = terminalCondition(ended);
        assertEquals("Failed", failed.getType(), "how the run ended: " + failed);
        assertEquals("DeadlineExceeded", failed.getReason(), failed.getMessage());
        Duration ran = Duration.between(Instant.parse(ended.getStatus().getStartTime()), Instant.parse(failed.getLastTransitionTime()));
        assertTrue(ran.toSeconds() >= RUN_DEADLINE_SECONDS, "ended after " + ran);
        notes.add("run ended by its deadline after " + ran.toSeconds() + " s");
        await("the pods of the ended run gone", () -> runPods(ended).isEmpty() ? true : null);
    }

    // --- rendered objects --------------------------------------------------------------------

    private String prod(String site) {
        return cluster.namespaces(site).stream().filter(n -> n.endsWith("-prod-main")).findFirst().orElseThrow();
    }

    private String dev(String site) {
        return cluster.namespaces(site).stream().filter(n -> n.contains("-dev-")).findFirst().orElseThrow();
    }

    private List<Manifest> cronJobs(String namespace) {
        return cluster.of("CronJob").stream().filter(m -> m.namespace().equals(namespace)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Manifest manifest) {
        return (Map<String, Object>) manifest.object().get("spec");
    }

    /** The rendered CronJob, every minute and with the shorter deadline (see the class comment); nothing else changed. */
    @SuppressWarnings("unchecked")
    private static Manifest everyMinute(Manifest rendered) {
        Map<String, Object> object = Workloads.copy(rendered.object());
        Map<String, Object> spec = (Map<String, Object>) object.get("spec");
        Map<String, Object> jobSpec = (Map<String, Object>) ((Map<String, Object>) spec.get("jobTemplate")).get("spec");
        assertNotNull(jobSpec.get("activeDeadlineSeconds"), "rendered activeDeadlineSeconds of " + rendered.describe());
        spec.put("schedule", "* * * * *");
        spec.put("suspend", false);
        jobSpec.put("activeDeadlineSeconds", RUN_DEADLINE_SECONDS);
        return new Manifest(rendered.layer(), rendered.stack(), rendered.resource(), object);
    }

    // --- what the cluster did ----------------------------------------------------------------

    /**
     * The nodes of every pod placed in a site's namespaces, by site; fails if any such node is not
     * of the site's own NodePool, lacks its label or its taint.
     */
    private Map<String, Set<String>> nodesOfPlacedSitePods() {
        Map<String, Set<String>> nodes = new TreeMap<>();
        for (String site : cluster.sites()) {
            String pool = cluster.sitePool(site).name();
            Map<String, String> taint = RenderedCluster.siteTaint(cluster.sitePool(site));
            for (String namespace : cluster.namespaces(site)) {
                for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
                    String nodeName = pod.getSpec().getNodeName();
                    Node node = nodeName == null ? null : client.nodes().withName(nodeName).get();
                    if (node == null) {
                        continue; // not placed, or its node consolidated away since
                    }
                    String where = namespace + "/" + pod.getMetadata().getName() + " on " + nodeName;
                    Map<String, String> labels = node.getMetadata().getLabels();
                    assertEquals(pool, labels.get(AutoModeNodes.NODE_POOL_LABEL), "NodePool of " + where);
                    assertEquals(site, labels.get(AutoModeNodes.SITE_KEY), "site label of " + where);
                    assertTrue(node.getSpec().getTaints().stream().anyMatch(t -> t.getKey().equals(taint.get("key"))
                            && t.getValue().equals(taint.get("value")) && t.getEffect().equals(taint.get("effect"))),
                            "taints of " + where + ": " + node.getSpec().getTaints());
                    nodes.computeIfAbsent(site, s -> new TreeSet<>()).add(nodeName);
                }
            }
        }
        return nodes;
    }

    private List<Event> karpenterEvents(String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> "FailedScheduling".equals(e.getReason()) && e.getMessage() != null
                        && e.getMessage().startsWith(KARPENTER_FAILED)).toList();
    }

    private static boolean unschedulable(Pod pod) {
        List<PodCondition> conditions = pod.getStatus().getConditions() == null ? List.of() : pod.getStatus().getConditions();
        return conditions.stream().anyMatch(c -> c.getType().equals("PodScheduled") && c.getStatus().equals("False")
                && "Unschedulable".equals(c.getReason()));
    }

    private void awaitQuotaUse(String namespace, String name, int cpus) {
        await("quota " + namespace + "/" + name + " using requests.cpu=" + cpus + " and pods=" + cpus, () -> {
            ResourceQuota q = client.resourceQuotas().inNamespace(namespace).withName(name).get();
            Map<String, Quantity> used = q.getStatus() == null || q.getStatus().getUsed() == null ? Map.of() : q.getStatus().getUsed();
            return used.containsKey("requests.cpu") && used.get("requests.cpu").getNumericalAmount().compareTo(BigDecimal.valueOf(cpus)) == 0
                    && used.containsKey("pods") && used.get("pods").getNumericalAmount().intValue() == cpus ? q : null;
        });
    }

    private List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(cronJob.namespace()).list().getItems().stream()
                .filter(j -> ownedBy(j.getMetadata().getOwnerReferences(), "CronJob", cronJob.name()))
                .sorted(java.util.Comparator.comparing(j -> j.getMetadata().getCreationTimestamp())).toList();
    }

    private List<Pod> runPods(Job job) {
        return client.pods().inNamespace(job.getMetadata().getNamespace()).list().getItems().stream()
                .filter(p -> ownedBy(p.getMetadata().getOwnerReferences(), "Job", job.getMetadata().getName())).toList();
    }

    private static boolean ownedBy(List<OwnerReference> owners, String kind, String name) {
        return owners != null && owners.stream().anyMatch(o -> o.getKind().equals(kind) && o.getName().equals(name));
    }

    private static JobCondition terminalCondition(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return null;
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> (c.getType().equals("Failed") || c.getType().equals("Complete")) && c.getStatus().equals("True"))
                .findFirst().orElse(null);
    }

    private <T> T await(String what, Supplier<T> probe) {
        return await(what, WAIT, probe);
    }

    private <T> T await(String what, Duration wait, Supplier<T> probe) {
        return plane.await(what, wait, probe);
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
