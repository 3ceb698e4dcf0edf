package io.meltanodata.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meltanodata.components.Json;
import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.components.kubernetes.ClusterNetwork;
import io.meltanodata.preview.RecordedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.meltanodata.policy.PolicyRule.ofType;
import static io.meltanodata.policy.PolicyRule.perResource;

/**
 * What EKS Auto Mode needs before anything rendered actually runs, as AWS documents it and no
 * double here enforces: a node pool for every pod, the add-on's pods included; permission for the
 * cluster role to tag what the NodeClasses tag; NetworkPolicies switched on; DNS admitted where
 * Auto Mode answers it.
 */
final class AutoModeRules {
    static final String CLUSTER = "aws:eks/cluster:Cluster";
    static final String NODE_CLASS = "kubernetes:eks.amazonaws.com/v1:NodeClass";
    static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    static final String ADDON = "aws:eks/addon:Addon";
    static final String OBSERVABILITY = "amazon-cloudwatch-observability";
    static final Set<String> NETWORK_POLICY_MODES = Set.of("DefaultAllow", "DefaultDeny");

    private AutoModeRules() {
    }

    static List<PolicyRule> all() {
        return List.of(everyWorkloadHasAPool(), everyPodFitsItsSitesLargestNode(), theObservabilityAddOnRunsEverywhere(), tagsMayBeApplied(),
                networkPoliciesAreEnforced(), dnsReachesTheNodeLocalResolver());
    }

    /** SCHED-001: each Deployment and CronJob fits a pool of the run; the fabric's never a site's. */
    static PolicyRule everyWorkloadHasAPool() {
        return PolicyRule.of("SCHED-001", "every workload has a node pool it can run on (the fabric's never a site's)", context -> {
            NodePools pools = NodePools.of(context);
            Set<String> renderedSites = context.stacks().stream().filter(s -> s.layer() == Layer.SITE_INSTANCE)
                    .map(PolicyContext.Stack::name).collect(java.util.stream.Collectors.toSet());
            List<Finding> findings = new ArrayList<>();
            for (PolicyContext.Stack stack : context.stacks()) {
                if (stack.isTenant() && !renderedSites.contains(stack.site().orElseThrow())) {
                    continue; // the site's pool is not in this run
                }
                for (RecordedResource r : stack.rendering().rendering().resources()) {
                    if (!ofType("kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:CronJob").test(r)) {
                        continue;
                    }
                    String spec = r.type().endsWith("CronJob") ? TenantIsolationRules.POD_TEMPLATE : "spec.template.spec";
                    Map<String, Object> selector = NodePools.map(Inputs.get(r, spec + ".nodeSelector").orElse(Map.of()));
                    List<?> tolerations = Inputs.list(r, spec + ".tolerations");
                    fit(pools, stack, selector, tolerations).ifPresent(message ->
                            findings.add(new Finding("SCHED-001", stack.name(), r.type(), r.name(), message)));
                }
            }
            return findings;
        });
    }

    /**
     * SCHED-003: each tenant pod's CPU request (its containers' requests summed; Layer 4's
     * {@code quota.podCpu}) is at most the vCPUs of its site's largest node (Layer 2's
     * {@code nodeMaxCpu}, the pool's {@code eks.amazonaws.com/instance-cpu} requirement): a pod
     * larger than every node the pool may launch stays Pending (Kubernetes, "Resource Management for
     * Pods and Containers": the scheduler places a pod only where the requests fit the node). Layer 4
     * cannot see Layer 2's config, so this is checked over the run. The comparison is with the full
     * vCPU count: AWS documents no CPU reservation of Auto Mode nodes, so a pod right at the cap
     * passes here although the kubelet's reservation keeps some of the node from it.
     */
    static PolicyRule everyPodFitsItsSitesLargestNode() {
        return PolicyRule.of("SCHED-003", "every tenant pod's CPU request fits its site's largest node", context -> {
            NodePools pools = NodePools.of(context);
            List<Finding> findings = new ArrayList<>();
            for (PolicyContext.Stack stack : context.stacks()) {
                if (!stack.isTenant()) {
                    continue;
                }
                String site = stack.site().orElseThrow();
                Optional<NodePools.Pool> pool = pools.pools().stream().filter(p -> p.isSite(site) && p.maxCpu().isPresent()).findFirst();
                if (pool.isEmpty()) {
                    continue; // the site's pool is not in this run, or it does not cap node sizes
                }
                int maxCpu = pool.get().maxCpu().orElseThrow();
                for (RecordedResource r : stack.rendering().rendering().resources()) {
                    if (!ofType("kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:CronJob").test(r)) {
                        continue;
                    }
                    String spec = r.type().endsWith("CronJob") ? TenantIsolationRules.POD_TEMPLATE : "spec.template.spec";
                    double cpu = Inputs.list(r, spec + ".containers").stream()
                            .mapToDouble(c -> cpu(NodePools.map(NodePools.map(NodePools.map(c).get("resources")).get("requests")).get("cpu")))
                            .sum();
                    if (cpu > maxCpu) {
                        findings.add(new Finding("SCHED-003", stack.name(), r.type(), r.name(), "its pods request "
                                + cpuText(cpu) + " vCPU, more than the " + maxCpu + " of site " + site + "'s largest node (pool "
                                + pool.get().name() + "): they stay Pending; lower the environment's quota.podCpu or raise the "
                                + "site's nodeMaxCpu"));
                    }
                }
            }
            return findings;
        });
    }

