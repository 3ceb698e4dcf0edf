package io.meltanodata.servicefabric;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.Map;

/**
 * Turns on EKS Auto Mode's network policy controller. Until {@code kube-system/amazon-vpc-cni}
 * says {@code enable-network-policy-controller: "true"}, NetworkPolicies are accepted and not
 * enforced, so every tenant namespace's default deny (Layer 4) would be words only (EKS User
 * Guide, "Use network policies with EKS Auto Mode", step 1,
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html). The NodeClasses' side is
 * in {@code AutoModeNodes}.
 */
final class NetworkPolicyController {
    static final String NAMESPACE = "kube-system";
    static final String NAME = "amazon-vpc-cni";
    static final Map<String, String> DATA = Map.of("enable-network-policy-controller", "true");

    NetworkPolicyController(Provider kubernetes, Resource parent) {
        new ConfigMap("network-policy-controller", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAME).namespace(NAMESPACE).build())
                .data(DATA)
                .build(), CustomResourceOptions.builder().parent(parent).provider(kubernetes).build());
    }
}
