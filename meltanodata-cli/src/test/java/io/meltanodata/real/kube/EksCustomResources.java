package io.meltanodata.real.kube;

import java.util.List;
import java.util.Map;

/**
 * Stand-ins for the custom resource definitions that EKS Auto Mode installs in every cluster
 * and that a plain kube-apiserver lacks: {@code NodeClass} and {@code IngressClassParams}
 * ({@code eks.amazonaws.com/v1}, no public schema) and Karpenter's {@code NodePool}
 * ({@code karpenter.sh/v1}). Their schemas keep any field, so the suite checks these objects'
 * names, metadata and order, not their specs: EKS's own validation of them is not exercised here.
 *
 * <p>A {@code NodeClass} has a status subresource and reads {@code Ready} unless its status says
 * otherwise: EKS's controller, which checks a NodeClass's role, subnets and security groups in AWS
 * and reports Ready, does not run here, and Karpenter launches only from a Ready node class (as
 * Karpenter's own KWOKNodeClass definition defaults its status to Ready).
 */
public final class EksCustomResources {
    record Kind(String group, String version, String kind, String plural) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("eks.amazonaws.com", "v1", "NodeClass", "nodeclasses"),
            new Kind("eks.amazonaws.com", "v1", "IngressClassParams", "ingressclassparams"),
            new Kind("karpenter.sh", "v1", "NodePool", "nodepools"));

    private EksCustomResources() {
    }

    static boolean provides(Manifest manifest) {
        return KINDS.stream().anyMatch(k -> k.group().equals(manifest.group()) && k.kind().equals(manifest.kind()));
    }

    /** Installs every definition, as EKS Auto Mode has them in a new cluster (for suites applying objects themselves). */
    public static void install(io.fabric8.kubernetes.client.KubernetesClient client) {
        for (Kind kind : KINDS) {
            client.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                    io.fabric8.kubernetes.client.utils.Serialization.asJson(definition(kind)),
                    io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class)).serverSideApply();
        }
    }

    /** The CustomResourceDefinition of a kind: cluster-scoped, spec kept as given. */
    static Map<String, Object> definition(Kind kind) {
        Map<String, Object> keepAll = Map.of("type", "object", "x-kubernetes-preserve-unknown-fields", true);
        boolean nodeClass = kind.kind().equals("NodeClass");
        Map<String, Object> status = !nodeClass ? keepAll : Map.of("type", "object", "x-kubernetes-preserve-unknown-fields", true,
                "default", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "Ready",
                        "message", "", "lastTransitionTime", "2024-01-01T01:01:01Z"))));
        Map<String, Object> version = new java.util.LinkedHashMap<>(Map.of("name", kind.version(), "served", true, "storage", true,
                "schema", Map.of("openAPIV3Schema", Map.of("type", "object", "properties", Map.of(
                        "spec", keepAll, "status", status)))));
        if (nodeClass) {
            version.put("subresources", Map.of("status", Map.of()));
        }
        return Map.of(
                "apiVersion", "apiextensions.k8s.io/v1",
                "kind", "CustomResourceDefinition",
                "metadata", Map.of("name", kind.plural() + "." + kind.group()),
                "spec", Map.of(
                        "group", kind.group(),
                        "scope", "Cluster",
                        "names", Map.of("kind", kind.kind(), "plural", kind.plural(), "singular", kind.kind().toLowerCase(),
                                "listKind", kind.kind() + "List"),
                        "versions", List.of(version)));
    }
}
