package io.meltanodata.components.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ValidatingAdmissionPolicy (CEL, evaluated by the API server) and the binding that enforces
 * it with {@code Deny}. The Java Kubernetes SDK 4.0.0 has no class for either, so both are
 * {@link KubernetesObject}s; the binding waits for its policy.
 */
public final class AdmissionPolicy {
    static final String API_VERSION = "admissionregistration.k8s.io/v1";

    private AdmissionPolicy() {
    }

    /**
     * @param resourceName  the Pulumi name of the policy; the binding's is {@code <resourceName>-binding}
     * @param name          the Kubernetes name of both objects
     * @param policySpec    the policy's spec
     * @param matchResources the binding's {@code matchResources}, or an empty map for every object the policy matches
     * @param after         resources the policy must be created after
     */
    public static void create(String resourceName, String name, Output<Map<String, Object>> policySpec,
                              Map<String, Object> matchResources, Provider kubernetes, Resource parent,
                              List<Resource> after) {
        var policy = new KubernetesObject(resourceName, API_VERSION, "ValidatingAdmissionPolicy",
                ObjectMetaArgs.builder().name(name).build(), policySpec,
                CustomResourceOptions.builder().parent(parent).provider(kubernetes).dependsOn(after).build());
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("policyName", name);
        binding.put("validationActions", List.of("Deny"));
        if (!matchResources.isEmpty()) {
            binding.put("matchResources", matchResources);
        }
        new KubernetesObject(resourceName + "-binding", API_VERSION, "ValidatingAdmissionPolicyBinding",
                ObjectMetaArgs.builder().name(name).build(), Output.of(binding),
                CustomResourceOptions.builder().parent(parent).provider(kubernetes).dependsOn(policy).build());
    }
}
