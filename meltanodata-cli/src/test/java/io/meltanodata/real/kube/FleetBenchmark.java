package io.meltanodata.real.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.components.kubernetes.AutoModeNodes;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.Layers;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.TopologyPreview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Benchmark (not a test; {@code scripts/bench-control-plane-fleet.sh}): a fleet of stack files,
 * rendered offline, applied to a {@link ControlPlane} and scheduled there.
 * <ol>
 *   <li>renders every stack under {@code FLEET} (from {@code scripts/fleet.sh}) and keeps fabric
 *       {@value RenderedCluster#FABRIC}'s Kubernetes objects;</li>
 *   <li>applies each by server-side apply as Pulumi's Kubernetes provider would, layer by layer, each
 *       stack's objects in dependency order: layers 1 to 3 as the platform admin, Layer 4 as its
 *       site's deployers (RBAC and the admission policies judge them). Stacks of one layer are
 *       applied {@value #APPLY_WORKERS} at a time. A refusal is retried twice a second later (a
 *       binding just stored takes a moment to act), then reported;</li>
 *   <li>forces one run of every CronJob, suspended (manual) ones included, as
 *       {@code kubectl create job --from=cronjob/NAME} does: a Job from its job template, owned by
 *       it, sent as kube-controller-manager's cronjob-controller. Schedules stay as rendered (an hourly
 *       one may also fire on its own during the run: such Jobs are counted too);</li>
 *   <li>polls until steady: every Deployment available, every Job complete and no pod Pending; or
 *       nothing changed for {@code STALL} (then what is left is listed with the scheduler's,
 *       Karpenter's and the Job controller's own words). Then waits {@code SETTLE} for Karpenter's
 *       consolidation and counts the nodes again.</li>
 * </ol>
 * Usage: {@code FleetBenchmark FLEET WORK [STALL_SECONDS=60] [SETTLE_SECONDS=300] [TIMEOUT_SECONDS=1200]};
 * the report goes to stdout and {@code WORK/report.md}.
 */
public final class FleetBenchmark {
    static final int APPLY_WORKERS = 4;
    private static final Duration POLL = Duration.ofSeconds(3);
    private static final Principal CRONJOB_CONTROLLER = Principal.controller("cronjob-controller");

