package io.meltanodata.components.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.Json;

import java.util.List;
import java.util.Map;

/**
 * How every layer talks to the fabric's EKS cluster: a kubeconfig that authenticates with
 * {@code aws eks get-token} (no long-lived token is stored in state) and a Kubernetes provider
 * built from it.
 */
public final class ClusterAccess {
    private ClusterAccess() {
    }

    /** The kubeconfig, as JSON, for a cluster's name, endpoint, CA data and region. */
    public static String kubeconfig(String clusterName, String endpoint, String certificateAuthority, String region) {
        Map<String, Object> config = Map.of(
                "apiVersion", "v1",
                "kind", "Config",
                "clusters", List.of(Map.of("name", clusterName, "cluster", Map.of(
                        "server", endpoint, "certificate-authority-data", certificateAuthority))),
                "contexts", List.of(Map.of("name", clusterName, "context", Map.of(
                        "cluster", clusterName, "user", clusterName))),
                "current-context", clusterName,
                "users", List.of(Map.of("name", clusterName, "user", Map.of("exec", Map.of(
                        "apiVersion", "client.authentication.k8s.io/v1beta1",
                        "command", "aws",
                        "args", List.of("eks", "get-token", "--cluster-name", clusterName, "--region", region),
                        "interactiveMode", "Never")))));
        return Json.write(config);
    }

    /** A Kubernetes provider for the cluster, parented to the layer's component. */
    public static Provider provider(String name, Output<String> kubeconfig, Resource parent) {
        return provider(name, kubeconfig, parent, List.of());
    }

    /**
     * A Kubernetes provider that connects only once {@code dependsOn} exist: the access entries
     * and policy associations that let the deployer in, and the network rules that let it reach
     * the endpoint, when they are created in the same run.
     */
    public static Provider provider(String name, Output<String> kubeconfig, Resource parent, List<Resource> dependsOn) {
        return new Provider(name, ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .enableServerSideApply(true)
                .deleteUnreachable(false)
                .build(), CustomResourceOptions.builder().parent(parent).dependsOn(dependsOn).build());
    }
}
