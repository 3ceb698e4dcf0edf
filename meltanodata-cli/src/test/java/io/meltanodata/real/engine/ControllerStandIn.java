package io.meltanodata.real.engine;

import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What kube-controller-manager, the kubelets and the load balancer controller would report, for
 * a control plane that runs none of them: the Kubernetes provider waits for a Deployment to roll
 * out, a Service to have ready endpoints, an Ingress an address and a quota its status before it calls them
 * created. Once a second this marks every new Deployment generation rolled out (with its
 * ReplicaSet), gives every Service with a selector one ready endpoint, every Ingress an
 * address and every ResourceQuota its status. So the suite proves that the objects are accepted and applied, not that pods run.
 */
final class ControllerStandIn implements AutoCloseable {
    static final String REVISION = "deployment.kubernetes.io/revision";
    /** The kinds the layers create: the provider deletes each in the foreground and waits for it to go. */
    private static final List<List<String>> DELETED_IN_FOREGROUND = List.of(
            List.of("apps/v1", "Deployment"), List.of("apps/v1", "ReplicaSet"), List.of("batch/v1", "CronJob"),
            List.of("batch/v1", "Job"), List.of("v1", "Service"), List.of("v1", "ServiceAccount"),
            List.of("v1", "ConfigMap"), List.of("v1", "Secret"), List.of("v1", "ResourceQuota"), List.of("v1", "LimitRange"),
            List.of("networking.k8s.io/v1", "NetworkPolicy"), List.of("networking.k8s.io/v1", "Ingress"),
            List.of("networking.k8s.io/v1", "IngressClass"), List.of("rbac.authorization.k8s.io/v1", "Role"),
            List.of("rbac.authorization.k8s.io/v1", "RoleBinding"), List.of("rbac.authorization.k8s.io/v1", "ClusterRole"),
            List.of("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
            List.of("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy"),
            List.of("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding"),
            List.of("eks.amazonaws.com/v1", "NodeClass"), List.of("eks.amazonaws.com/v1", "IngressClassParams"),
            List.of("karpenter.sh/v1", "NodePool"));
    private final KubernetesClient client;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "controller-stand-in");
        thread.setDaemon(true);
        return thread;
    });

    private ControllerStandIn(KubernetesClient client) {
        this.client = client;
    }

    static ControllerStandIn start(KubernetesClient client) {
        ControllerStandIn standIn = new ControllerStandIn(client);
        standIn.timer.scheduleWithFixedDelay(standIn::pass, 0, 1, TimeUnit.SECONDS);
        return standIn;
    }

    private void pass() {
        step("roll out", () -> client.apps().deployments().inAnyNamespace().list().getItems().forEach(this::rollOut));
        step("endpoints", () -> client.services().inAnyNamespace().list().getItems().forEach(this::endpoints));
        step("ingress", () -> client.network().v1().ingresses().inAnyNamespace().list().getItems().forEach(this::address));
        step("quota", () -> client.resourceQuotas().inAnyNamespace().list().getItems().forEach(this::quota));
        for (List<String> kind : DELETED_IN_FOREGROUND) {
            step("delete " + kind.get(1), () -> collectGarbage(kind.get(0), kind.get(1)));
        }
        step("namespaces", this::finalizeNamespaces);
    }

    /**
     * One step of a pass. A conflict or an object deleted meanwhile is expected: the next pass
     * sees the current state. Anything else is printed (once per message), since a step that
     * keeps failing leaves the provider waiting until it times out.
     */
    private void step(String name, Runnable step) {
        try {
            step.run();
        } catch (KubernetesClientException e) {
            boolean expected = e.getCode() == 404 || e.getCode() == 409 || timer.isShutdown();
            if (!expected && reported.add(name + ": " + e.getMessage())) {
                System.err.println("controller stand-in, " + name + ": " + e.getMessage() + " (" + e.getCause() + ")");
            }
        }
    }

    private void rollOut(Deployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        Long generation = deployment.getMetadata().getGeneration();
        if (deployment.getStatus() != null && generation.equals(deployment.getStatus().getObservedGeneration())) {
            return;
        }
        // The controller numbers each rollout; a merge patch of the annotation leaves the spec (and generation) alone.
        String revision = String.valueOf(generation);
        Deployment annotated = client.apps().deployments().inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"annotations\":{\"" + REVISION + "\":\"" + revision + "\"}}}");
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        Long observed = annotated.getMetadata().getGeneration();
        ReplicaSet replicaSet = new ReplicaSetBuilder()
                .withNewMetadata().withName(name + "-" + revision).withNamespace(namespace)
                .addToAnnotations(REVISION, revision)
                .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                .withUid(annotated.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withReplicas(replicas).withSelector(deployment.getSpec().getSelector())
                .withTemplate(deployment.getSpec().getTemplate()).endSpec()
                .build();
        client.apps().replicaSets().inNamespace(namespace).resource(replicaSet).createOr(r -> r.update());
        client.apps().replicaSets().inNamespace(namespace).withName(replicaSet.getMetadata().getName()).editStatus(r -> {
            r.setStatus(new io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder().withReplicas(replicas)
                    .withReadyReplicas(replicas).withAvailableReplicas(replicas).withFullyLabeledReplicas(replicas)
                    .withObservedGeneration(r.getMetadata().getGeneration()).build());
            return r;
        });
        client.apps().deployments().inNamespace(namespace).withName(name).editStatus(d -> {
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withObservedGeneration(observed).withReplicas(replicas).withUpdatedReplicas(replicas)
                    .withReadyReplicas(replicas).withAvailableReplicas(replicas)
                    .withConditions(
                            new DeploymentConditionBuilder().withType("Available").withStatus("True")
                                    .withReason("MinimumReplicasAvailable").withMessage("stand-in").build(),
                            new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                                    .withReason("NewReplicaSetAvailable").withMessage("stand-in").build())
                    .build());
            return d;
        });
    }

    private void endpoints(Service service) {
        if (service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty()) {
            return;
        }
        String namespace = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        if (client.endpoints().inNamespace(namespace).withName(name).get() != null) {
            return;
        }
        Endpoints endpoints = new EndpointsBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addNewSubset().withAddresses(new EndpointAddressBuilder().withIp("10.0.0.10").build())
                .withPorts(service.getSpec().getPorts().stream().map(p -> new EndpointPortBuilder().withName(p.getName())
                        .withPort(p.getTargetPort() != null && p.getTargetPort().getIntVal() != null
                                ? p.getTargetPort().getIntVal() : p.getPort()).withProtocol(p.getProtocol()).build()).toList())
                .endSubset().build();
        client.endpoints().inNamespace(namespace).resource(endpoints).create();
    }

    private void address(Ingress ingress) {
        if (ingress.getStatus() != null && ingress.getStatus().getLoadBalancer() != null
                && ingress.getStatus().getLoadBalancer().getIngress() != null
                && !ingress.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            return;
        }
        client.network().v1().ingresses().inNamespace(ingress.getMetadata().getNamespace())
                .withName(ingress.getMetadata().getName()).editStatus(i -> {
                    i.setStatus(new io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder()
                            .withNewLoadBalancer().withIngress(new IngressLoadBalancerIngressBuilder()
                                    .withHostname("k8s-standin.elb.amazonaws.com").build()).endLoadBalancer().build());
                    return i;
                });
    }

    /** The quota controller reports what a quota allows and, in a namespace with nothing running, that none is used. */
    private void quota(ResourceQuota quota) {
        if (quota.getStatus() != null && quota.getStatus().getHard() != null && !quota.getStatus().getHard().isEmpty()) {
            return;
        }
        Map<String, Quantity> used = new LinkedHashMap<>();
        quota.getSpec().getHard().keySet().forEach(k -> used.put(k, new Quantity("0")));
        client.resourceQuotas().inNamespace(quota.getMetadata().getNamespace()).withName(quota.getMetadata().getName())
                .editStatus(q -> {
                    q.setStatus(new ResourceQuotaStatusBuilder().withHard(q.getSpec().getHard()).withUsed(used).build());
                    return q;
                });
    }

    /**
     * The garbage collector: an object deleted in the foreground goes once its dependents are
     * gone (the ReplicaSets this stand-in made for a Deployment go with it). Kinds whose custom
     * resource definition is not installed are skipped.
     */
    private void collectGarbage(String apiVersion, String kind) {
        if (client.getApiResources(apiVersion) == null) {
            return;
        }
        var resources = client.genericKubernetesResources(apiVersion, kind);
        for (var object : resources.inAnyNamespace().list().getItems()) {
            var metadata = object.getMetadata();
            if (!deletedInForeground(metadata)) {
                continue;
            }
            if (kind.equals("Deployment")) {
                client.apps().replicaSets().inNamespace(metadata.getNamespace()).list().getItems().stream()
                        .filter(r -> r.getMetadata().getOwnerReferences().stream()
                                .anyMatch(o -> o.getUid().equals(metadata.getUid())))
                        .forEach(r -> client.resource(r).withGracePeriod(0).delete());
            }
            dropFinalizers(metadata.getNamespace() == null ? resources.withName(metadata.getName())
                    : resources.inNamespace(metadata.getNamespace()).withName(metadata.getName()));
        }
    }

    /**
     * The namespace controller, then the garbage collector: a namespace being deleted loses the
     * "kubernetes" finalizer (Pulumi deleted its objects first) and its foregroundDeletion
     * finalizer; with neither left, the API server removes it.
     */
    private void finalizeNamespaces() {
        for (Namespace namespace : client.namespaces().list().getItems()) {
            var metadata = namespace.getMetadata();
            if (metadata.getDeletionTimestamp() == null) {
                continue;
            }
            if (namespace.getSpec() != null && namespace.getSpec().getFinalizers() != null
                    && !namespace.getSpec().getFinalizers().isEmpty()) {
                namespace.getSpec().setFinalizers(List.of());
                client.raw(client.getMasterUrl() + "api/v1/namespaces/" + metadata.getName() + "/finalize", "PUT",
                        Serialization.asJson(namespace));
            }
            if (deletedInForeground(metadata)) {
                dropFinalizers(client.namespaces().withName(metadata.getName()));
            }
        }
    }

    private static boolean deletedInForeground(io.fabric8.kubernetes.api.model.ObjectMeta metadata) {
        return metadata.getDeletionTimestamp() != null && metadata.getFinalizers() != null
                && metadata.getFinalizers().contains("foregroundDeletion");
    }

    private static void dropFinalizers(io.fabric8.kubernetes.client.dsl.Resource<?> resource) {
        resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