    private final List<String> report = new ArrayList<>();
    private final Instant started = Instant.now();
    private final NodeTally tally = new NodeTally();
    private final Set<String> placedPods = new HashSet<>();
    private final List<String> crossSite = new ArrayList<>();
    private KubernetesClient client;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FleetBenchmark FLEET WORK [STALL_SECONDS] [SETTLE_SECONDS] [TIMEOUT_SECONDS]");
            System.exit(64);
        }
        Duration stall = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 60);
        Duration settle = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 300);
        Duration timeout = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 1200);
        new FleetBenchmark().run(Path.of(args[0]), Path.of(args[1]), stall, settle, timeout);
        System.exit(0);
    }

    private void run(Path fleet, Path work, Duration stall, Duration settle, Duration timeout) throws IOException {
        Files.createDirectories(work);
        note("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average " + ComponentUsage.loadAverage()
                + " at start (shared with other engineers' builds).");
        long t = System.nanoTime();
        TopologyPreview preview = new TopologyPreview(Layers.all());
        List<LayerRendering> stacks = preview.render(preview.exampleStackFiles(fleet));
        RenderedCluster cluster = RenderedCluster.of(stacks);
        long renderPeak = ComponentUsage.now().get(0).peakMiB();
        note("Rendered " + stacks.size() + " stacks offline in " + seconds(t) + " s; fabric " + RenderedCluster.FABRIC + ": "
                + cluster.sites().size() + " sites, " + count(stacks, Layer.HOSTED_PROJECT) + " projects, "
                + count(stacks, Layer.ACTIVATED_ENVIRONMENT) + " environments, " + cluster.manifests().size()
                + " Kubernetes objects " + kinds(cluster.manifests()) + ". The JVM's peak resident set after rendering: "
                + renderPeak + " MiB.");
        CostModelNodes costModel = CostModelNodes.of(stacks);

        try (KubeApiServer api = KubeApiServer.startForControlPlane(work.resolve("kube"))) {
            client = api.admin();
            EksCustomResources.install(client);
            try (ControlPlane plane = ControlPlane.start(api, work.resolve("controllers"), builtInPools(stacks))) {
                note("Control plane up in " + (api.startupTime().toMillis() + plane.startupTime().toMillis()) + " ms.");
                ClusterSession session = new ClusterSession(api);
                Instant applyStarted = Instant.now();
                List<String> refused = apply(cluster, session);
                note("Applied " + cluster.manifests().size() + " objects in " + since(applyStarted) + " s ("
                        + refused.size() + " refused); load average " + ComponentUsage.loadAverage() + ".");
                refused.forEach(r -> note("  refused: " + r));
                Instant runsStarted = Instant.now();
                List<String> forceRefused = forceRuns(cluster, session);
                note("Forced one run of each of " + cluster.of("CronJob").size() + " CronJobs in " + since(runsStarted) + " s ("
                        + forceRefused.size() + " refused).");
                forceRefused.forEach(r -> note("  refused: " + r));
                awaitSteady(cluster, applyStarted, runsStarted, stall, timeout, plane);
                note("Load average " + ComponentUsage.loadAverage() + " at steady state.");
                Map<String, Integer> atSteady = nowByPool();
                Instant settleUntil = Instant.now().plus(settle);
                while (Instant.now().isBefore(settleUntil)) {
                    plane.assertRunning();
                    tally.observe(nodeClaims());
                    KubeApiServer.sleep(POLL);
                }
                tally.observe(nodeClaims());
                nodes(cluster, costModel, atSteady, settle);
                karpenterRefusals(plane.workDir().resolve("karpenter.log"));
                usage();
            }
        }
        Files.writeString(work.resolve("report.md"), String.join("\n", report) + "\n");
    }

    // --- applying ------------------------------------------------------------------------------

    private List<String> apply(RenderedCluster cluster, ClusterSession session) {
        List<String> refused = new ArrayList<>();
        for (String site : cluster.sites()) {
            session.client(TenantIsolationIT.deployers(site));
        }
        session.client(ClusterSession.PLATFORM);
        for (Layer layer : Layer.values()) {
            Instant layerStarted = Instant.now();
            Map<String, List<Manifest>> byStack = cluster.manifests().stream().filter(m -> m.layer() == layer)
                    .sorted(Comparator.comparingInt(TenantIsolationIT::rank))
                    .collect(Collectors.groupingBy(Manifest::stack, TreeMap::new, Collectors.toList()));
            ExecutorService workers = Executors.newFixedThreadPool(layer.number() <= 2 ? 1 : APPLY_WORKERS);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (List<Manifest> stack : byStack.values()) {
                    results.add(workers.submit(() -> applyStack(stack, layer, session)));
                }
                for (Future<List<String>> result : results) {
                    refused.addAll(result.get());
                }
            } catch (Exception e) {
                throw new IllegalStateException("applying layer " + layer.number() + " failed", e);
            } finally {
                workers.shutdownNow();
            }
            note("  layer " + layer.number() + ": " + byStack.values().stream().mapToInt(List::size).sum() + " objects of "
                    + byStack.size() + " stacks in " + since(layerStarted) + " s");
        }
        return refused;
    }

    private static List<String> applyStack(List<Manifest> stack, Layer layer, ClusterSession session) {
        List<String> refused = new ArrayList<>();
        for (Manifest manifest : stack) {
            Principal principal = layer == Layer.ACTIVATED_ENVIRONMENT ? TenantIsolationIT.deployers(manifest.site())
                    : ClusterSession.PLATFORM;
            Verdict verdict = session.apply(principal, manifest.object());
            for (int retry = 0; retry < 2 && !verdict.outcome().equals(Verdict.ALLOWED); retry++) {
                KubeApiServer.sleep(Duration.ofSeconds(1));
                verdict = session.apply(principal, manifest.object());
            }
            if (!verdict.outcome().equals(Verdict.ALLOWED)) {
                refused.add(manifest.describe() + " as " + principal.label() + ": " + verdict);
            }
        }
        return refused;
    }

    /** One Job per CronJob, as {@code kubectl create job --from=cronjob/NAME} makes it; {@value #APPLY_WORKERS} namespaces at a time. */
    private List<String> forceRuns(RenderedCluster cluster, ClusterSession session) {
        session.client(CRONJOB_CONTROLLER);
        Map<String, List<Manifest>> byNamespace = cluster.of("CronJob").stream()
                .collect(Collectors.groupingBy(Manifest::namespace, TreeMap::new, Collectors.toList()));
        ExecutorService workers = Executors.newFixedThreadPool(APPLY_WORKERS);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (List<Manifest> cronJobs : byNamespace.values()) {
                results.add(workers.submit(() -> forceRuns(cronJobs, session)));
            }
            List<String> refused = new ArrayList<>();
            for (Future<List<String>> result : results) {
                refused.addAll(result.get());
            }
            return refused;
        } catch (Exception e) {
            throw new IllegalStateException("forcing the CronJobs' runs failed", e);
        } finally {
            workers.shutdownNow();
        }
    }

    private List<String> forceRuns(List<Manifest> cronJobs, ClusterSession session) {
        List<String> refused = new ArrayList<>();
        for (Manifest cronJob : cronJobs) {
            CronJob stored = client.batch().v1().cronjobs().inNamespace(cronJob.namespace()).withName(cronJob.name()).get();
            if (stored == null) {
                refused.add(cronJob.describe() + ": not stored, no run");
                continue;
            }
            Map<String, Object> job = Workloads.job(cronJob, cronJob.name() + "-bench");
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) job.get("metadata");
            metadata.put("annotations", Map.of("cronjob.kubernetes.io/instantiate", "manual"));
            metadata.put("ownerReferences", List.of(Map.of("apiVersion", "batch/v1", "kind", "CronJob", "name", cronJob.name(),
                    "uid", stored.getMetadata().getUid(), "controller", true, "blockOwnerDeletion", true)));
            Verdict verdict = session.send(CRONJOB_CONTROLLER, ApiRequest.create("jobs", cronJob.namespace(), job));
            if (!verdict.outcome().equals(Verdict.ALLOWED)) {
                refused.add(cronJob.describe() + " run as " + CRONJOB_CONTROLLER.label() + ": " + verdict);
            }
        }
        return refused;
    }

    // --- steady state --------------------------------------------------------------------------

    private void awaitSteady(RenderedCluster cluster, Instant applyStarted, Instant runsStarted, Duration stall, Duration timeout,
                             ControlPlane plane) {
        Set<String> fabricNamespaces = cluster.of("Namespace").stream().map(Manifest::name).collect(Collectors.toSet());
        String lastSignature = "";
        Instant lastChange = Instant.now();
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Long> firstReached = new LinkedHashMap<>();
        while (true) {
            plane.assertRunning();
            List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems().stream()
                    .filter(d -> fabricNamespaces.contains(d.getMetadata().getNamespace())).toList();
            List<Job> jobs = client.batch().v1().jobs().inAnyNamespace().list().getItems().stream()
                    .filter(j -> fabricNamespaces.contains(j.getMetadata().getNamespace())).toList();
            List<Pod> pods = client.pods().inAnyNamespace().list().getItems().stream()
                    .filter(p -> fabricNamespaces.contains(p.getMetadata().getNamespace())).toList();
            tally.observe(nodeClaims());
            checkPlacement(pods);
            long available = deployments.stream().filter(FleetBenchmark::available).count();
            long finished = jobs.stream().filter(FleetBenchmark::finished).count();
            long pending = pods.stream().filter(p -> p.getSpec().getNodeName() == null && "Pending".equals(p.getStatus().getPhase())).count();
            long scheduled = pods.stream().filter(p -> p.getSpec().getNodeName() != null).count();
            String signature = available + "/" + finished + "/" + jobs.size() + "/" + pending + "/" + scheduled + "/" + tally.now();
            if (!signature.equals(lastSignature)) {
                lastSignature = signature;
                lastChange = Instant.now();
            }
            if (available == deployments.size()) {
                firstReached.putIfAbsent("every Deployment available (" + deployments.size() + ")", since(applyStarted));
            }
            if (finished == jobs.size()) {
                firstReached.putIfAbsent("every Job complete (" + jobs.size() + ")", since(applyStarted));
            }
            boolean done = available == deployments.size() && finished == jobs.size() && pending == 0;
            boolean stalled = Duration.between(lastChange, Instant.now()).compareTo(stall) >= 0;
            if (done || stalled || Instant.now().isAfter(deadline)) {
                Instant at = done ? Instant.now() : lastChange;
                note("Steady state " + Duration.between(applyStarted, at).toSeconds() + " s after the first apply, "
                        + Duration.between(runsStarted, at).toSeconds() + " s after the first forced run (" + (done ? "all done" : stalled
                        ? "nothing changed for " + stall.toSeconds() + " s since" : "TIMED OUT after " + timeout.toSeconds() + " s")
                        + "): " + available + "/" + deployments.size() + " Deployments available, " + finished + "/" + jobs.size()
                        + " Jobs complete (" + jobs.stream().filter(j -> !manual(j)).count() + " made by the CronJob controller on schedule), "
                        + pods.size() + " pods, " + scheduled + " scheduled, " + pending + " Pending.");
                firstReached.forEach((what, when) -> note("  " + what + ": " + when + " s after the first apply"));
                note("  Site pods seen on a node (checked against the node's site label): " + placedPods.size()
                        + "; on another site's or no site's node: " + crossSite.size()
                        + (crossSite.isEmpty() ? "" : " " + crossSite.subList(0, Math.min(5, crossSite.size()))));
                if (!done) {
                    explain(deployments, jobs, pods);
                }
                return;
            }
            KubeApiServer.sleep(POLL);
        }
    }

    private static boolean available(Deployment d) {
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return d.getStatus() != null && d.getStatus().getAvailableReplicas() != null && d.getStatus().getAvailableReplicas() >= wanted;
    }

    private static boolean finished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> (c.getType().equals("Complete") || c.getType().equals("Failed")) && c.getStatus().equals("True"));
    }

    private static boolean manual(Job job) {
        return job.getMetadata().getAnnotations() != null && "manual".equals(job.getMetadata().getAnnotations().get("cronjob.kubernetes.io/instantiate"));
    }

    /** Every scheduled pod of a site must be on a node of that site's pool: checked once per pod, while its node exists. */
    private void checkPlacement(List<Pod> pods) {
        Map<String, Node> nodes = client.nodes().list().getItems().stream()
                .collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n));
        for (Pod pod : pods) {
            String site = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(AutoModeNodes.SITE_KEY);
            Node node = pod.getSpec().getNodeName() == null ? null : nodes.get(pod.getSpec().getNodeName());
            if (site == null || node == null || !placedPods.add(pod.getMetadata().getUid())) {
                continue;
            }
            if (!site.equals(node.getMetadata().getLabels().get(AutoModeNodes.SITE_KEY))) {
                crossSite.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " on " + node.getMetadata().getName());
            }
        }
    }

    /** What holds back what is not done, grouped by the words of the component that said so. */
    private void explain(List<Deployment> deployments, List<Job> jobs, List<Pod> pods) {
        Map<String, Integer> reasons = new TreeMap<>();
        for (Pod pod : pods) {
            if (pod.getSpec().getNodeName() == null && "Pending".equals(pod.getStatus().getPhase())) {
                String why = pod.getStatus().getConditions().stream().filter(c -> c.getType().equals("PodScheduled"))
                        .map(PodCondition::getMessage).findFirst().orElse("no PodScheduled condition");
                reasons.merge("pod Pending, scheduler: " + generic(why), 1, Integer::sum);
            }
        }
        for (Job job : jobs) {
            if (!finished(job) && (job.getStatus() == null || job.getStatus().getActive() == null || job.getStatus().getActive() == 0)) {
                reasons.merge("Job without an active pod", 1, Integer::sum);
            }
            if (job.getStatus() != null && job.getStatus().getConditions() != null) {
                for (JobCondition c : job.getStatus().getConditions()) {
                    if (c.getType().equals("Failed") && c.getStatus().equals("True")) {
                        reasons.merge("Job failed: " + c.getReason() + " " + generic(c.getMessage()), 1, Integer::sum);
                    }
                }
            }
        }
        deployments.stream().filter(d -> !available(d)).forEach(d -> reasons.merge("Deployment not available: "
                + (d.getStatus() == null || d.getStatus().getConditions() == null ? "no status" : d.getStatus().getConditions().stream()
                .map(c -> c.getType() + "=" + c.getStatus() + " " + generic(c.getMessage())).collect(Collectors.joining("; "))), 1, Integer::sum));
        for (Event event : client.v1().events().inAnyNamespace().list().getItems()) {
            String source = event.getSource() == null ? "" : String.valueOf(event.getSource().getComponent());
            if (!"Normal".equals(event.getType()) || source.equals("karpenter")) {
                if (event.getReason() != null && (event.getReason().equals("FailedCreate") || source.equals("karpenter")
                        || event.getReason().equals("FailedScheduling"))) {
                    reasons.merge("event " + event.getInvolvedObject().getKind() + " " + event.getReason() + " (" + source + "): "
                            + generic(event.getMessage()), 1, Integer::sum);
                }
            }
        }
        reasons.forEach((why, n) -> note("  " + n + " x " + why));
    }

    /** A message with its names and numbers blurred, so that like messages group. */
    private static String generic(String message) {
        if (message == null) {
            return "";
        }
        String m = message.replaceAll("site\\d{3}", "siteN").replaceAll("\\b\\d+(\\.\\d+)?\\b", "N")
                .replaceAll("[a-z0-9-]+-[a-z0-9]{5}\\b", "NAME");
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    // --- nodes and usage -----------------------------------------------------------------------

    private List<GenericKubernetesResource> nodeClaims() {
        return client.genericKubernetesResources(NodeTally.NODE_CLAIM_API, "NodeClaim").list().getItems();
    }

    private Map<String, Integer> nowByPool() {
        Map<String, Integer> now = new HashMap<>();
        tally.pools().forEach((name, pool) -> now.put(name, pool.now));
        return now;
    }

    private void nodes(RenderedCluster cluster, CostModelNodes costModel, Map<String, Integer> atSteady, Duration settle) {
        Map<String, String> siteOfPool = new HashMap<>();
        for (Manifest pool : cluster.of("NodePool")) {
            String site = pool.layer() == Layer.SITE_INSTANCE ? pool.site() : "";
            siteOfPool.put(pool.name(), site);
        }
        note("");
        note("Nodes per NodePool: made = NodeClaims Karpenter created over the run; peak = most at once (their vCPU); "
                + "steady = at steady state; settled = " + settle.toSeconds() + " s later (consolidation). Cost model: its "
                + "reference node is an m6i.large (2 vCPU, 8 GiB); a site's Deployments' pods take alwaysOn of them around the "
                + "clock, one run of every CronJob at once adds up to oneRunEach; the platform pool bills whole nodes.");
        note("");
        note("| pool | site | made | peak (vCPU) | steady | settled (vCPU) | instance types (capacity type) | cost model: alwaysOn | oneRunEach |");
        note("|---|---|---|---|---|---|---|---|---|");
        int made = 0;
        int[] sites = new int[4];
        double[] siteVcpu = new double[4];
        double[] modelNodes = new double[2];
        Map<String, NodeTally.Pool> pools = new TreeMap<>(tally.pools());
        siteOfPool.keySet().forEach(name -> pools.computeIfAbsent(name, k -> new NodeTally.Pool()));
        for (Map.Entry<String, NodeTally.Pool> entry : pools.entrySet()) {
            String name = entry.getKey();
            NodeTally.Pool pool = entry.getValue();
            String site = siteOfPool.getOrDefault(name, "");
            made += pool.made.size();
            if (!site.isEmpty()) {
                sites[0] += pool.made.size();
                sites[1] += pool.peak;
                siteVcpu[1] += pool.peakVcpu;
                sites[2] += atSteady.getOrDefault(name, 0);
                sites[3] += pool.now;
                siteVcpu[3] += pool.nowVcpu;
                modelNodes[0] += costModel.alwaysOn(site);
                modelNodes[1] += costModel.oneRunEach(site);
            }
            String model = site.isEmpty()
                    ? (name.equals("meltanodata-platform") ? String.format("%.0f whole | -", costModel.platformNodes()) : "- | -")
                    : String.format("%.2f | %.2f", costModel.alwaysOn(site), costModel.oneRunEach(site));
            note(String.format("| %s | %s | %d | %d (%.0f) | %d | %d (%.0f) | %s | %s |", name, site, pool.made.size(), pool.peak,
                    pool.peakVcpu, atSteady.getOrDefault(name, 0), pool.now, pool.nowVcpu, String.join(", ", pool.instanceTypes), model));
        }
        note(String.format("| all site pools | %d | %d | %d (%.0f) | %d | %d (%.0f) | | %.2f | %.2f |", costModel.sites().size(), sites[0],
                sites[1], siteVcpu[1], sites[2], sites[3], siteVcpu[3], modelNodes[0], modelNodes[1]));
        note("");
        note("Karpenter made " + made + " nodes in all; " + tally.now() + " remain after settling.");
    }

    /** Karpenter's "could not schedule pod" errors, by cause other than a taint the pod does not tolerate. */
    private void karpenterRefusals(Path log) throws IOException {
        Map<String, Integer> causes = new TreeMap<>();
        int errors = 0;
        for (String line : Files.readAllLines(log)) {
            if (!line.contains("\"could not schedule pod\"")) {
                continue;
            }
            errors++;
            Matcher m = Pattern.compile("\\{\"error\":\"([^\"]+)\"\\}").matcher(line);
            while (m.find()) {
                if (!m.group(1).startsWith("did not tolerate taint")) {
                    causes.merge(generic(m.group(1)), 1, Integer::sum);
                }
            }
        }
        note("");
        note("Karpenter logged \"could not schedule pod\" " + errors + " times (a pod waits for capacity; the provisioner "
                + "tries again); causes besides other pools' taints: " + causes);
    }

    private void usage() {
        note("");
        note("| component | peak memory (VmHWM) | CPU time (user + sys) |");
        note("|---|---|---|");
        for (ComponentUsage usage : ComponentUsage.now()) {
            note(String.format("| %s | %d MiB | %.0f s |", usage.name(), usage.peakMiB(), usage.cpuSeconds()));
        }
        note("Wall time of the whole benchmark " + since(started) + " s; load average " + ComponentUsage.loadAverage() + " at the end.");
    }

    // --- helpers -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<String> builtInPools(List<LayerRendering> stacks) {
        for (LayerRendering stack : stacks) {
            if (stack.layer() == Layer.SERVICE_FABRIC && stack.rendering().stack().equals(RenderedCluster.FABRIC)) {
                for (RecordedResource r : stack.rendering().resources()) {
                    if (r.type().equals("aws:eks/cluster:Cluster")) {
                        return (List<String>) ((Map<String, Object>) r.inputs().get("computeConfig")).get("nodePools");
                    }
                }
            }
        }
        throw new IllegalStateException("no aws:eks/cluster:Cluster rendered for fabric " + RenderedCluster.FABRIC);
    }

    private static long count(List<LayerRendering> stacks, Layer layer) {
        return stacks.stream().filter(s -> s.layer() == layer).count();
    }

    private static String kinds(List<Manifest> manifests) {
        return manifests.stream().collect(Collectors.groupingBy(Manifest::kind, TreeMap::new, Collectors.counting())).toString();
    }

    private static long seconds(long nanoStart) {
        return Duration.ofNanos(System.nanoTime() - nanoStart).toSeconds();
    }

    private static long since(Instant start) {
        return Duration.between(start, Instant.now()).toSeconds();
    }

    private synchronized void note(String line) {
        report.add(line);
        System.out.println(line);
    }
}
