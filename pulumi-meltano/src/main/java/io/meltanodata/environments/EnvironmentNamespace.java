package io.meltanodata.environments;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.core.v1.LimitRange;
import com.pulumi.kubernetes.core.v1.LimitRangeArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.ResourceQuota;
import com.pulumi.kubernetes.core.v1.ResourceQuotaArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeItemArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceQuotaSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.kubernetes.rbac.v1.RoleBinding;
import com.pulumi.kubernetes.rbac.v1.RoleBindingArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.RoleRefArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.SubjectArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.kubernetes.ClusterNetwork;
import io.meltanodata.components.kubernetes.WorkloadSecurity;
import io.meltanodata.projects.HostedProjectOutputs;
import io.meltanodata.siteinstances.SiteDeployers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment's namespace and everything that fences it: Pod Security {@code restricted},
 * default-deny network policy with the minimum allows (DNS at the cluster DNS address, which each
 * Auto Mode node answers itself; the Pod Identity agent; the
 * internet on any port, since taps and targets use many; never the instance metadata address or
 * private address ranges, so never another site's pods or a node), a ResourceQuota and LimitRange, the Meltano service account, and RoleBindings of
 * the site's ClusterRole templates: the environment deployer template for the site's deployers
 * (created first: it is what lets them write the rest), and the levels for the groups the ACL names.
 */
final class EnvironmentNamespace {
    static final String METADATA_ADDRESS = "169.254.169.254/32";
    static final String POD_IDENTITY_AGENT = "169.254.170.23/32";
    /** On Auto Mode DNS is answered on each node at the cluster DNS address, not by pods in kube-system (ClusterNetwork). */
    static final String CLUSTER_DNS = ClusterNetwork.DNS_ADDRESS + "/32";
    static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    private final Namespace namespace;
    private final ServiceAccount serviceAccount;

    EnvironmentNamespace(ActivatedEnvironmentConfig config, HostedProjectOutputs project, Provider kubernetes, Resource parent) {
        var k8s = CustomResourceOptions.builder().parent(parent).provider(kubernetes).build();
        String name = config.namespace();
        Map<String, String> annotations = new HashMap<>();
        annotations.put("meltanodata.io/ref", config.ref().full());
        config.ttl().ifPresent(ttl -> annotations.put("meltanodata.io/ttl", ttl.toString()));
        annotations.put("meltanodata.io/archive-on-dispose", String.valueOf(config.archiveOnDispose()));
        namespace = new Namespace("namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name)
                        .labels(project.site().namespaceLabels().applyValue(site -> {
                            Map<String, String> labels = new HashMap<>(WorkloadSecurity.RESTRICTED_NAMESPACE_LABELS);
                            site.forEach((k, v) -> labels.put(k, String.valueOf(v)));
                            return labels;
                        }))
                        .annotations(annotations).build())
                .build(), k8s);
        // First the site's deployers get their template inside the namespace (their cluster-wide grant
        // only covers the namespace and this binding); every other object of the namespace waits for it.
        var deployers = new RoleBinding("site-deployers", RoleBindingArgs.builder()
                .metadata(meta("site-deployers", name))
                .roleRef(RoleRefArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole")
                        .name(SiteDeployers.environmentRole(config.site())).build())
                .subjects(SubjectArgs.builder().kind("Group").apiGroup("rbac.authorization.k8s.io")
                        .name(SiteDeployers.group(config.site())).build())
                .build(), CustomResourceOptions.builder().parent(parent).provider(kubernetes).dependsOn(namespace).build());
        var in = CustomResourceOptions.builder().parent(parent).provider(kubernetes).dependsOn(namespace, deployers).build();
        networkPolicies(name, in);

        ActivatedEnvironmentConfig.Quota q = config.quota();
        new ResourceQuota("quota", ResourceQuotaArgs.builder()
                .metadata(meta("quota", name))
                .spec(ResourceQuotaSpecArgs.builder().hard(Map.of("requests.cpu", q.cpu(), "requests.memory", q.memory(),
                        "limits.cpu", q.cpu(), "limits.memory", q.memory(), "pods", String.valueOf(q.pods()))).build())
                .build(), in);
        new LimitRange("limits", LimitRangeArgs.builder()
                .metadata(meta("limits", name))
                .spec(LimitRangeSpecArgs.builder().limits(LimitRangeItemArgs.builder().type("Container")
                        .defaultRequest(Map.of("cpu", q.podCpu(), "memory", q.podMemory()))
                        .default_(Map.of("cpu", q.podCpu(), "memory", q.podMemory()))
                        .max(Map.of("cpu", q.cpu(), "memory", q.memory())).build()).build())
                .build(), in);
        serviceAccount = new ServiceAccount("service-account", ServiceAccountArgs.builder()
                .metadata(meta(MeltanoPod.SERVICE_ACCOUNT, name)).automountServiceAccountToken(false).build(), in);

        for (String level : AccessPlan.LEVELS) {
            Output<List<SubjectArgs>> subjects = Output.tuple(project.site().groups(), project.site().acl())
                    .applyValue(t -> AccessPlan.groupsAt(level, t.t1, t.t2, config.project(), config.environment()).stream()
                            .map(g -> SubjectArgs.builder().kind("Group").apiGroup("rbac.authorization.k8s.io").name(g).build())
                            .toList());
            new RoleBinding("site-" + level, RoleBindingArgs.builder()
                    .metadata(meta("site-" + level, name))
                    .roleRef(RoleRefArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole")
                            .name(project.site().clusterRoles().applyValue(roles -> String.valueOf(roles.get(level)))).build())
                    .subjects(subjects)
                    .build(), in);
        }
    }

    private static void networkPolicies(String namespace, CustomResourceOptions in) {
        var everyPod = LabelSelectorArgs.builder().build();
        new NetworkPolicy("default-deny", NetworkPolicyArgs.builder()
                .metadata(meta("default-deny", namespace))
                .spec(NetworkPolicySpecArgs.builder().podSelector(everyPod).policyTypes("Ingress", "Egress").build())
                .build(), in);
        new NetworkPolicy("allow-dns", NetworkPolicyArgs.builder()
                .metadata(meta("allow-dns", namespace))
                .spec(NetworkPolicySpecArgs.builder().podSelector(everyPod).policyTypes("Egress")
                        .egress(NetworkPolicyEgressRuleArgs.builder()
                                .to(NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(CLUSTER_DNS).build()).build())
                                .ports(port("UDP", 53), port("TCP", 53)).build())
                        .build())
                .build(), in);
        new NetworkPolicy("allow-pod-identity", NetworkPolicyArgs.builder()
                .metadata(meta("allow-pod-identity", namespace))
                .spec(NetworkPolicySpecArgs.builder().podSelector(everyPod).policyTypes("Egress")
                        .egress(NetworkPolicyEgressRuleArgs.builder()
                                .to(NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(POD_IDENTITY_AGENT).build()).build())
                                .ports(port("TCP", 80)).build())
                        .build())
                .build(), in);
        List<String> except = new java.util.ArrayList<>(PRIVATE_RANGES);
        except.add(METADATA_ADDRESS);
        new NetworkPolicy("allow-internet-egress", NetworkPolicyArgs.builder()
                .metadata(meta("allow-internet-egress", namespace))
                .spec(NetworkPolicySpecArgs.builder().podSelector(everyPod).policyTypes("Egress")
                        .egress(NetworkPolicyEgressRuleArgs.builder()
                                .to(NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr("0.0.0.0/0")
                                        .except(except).build()).build())
                                .build())
                        .build())
                .build(), in);
        new NetworkPolicy("allow-same-namespace", NetworkPolicyArgs.builder()
                .metadata(meta("allow-same-namespace", namespace))
                .spec(NetworkPolicySpecArgs.builder().podSelector(everyPod).policyTypes("Ingress", "Egress")
                        .ingress(NetworkPolicyIngressRuleArgs.builder()
                                .from(NetworkPolicyPeerArgs.builder().podSelector(everyPod).build()).build())
                        .egress(NetworkPolicyEgressRuleArgs.builder()
                                .to(NetworkPolicyPeerArgs.builder().podSelector(everyPod).build()).build())
                        .build())
                .build(), in);
    }

    private static NetworkPolicyPortArgs port(String protocol, int port) {
        return NetworkPolicyPortArgs.builder().protocol(protocol).port(com.pulumi.core.Either.ofLeft(port)).build();
    }

    static ObjectMetaArgs meta(String name, String namespace) {
        return ObjectMetaArgs.builder().name(name).namespace(namespace).build();
    }

    Namespace namespace() {
        return namespace;
    }

    ServiceAccount serviceAccount() {
        return serviceAccount;
    }
}