    /** A CPU quantity ({@code 2}, {@code 1.5}, {@code 500m}) in vCPUs; 0 when absent or unreadable. */
    static double cpu(Object quantity) {
        if (quantity == null) {
            return 0;
        }
        String text = String.valueOf(quantity).trim();
        try {
            return text.endsWith("m") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 1000 : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String cpuText(double cpu) {
        return cpu == Math.rint(cpu) ? String.valueOf((long) cpu) : String.valueOf(cpu);
    }

    /** Why pods with this selector and these tolerations have nowhere (right) to run, if so. */
    private static Optional<String> fit(NodePools pools, PolicyContext.Stack stack, Map<?, ?> selector, List<?> tolerations) {
        List<NodePools.Pool> fitting = pools.pools().stream().filter(p -> p.admits(selector, tolerations)).toList();
        if (fitting.isEmpty()) {
            return Optional.of("no node pool has the labels " + selector + " and only taints tolerated by " + tolerations
                    + ": its pods stay Pending");
        }
        if (!stack.isTenant() && fitting.stream().anyMatch(NodePools.Pool::isSites)) {
            return Optional.of("may run on a site's nodes (" + fitting.stream().filter(NodePools.Pool::isSites)
                    .map(NodePools.Pool::name).toList() + ")");
        }
        return Optional.empty();
    }

    /**
     * SCHED-002: the amazon-cloudwatch-observability add-on sets its tolerations explicitly: its node
     * agents tolerate every taint of every pool, its operator fits a pool that is not a site's.
     */
    static PolicyRule theObservabilityAddOnRunsEverywhere() {
        return PolicyRule.of("SCHED-002", "the observability add-on's agents run on every node and its operator has a pool", context -> {
            NodePools pools = NodePools.of(context);
            List<Finding> findings = new ArrayList<>();
            for (PolicyContext.Stack stack : context.stacks()) {
                for (RecordedResource r : stack.rendering().rendering().resources()) {
                    if (!r.type().equals(ADDON) || !OBSERVABILITY.equals(Inputs.text(r, "addonName"))) {
                        continue;
                    }
                    Map<String, Object> values = values(Inputs.text(r, "configurationValues"));
                    List<?> agents = Inputs.asList(values.get("tolerations"));
                    Map<String, Object> manager = NodePools.map(values.get("manager"));
                    String message;
                    if (!values.containsKey("tolerations") || !manager.containsKey("tolerations")) {
                        message = "tolerations left to the add-on version's defaults (its operator's tolerates nothing)";
                    } else {
                        message = pools.pools().stream().flatMap(p -> p.taints().stream()
                                        .filter(t -> !NodePools.tolerated(t, agents)).map(t -> "its agents do not tolerate " + t
                                                + " of pool " + p.name()))
                                .findFirst()
                                .orElseGet(() -> fit(pools, stack, NodePools.map(manager.getOrDefault("nodeSelector", Map.of())),
                                        Inputs.asList(manager.get("tolerations"))).map(m -> "its operator " + m).orElse(null));
                    }
                    if (message != null) {
                        findings.add(new Finding("SCHED-002", stack.name(), r.type(), r.name(), message));
                    }
                }
            }
            return findings;
        });
    }

    private static Map<String, Object> values(String json) {
        if (json.isEmpty()) {
            return Map.of();
        }
        try {
            return NodePools.map(Json.mapper().readValue(json, Map.class));
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /**
     * EKS-004: when a NodeClass sets {@code spec.tags}, the Auto Mode cluster role carries the
     * documented {@code Compute} and {@code Networking} statements (EKS User Guide, "Amazon EKS Auto
     * Mode cluster IAM role", "Custom AWS tags for EKS Auto resources").
     */
    static PolicyRule tagsMayBeApplied() {
        return PolicyRule.of("EKS-004", "the Auto Mode cluster role may apply the tags its NodeClasses set", context -> {
            boolean tagged = context.stacks().stream().flatMap(s -> s.rendering().rendering().resources().stream())
                    .anyMatch(r -> r.type().equals(NODE_CLASS) && !NodePools.map(Inputs.get(r, "spec.tags").orElse(Map.of())).isEmpty());
            List<Finding> findings = new ArrayList<>();
            for (PolicyContext.Stack stack : context.stacks()) {
                List<RecordedResource> resources = stack.rendering().rendering().resources();
                for (RecordedResource cluster : resources) {
                    if (!tagged || !cluster.type().equals(CLUSTER) || !Inputs.isTrue(cluster, "computeConfig.enabled")) {
                        continue;
                    }
                    String roleArn = Inputs.text(cluster, "roleArn");
                    String role = roleArn.substring(roleArn.lastIndexOf('/') + 1);
                    List<Map<String, Object>> statements = resources.stream()
                            .filter(p -> p.type().equals("aws:iam/rolePolicy:RolePolicy") && role.equals(Inputs.text(p, "role")))
                            .flatMap(p -> Inputs.statements(p).stream()).toList();
                    for (List<String> actions : List.of(List.of("ec2:CreateFleet", "ec2:RunInstances", "ec2:CreateLaunchTemplate"),
                            List.of("ec2:CreateNetworkInterface"))) {
                        boolean allowed = statements.stream().anyMatch(st -> "Allow".equals(st.get("Effect"))
                                && Inputs.asList(st.get("Action")).containsAll(actions)
                                && String.valueOf(st.get("Condition")).contains("aws:RequestTag/eks:eks-cluster-name"));
                        if (!allowed) {
                            findings.add(new Finding("EKS-004", stack.name(), cluster.type(), cluster.name(), "role " + role
                                    + " may not " + actions + " with custom tags: no node of a tagged NodeClass launches"));
                        }
                    }
                }
            }
            return findings;
        });
    }

    /**
     * NET-003: the fabric turns the network policy controller on ({@code kube-system/amazon-vpc-cni})
     * and every NodeClass configures the node agent (EKS User Guide, "Use network policies with EKS
     * Auto Mode").
     */
    static PolicyRule networkPoliciesAreEnforced() {
        return PolicyRule.of("NET-003", "NetworkPolicies are enforced: controller on, every NodeClass configures the agent", context -> {
            List<Finding> findings = new ArrayList<>();
            for (PolicyContext.Stack stack : context.stacks()) {
                List<RecordedResource> resources = stack.rendering().rendering().resources();
                for (RecordedResource r : resources) {
                    if (r.type().equals(NODE_CLASS) && !NETWORK_POLICY_MODES.contains(Inputs.text(r, "spec.networkPolicy"))) {
                        findings.add(new Finding("NET-003", stack.name(), r.type(), r.name(),
                                "spec.networkPolicy is not DefaultAllow or DefaultDeny: its nodes enforce no NetworkPolicy"));
                    }
                    if (r.type().equals(CLUSTER) && Inputs.isTrue(r, "computeConfig.enabled")) {
                        Optional<RecordedResource> controller = resources.stream().filter(c -> c.type().equals(CONFIG_MAP)
                                && "kube-system".equals(Inputs.text(c, "metadata.namespace"))
                                && "amazon-vpc-cni".equals(Inputs.text(c, "metadata.name"))).findFirst();
                        if (controller.isEmpty()) {
                            findings.add(new Finding("NET-003", stack.name(), r.type(), r.name(),
                                    "no kube-system/amazon-vpc-cni ConfigMap: the network policy controller is off"));
                        } else if (!"true".equals(Inputs.text(controller.get(), "data[\"enable-network-policy-controller\"]"))) {
                            findings.add(new Finding("NET-003", stack.name(), CONFIG_MAP, controller.get().name(),
                                    "enable-network-policy-controller is not \"true\""));
                        }
                    }
                }
            }
            return findings;
        });
    }

    /**
     * NET-004: a tenant NetworkPolicy's DNS rule (port 53) admits the cluster DNS address, which each
     * Auto Mode node answers itself; Auto Mode runs no CoreDNS pods, so a rule naming pods or
     * namespaces admits nothing that answers (EKS User Guide, "Learn about VPC Networking and Load
     * Balancing in EKS Auto Mode").
     */
    static PolicyRule dnsReachesTheNodeLocalResolver() {
        String dns = ClusterNetwork.DNS_ADDRESS + "/32";
        return perResource("NET-004", "tenant DNS egress admits the node-local cluster DNS address",
                ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy"), (stack, r) -> {
                    if (!stack.isTenant()) {
                        return null;
                    }
                    for (Object rule : Inputs.list(r, "spec.egress")) {
                        Map<String, Object> egress = NodePools.map(rule);
                        boolean dnsPort = Inputs.asList(egress.get("ports")).stream()
                                .anyMatch(p -> "53".equals(String.valueOf(NodePools.map(p).get("port"))));
                        if (!dnsPort) {
                            continue;
                        }
                        for (Object to : Inputs.asList(egress.get("to"))) {
                            Object cidr = NodePools.map(NodePools.map(to).get("ipBlock")).get("cidr");
                            if (!dns.equals(cidr)) {
                                return "DNS egress to " + to + ", not " + dns + " where Auto Mode answers DNS";
                            }
                        }
                    }
                    return null;
                });
    }
}
