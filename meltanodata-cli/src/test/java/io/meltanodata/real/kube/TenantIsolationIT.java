package io.meltanodata.real.kube;

import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.siteinstances.SiteDeployers;
import io.meltanodata.testing.RealTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real kube-apiserver judges the site boundary. The Kubernetes objects of fabric {@code dev}
 * (two sites, each with a project and two environments), rendered offline by the real layer
 * programs, are applied in dependency order, as Pulumi would: layers 1 and 2 by the platform
 * admin, each site's environments by the site's deployers (its projects' CI roles). Then every
 * case of the isolation matrix is sent as the principal it names, and RBAC, the
 * ValidatingAdmissionPolicies and Pod Security answer. The matrix goes to
 * {@code target/isolation-matrix.md}; any answer other than the expected one fails the suite.
 *
 * <p>The cluster is a real control plane ({@link ControlPlane}): kube-controller-manager creates
 * each namespace's {@code default} ServiceAccount, aggregates the built-in roles, computes quota
 * usage (ResourceQuota admission is on, so every pod the matrix creates counts against its
 * namespace's quota), rolls the rendered Deployments out and runs the Jobs the matrix creates; the
 * scheduler places their pods on nodes Karpenter made from the sites' NodePools. The controllers'
 * own requests (the Jobs a CronJob makes, the pods of a Job or ReplicaSet) are sent by the matrix
 * as those controllers' identities, since kube-controller-manager here runs with one credential
 * ({@code --use-service-account-credentials=false}); the Jobs it sends as the CronJob controller
 * are dry runs, so that only the pods the matrix names (one per workload) use the quota.
 */
class TenantIsolationIT {
    static final Path MATRIX = Path.of("target", "isolation-matrix.md");
    static final List<String> KIND_ORDER = List.of(
            "CustomResourceDefinition", "Namespace", "ClusterRole", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "ClusterRoleBinding", "IngressClassParams", "IngressClass", "NodeClass",
            "NodePool", "Role", "RoleBinding", "ServiceAccount", "ResourceQuota", "LimitRange", "NetworkPolicy",
            "ConfigMap", "Service", "Deployment", "CronJob", "Ingress");
    static final Principal JOB_CONTROLLER = Principal.controller("job-controller");
    static final Principal REPLICASET_CONTROLLER = Principal.controller("replicaset-controller");
    static final Principal CRONJOB_CONTROLLER = Principal.controller("cronjob-controller");

    static final IsolationMatrix MATRIX_ROWS = new IsolationMatrix();
    static KubeApiServer server;
    static ControlPlane controlPlane;
    static ClusterSession session;
    static RenderedCluster cluster;
    static long suiteStarted;
    static List<String> notes = new ArrayList<>();

    @BeforeAll
    static void startAndApply(@TempDir Path scratch) {
        suiteStarted = System.nanoTime();
        cluster = RenderedCluster.render(RealTools.repositoryRoot(), scratch.resolve("repository"));
        Path work = Path.of("target", "kube-apiserver-it");
        server = KubeApiServer.startForControlPlane(work);
        session = new ClusterSession(server);
        installEksCustomResources();
        controlPlane = ControlPlane.start(server, work.resolve("control-plane"), cluster.builtInNodePools());
        notes.add("kube-apiserver " + server.admin().getKubernetesVersion().getGitVersion() + " + etcd, started in "
                + server.startupTime().toMillis() + " ms, and its control plane in " + controlPlane.startupTime().toMillis()
                + " ms; " + cluster.manifests().size() + " rendered objects of fabric " + RenderedCluster.FABRIC + ", sites "
                + cluster.sites() + ".");
        applyLayer(Layer.SERVICE_FABRIC);
        applyLayer(Layer.SITE_INSTANCE);
        for (String site : cluster.sites()) {
            awaitDenial(deployers(site), ApiRequest.create("namespaces", "", namespaceClaiming("probe-" + site, other(site))).dryRun(),
                    Verdict.policy(SiteDeployers.group(site)));
        }
        applyLayer(Layer.ACTIVATED_ENVIRONMENT);
        for (String site : cluster.sites()) {
            String namespace = cluster.namespaces(site).get(0);
            awaitDenial(JOB_CONTROLLER, ApiRequest.create("pods", namespace,
                    Workloads.pod(cronJobs(namespace).get(0), "probe", spec -> spec.remove("nodeSelector"))).dryRun(),
                    Verdict.policy(podPolicy(site)));
        }
    }

    @AfterAll
    static void stopAndWrite() {
        try {
            if (controlPlane != null) {
                controlPlane.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            notes.add("Suite wall time " + Duration.ofNanos(System.nanoTime() - suiteStarted).toSeconds() + " s.");
            MATRIX_ROWS.write(MATRIX, notes);
            System.out.println("TenantIsolationIT: " + MATRIX_ROWS.summary() + "; " + String.join(" ", notes)
                    + " Matrix: " + MATRIX.toAbsolutePath());
        }
    }

    @Test
    void everyRenderedObjectIsAcceptedWhereItsLayerAppliesIt() {
        List<IsolationMatrix.Row> rejected = MATRIX_ROWS.rows().stream()
                .filter(r -> r.verb().equals("apply") && !r.matches()).toList();
        assertEquals(List.of(), rejected);
        assertEquals(cluster.manifests().size(), MATRIX_ROWS.rows().stream().filter(r -> r.verb().equals("apply")).count());
    }

    /**
     * Each environment's rendered ResourceQuota is counted by kube-controller-manager's quota
     * controller, not by the test: its status carries the rendered hard limits and, as used pods,
     * the pods in the namespace that have not ended (those the Deployments' ReplicaSets made, and
     * any the matrix has created by then).
     */
    @Test
    void eachEnvironmentsQuotaCountsItsPodsThroughTheQuotaController() {
        for (Manifest rendered : cluster.of("ResourceQuota")) {
            Map<String, String> hard = new java.util.TreeMap<>();
            ((Map<?, ?>) ((Map<?, ?>) rendered.object().get("spec")).get("hard")).forEach((k, v) -> hard.put(String.valueOf(k), String.valueOf(v)));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            String last = "";
            while (true) {
                var quota = server.admin().resourceQuotas().inNamespace(rendered.namespace()).withName(rendered.name()).get();
                long pods = server.admin().pods().inNamespace(rendered.namespace()).list().getItems().stream()
                        .filter(p -> !List.of("Succeeded", "Failed").contains(String.valueOf(p.getStatus().getPhase()))).count();
                var status = quota.getStatus();
                last = status == null ? "no status" : "hard " + status.getHard() + ", used " + status.getUsed() + ", pods " + pods;
                if (status != null && status.getHard() != null && status.getUsed() != null && status.getUsed().get("pods") != null
                        && hard.equals(new java.util.TreeMap<>(status.getHard().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()))))
                        && status.getUsed().get("pods").toString().equals(String.valueOf(pods))) {
                    break;
                }
                controlPlane.assertRunning();
                assertTrue(System.nanoTime() < deadline, rendered.describe() + " not counted after 2 minutes (rendered hard "
                        + hard + "): " + last);
                KubeApiServer.sleep(Duration.ofMillis(500));
            }
        }
    }

    @Test
    void eachSiteIsKeptToItsOwnNamespacesAndItsOwnRules() {
        defaultServiceAccounts();
        systemWorkloadsRun();
        for (String site : cluster.sites()) {
            workloadsRun(site);
        }
        for (String site : cluster.sites()) {
            crossSite(site, other(site));
            ownNamespaces(site, other(site));
            positiveControls(site);
        }
        List<IsolationMatrix.Row> mismatches = MATRIX_ROWS.mismatches();
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches (see " + MATRIX + "):\n"
                + String.join("\n", mismatches.stream().map(Object::toString).toList()));
        assertEquals(List.of(), validationsThatDecidedNothing(),
                "every CEL validation of every policy must have compiled, run and denied at least one request");
    }

    /**
     * The API server compiles a policy's CEL when it loads it; a validation is shown to compile and
     * to mean what it says only when it denies a request with its own message. The ones that never did.
     */
    @SuppressWarnings("unchecked")
    static List<String> validationsThatDecidedNothing() {
        List<String> silent = new ArrayList<>();
        for (Manifest policy : cluster.of("ValidatingAdmissionPolicy")) {
            List<Map<String, Object>> validations = (List<Map<String, Object>>) ((Map<String, Object>) policy.object().get("spec"))
                    .get("validations");
            for (Map<String, Object> validation : validations) {
                String prefix = "ValidatingAdmissionPolicy '" + policy.name() + "' with binding '" + policy.name()
                        + "' denied request: " + validation.get("message");
                if (MATRIX_ROWS.rows().stream().noneMatch(r -> r.matches() && r.actual().reason().contains(prefix))) {
                    silent.add(policy.name() + ": " + validation.get("expression"));
                }
            }
        }
        return silent;
    }

    // --- applying the rendered objects -------------------------------------------------------

    static void installEksCustomResources() {
        for (EksCustomResources.Kind kind : EksCustomResources.KINDS) {
            Verdict verdict = session.apply(ClusterSession.PLATFORM, EksCustomResources.definition(kind));
            assertEquals(Verdict.ALLOWED, verdict.outcome(), kind + ": " + verdict.reason());
        }
        server.admin().apiextensions().v1().customResourceDefinitions().list().getItems().forEach(crd ->
                server.admin().apiextensions().v1().customResourceDefinitions().resource(crd)
                        .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                                .anyMatch(x -> x.getType().equals("Established") && x.getStatus().equals("True")), 30,
                                java.util.concurrent.TimeUnit.SECONDS));
        notes.add("EKS-provided custom resources (NodeClass, IngressClassParams) are stand-ins that keep any spec: those"
                + " objects' specs are not validated here; NodePool is Karpenter's own definition.");
    }

    static void applyLayer(Layer layer) {
        List<Manifest> manifests = cluster.manifests().stream().filter(m -> m.layer() == layer)
                .sorted(Comparator.comparing(Manifest::stack).thenComparingInt(TenantIsolationIT::rank)).toList();
        for (Manifest manifest : manifests) {
            Principal principal = layer == Layer.ACTIVATED_ENVIRONMENT ? deployers(manifest.site()) : ClusterSession.PLATFORM;
            ApiRequest request = new ApiRequest("apply", manifest.kind(), manifest.namespace(), manifest.name(), "PATCH",
                    "", "application/apply-patch+yaml", "");
            MATRIX_ROWS.add(principal, request, Verdict.ALLOWED, session.apply(principal, manifest.object()));
        }
    }

    static int rank(Manifest manifest) {
        int rank = KIND_ORDER.indexOf(manifest.kind());
        if (rank < 0) {
            throw new IllegalStateException(manifest.describe() + ": kind not in KIND_ORDER; place it in the apply order");
        }
        return rank;
    }

    /** Policy bindings take effect a moment after they are stored: send the probe until the policy answers. */
    static void awaitDenial(Principal principal, ApiRequest probe, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Verdict last;
        do {
            last = session.send(principal, probe);
            if (last.outcome().equals(expected)) {
                return;
            }
            KubeApiServer.sleep(Duration.ofMillis(250));
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("policy not in effect after 30 s: " + probe.verb() + " " + probe.what() + " as "
                + principal.label() + " expected " + expected + ", got " + last);
    }

    // --- the matrix ----------------------------------------------------------------------------

    /**
     * kube-controller-manager's service-account controller gives every namespace the
     * {@code default} ServiceAccount, which pods that name none run as: wait until each has it.
     */
    static void defaultServiceAccounts() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (Manifest namespace : cluster.of("Namespace")) {
            while (server.admin().serviceAccounts().inNamespace(namespace.name()).withName("default").get() == null) {
                controlPlane.assertRunning();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no default ServiceAccount in " + namespace.name() + " after 2 minutes; logs in "
                            + controlPlane.workDir().toAbsolutePath());
                }
                KubeApiServer.sleep(Duration.ofMillis(250));
            }
        }
    }

    /** The fabric's own workloads (the API) pass Pod Security in their namespace too. */
    static void systemWorkloadsRun() {
        for (Manifest deployment : cluster.of("Deployment").stream().filter(m -> m.layer() == Layer.SERVICE_FABRIC).toList()) {
            check(REPLICASET_CONTROLLER, ApiRequest.create("pods", deployment.namespace(),
                    Workloads.pod(deployment, podName(deployment), s -> { })), Verdict.ALLOWED);
        }
    }

    static void workloadsRun(String site) {
        for (String namespace : cluster.namespaces(site)) {
            for (String kind : List.of("Secret", "ConfigMap")) {
                Map<String, Object> probe = Workloads.object("v1", kind, new LinkedHashMap<>(Map.of("name", "probe", "namespace", namespace)), null);
                probe.put("data", Map.of("k", "dmFsdWU="));
                assertEquals(Verdict.ALLOWED, session.apply(ClusterSession.PLATFORM, probe).outcome());
            }
            for (Manifest cronJob : cronJobs(namespace)) {
                check(CRONJOB_CONTROLLER, ApiRequest.create("jobs", namespace, Workloads.job(cronJob, runName(cronJob))).dryRun(),
                        Verdict.ALLOWED);
                check(JOB_CONTROLLER, ApiRequest.create("pods", namespace, Workloads.pod(cronJob, podName(cronJob), s -> { })), Verdict.ALLOWED);
            }
            for (Manifest deployment : workloads(namespace, "Deployment")) {
                check(REPLICASET_CONTROLLER, ApiRequest.create("pods", namespace, Workloads.pod(deployment, podName(deployment), s -> { })),
                        Verdict.ALLOWED);
            }
        }
    }

    /** Site {@code a}'s people, deployers and service accounts get nothing in site {@code b}'s namespaces. */
    static void crossSite(String a, String b) {
        for (Principal principal : principals(a)) {
            // The deployers may create RoleBindings anywhere as far as RBAC goes; their policy stops them.
            String bindings = principal.equals(deployers(a)) ? Verdict.policy(SiteDeployers.group(a)) : Verdict.RBAC;
            for (String namespace : cluster.namespaces(b)) {
                Manifest cronJob = cronJobs(namespace).get(0);
                Map<String, String> names = Map.of("secrets", "probe", "configmaps", "probe", "pods", podName(cronJob),
                        "jobs", runName(cronJob), "cronjobs", cronJob.name());
                for (String resource : List.of("secrets", "configmaps", "pods", "jobs", "cronjobs")) {
                    check(principal, ApiRequest.get(resource, namespace, names.get(resource)), Verdict.RBAC);
                    check(principal, ApiRequest.list(resource, namespace), Verdict.RBAC);
                    check(principal, ApiRequest.watch(resource, namespace), Verdict.RBAC);
                }
                check(principal, ApiRequest.create("pods", namespace, Workloads.pod(cronJob, "intruder-" + rowId(), s -> { })), Verdict.RBAC);
                check(principal, ApiRequest.create("jobs", namespace, Workloads.job(cronJob, "intruder-" + rowId())), Verdict.RBAC);
                check(principal, ApiRequest.exec(namespace, podName(cronJob)), Verdict.RBAC);
                check(principal, ApiRequest.log(namespace, podName(cronJob)), Verdict.RBAC);
                check(principal, ApiRequest.delete("networkpolicies", namespace, "default-deny"), Verdict.RBAC);
                check(principal, ApiRequest.create("rolebindings", namespace,
                        roleBinding("intruder-" + rowId(), namespace, clusterRole(a, "admin"), group(a, "admin"))), bindings);
            }
        }
    }

    /** In its own namespaces a site still cannot break out: pods, namespace labels, role bindings. */
    static void ownNamespaces(String a, String b) {
        Manifest foreign = cronJobs(cluster.namespaces(b).get(0)).get(0);
        String foreignImage = Workloads.image(foreign);
        Map<String, Consumer<Map<String, Object>>> policyBreaks = new LinkedHashMap<>();
        policyBreaks.put("without the site's nodeSelector", spec -> spec.remove("nodeSelector"));
        policyBreaks.put("with site " + b + "'s nodeSelector", spec -> spec.put("nodeSelector", Map.of(Manifest.SITE_LABEL, b)));
        policyBreaks.put("without the site's toleration", spec -> spec.remove("tolerations"));
        policyBreaks.put("with spec.nodeName", spec -> spec.put("nodeName", "ip-10-0-1-1.eu-west-1.compute.internal"));
        policyBreaks.put("with an image of site " + b, spec -> Workloads.firstContainer(spec).put("image", foreignImage));
        policyBreaks.put("with an init container image of site " + b, spec -> Workloads.firstInitContainer(spec).put("image", foreignImage));
        Map<String, Consumer<Map<String, Object>>> podSecurityBreaks = new LinkedHashMap<>();
        podSecurityBreaks.put("privileged", spec -> {
            Map<String, Object> context = Workloads.securityContext(Workloads.firstContainer(spec));
            context.remove("allowPrivilegeEscalation");
            context.put("privileged", true);
        });
        podSecurityBreaks.put("as root", spec -> {
            Map<String, Object> context = Workloads.securityContext(Workloads.firstContainer(spec));
            context.put("runAsNonRoot", false);
            context.put("runAsUser", 0);
        });
        podSecurityBreaks.put("with a hostPath volume", spec -> volumes(spec).add(Map.of("name", "host", "hostPath", Map.of("path", "/"))));
        podSecurityBreaks.put("with hostNetwork", spec -> spec.put("hostNetwork", true));
        podSecurityBreaks.put("adding capability NET_ADMIN", spec -> Workloads.securityContext(Workloads.firstContainer(spec))
                .put("capabilities", Map.of("drop", List.of("ALL"), "add", List.of("NET_ADMIN"))));

        for (String namespace : cluster.namespaces(a)) {
            Manifest cronJob = cronJobs(namespace).get(0);
            policyBreaks.forEach((what, change) -> check(JOB_CONTROLLER, ApiRequest.create("pods", namespace,
                    Workloads.pod(cronJob, "pod-" + rowId(), change)), Verdict.policy(podPolicy(a)), what));
            podSecurityBreaks.forEach((what, change) -> check(JOB_CONTROLLER, ApiRequest.create("pods", namespace,
                    Workloads.pod(cronJob, "pod-" + rowId(), change)), Verdict.POD_SECURITY, what));

            Map<String, Object> dropEnforce = Map.of("metadata", Map.of("labels", labelsWithNull("pod-security.kubernetes.io/enforce")));
            Map<String, Object> claimOther = Map.of("metadata", Map.of("labels", Map.of(Manifest.SITE_LABEL, b)));
            for (Principal principal : List.of(deployers(a), siteGroup(a, "admin"))) {
                String expected = principal.equals(deployers(a)) ? Verdict.policy(SiteDeployers.group(a)) : Verdict.RBAC;
                check(principal, ApiRequest.mergePatch("namespaces", "", namespace, dropEnforce), expected, "drop pod-security enforce");
                check(principal, ApiRequest.mergePatch("namespaces", "", namespace, claimOther), expected, "relabel as site " + b);
            }
            // Binding more than the site's templates: RBAC's escalation check, also for the built-in
            // admin role, whose rules kube-controller-manager's aggregation controller fills in.
            for (String role : List.of("cluster-admin", "admin", "system:controller:job-controller", clusterRole(b, "admin"))) {
                check(deployers(a), ApiRequest.create("rolebindings", namespace,
                        roleBinding("escalate-" + rowId(), namespace, role, group(a, "admin"))), Verdict.RBAC, "bind " + role);
            }
            check(siteGroup(a, "admin"), ApiRequest.create("rolebindings", namespace,
                    roleBinding("escalate-" + rowId(), namespace, clusterRole(a, "admin"), group(a, "developer"))), Verdict.RBAC);
        }
        for (Principal principal : List.of(siteGroup(a, "admin"), deployers(a))) {
            String expected = principal.equals(deployers(a)) ? Verdict.policy(SiteDeployers.group(a)) : Verdict.RBAC;
            check(principal, ApiRequest.create("namespaces", "", namespaceClaiming(a + "-claims-" + b + "-" + rowId(), b)), expected,
                    "labelled site " + b);
        }
    }

    /** What each site's people and pipelines must still be able to do in their own namespaces. */
    static void positiveControls(String a) {
        for (String namespace : cluster.namespaces(a)) {
            Manifest cronJob = cronJobs(namespace).get(0);
            for (Map.Entry<String, String> group : cluster.groups(a).entrySet()) {
                Principal principal = siteGroup(a, group.getKey());
                String role = cluster.roleOf(group.getValue(), namespace);
                boolean reads = !role.isEmpty();
                boolean runs = role.equals(clusterRole(a, "developer")) || role.equals(clusterRole(a, "admin"));
                String read = reads ? Verdict.ALLOWED : Verdict.RBAC;
                String note = role.isEmpty() ? "not bound here" : "bound to " + role;
                check(principal, ApiRequest.get("pods", namespace, podName(cronJob)), read, note);
                check(principal, ApiRequest.list("pods", namespace), read, note);
                check(principal, ApiRequest.watch("pods", namespace), read, note);
                check(principal, ApiRequest.log(namespace, podName(cronJob)), read, note);
                check(principal, ApiRequest.create("jobs", namespace, Workloads.job(cronJob, "manual-" + rowId())),
                        runs ? Verdict.ALLOWED : Verdict.RBAC, note);
                check(principal, ApiRequest.get("secrets", namespace, "probe"), Verdict.RBAC, "no level reads Secrets");
                check(principal, ApiRequest.exec(namespace, podName(cronJob)), Verdict.RBAC, "no level execs");
            }
            check(deployers(a), ApiRequest.get("cronjobs", namespace, cronJob.name()), Verdict.ALLOWED);
            check(deployers(a), ApiRequest.list("networkpolicies", namespace), Verdict.ALLOWED);
            check(deployers(a), ApiRequest.get("secrets", namespace, "probe"), Verdict.RBAC);
            check(deployers(a), ApiRequest.list("namespaces", ""), Verdict.ALLOWED,
                    "every namespace's metadata, by design: Pulumi reads the namespaces it creates");
            Principal serviceAccount = serviceAccounts(a).stream().filter(p -> p.user().contains(":" + namespace + ":")).findFirst().orElseThrow();
            check(serviceAccount, ApiRequest.get("secrets", namespace, "probe"), Verdict.RBAC, "runs need no Kubernetes API");
            check(serviceAccount, ApiRequest.list("pods", namespace), Verdict.RBAC, "runs need no Kubernetes API");
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    static int rows;

    static String rowId() {
        return String.valueOf(++rows);
    }

    static void check(Principal principal, ApiRequest request, String expected) {
        check(principal, request, expected, "");
    }

    static void check(Principal principal, ApiRequest request, String expected, String what) {
        Verdict verdict = session.send(principal, request);
        ApiRequest shown = what.isEmpty() ? request
                : new ApiRequest(request.verb(), request.what() + " (" + what + ")", request.namespace(), "", request.method(),
                request.path(), request.contentType(), request.body());
        MATRIX_ROWS.add(principal, shown, expected, verdict);
    }

    static List<Principal> principals(String site) {
        List<Principal> principals = new ArrayList<>();
        cluster.groups(site).keySet().forEach(g -> principals.add(siteGroup(site, g)));
        principals.add(deployers(site));
        principals.addAll(serviceAccounts(site));
        return principals;
    }

    static Principal siteGroup(String site, String group) {
        return Principal.group(site, group, cluster.groups(site).get(group));
    }

    static String group(String site, String group) {
        return cluster.groups(site).get(group);
    }

    static Principal deployers(String site) {
        return new Principal(site + " deployers", site + "-project-deploy-role", List.of(SiteDeployers.group(site)));
    }

    static List<Principal> serviceAccounts(String site) {
        return cluster.of("ServiceAccount").stream().filter(m -> m.site().equals(site))
                .map(m -> Principal.serviceAccount(m.namespace(), m.name())).toList();
    }

    static String clusterRole(String site, String level) {
        @SuppressWarnings("unchecked")
        Map<String, Object> roles = (Map<String, Object>) cluster.outputs(Layer.SITE_INSTANCE, site).get("clusterRoles");
        return String.valueOf(roles.get(level));
    }

    static String podPolicy(String site) {
        return cluster.of("ValidatingAdmissionPolicy").stream().filter(m -> m.site().equals(site) && m.resource().equals("pod-policy"))
                .findFirst().orElseThrow().name();
    }

    static String other(String site) {
        return cluster.sites().stream().filter(s -> !s.equals(site)).findFirst().orElseThrow();
    }

    static List<Manifest> cronJobs(String namespace) {
        return workloads(namespace, "CronJob");
    }

    static List<Manifest> workloads(String namespace, String kind) {
        return cluster.of(kind).stream().filter(m -> m.namespace().equals(namespace)).toList();
    }

    static String podName(Manifest workload) {
        return workload.name() + "-pod";
    }

    static String runName(Manifest cronJob) {
        return cronJob.name() + "-run";
    }

    @SuppressWarnings("unchecked")
    static List<Object> volumes(Map<String, Object> spec) {
        List<Object> volumes = new ArrayList<>((List<Object>) spec.getOrDefault("volumes", List.of()));
        spec.put("volumes", volumes);
        return volumes;
    }

    static Map<String, Object> labelsWithNull(String key) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put(key, null);
        return labels;
    }

    static Map<String, Object> namespaceClaiming(String name, String site) {
        Map<String, Object> labels = new LinkedHashMap<>(Map.of(Manifest.SITE_LABEL, site,
                "pod-security.kubernetes.io/enforce", "restricted"));
        return Workloads.object("v1", "Namespace", new LinkedHashMap<>(Map.of("name", name, "labels", labels)), null);
    }

    static Map<String, Object> roleBinding(String name, String namespace, String clusterRole, String group) {
        Map<String, Object> binding = Workloads.object("rbac.authorization.k8s.io/v1", "RoleBinding",
                new LinkedHashMap<>(Map.of("name", name, "namespace", namespace)), null);
        binding.put("roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", clusterRole));
        binding.put("subjects", List.of(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Group", "name", group)));
        return binding;
    }
}
