package io.meltanodata.components.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * An instance of a custom resource (EKS Auto Mode's {@code NodePool}, {@code NodeClass},
 * {@code IngressClassParams}), which the Java Kubernetes SDK 4.0.0 has no class for. Registered
 * with the Kubernetes provider's type token {@code kubernetes:<apiVersion>:<kind>}, as the
 * Python and TypeScript SDKs' {@code CustomResource} do.
 */
public final class KubernetesObject extends CustomResource {

    public KubernetesObject(String name, String apiVersion, String kind, ObjectMetaArgs metadata,
                            Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super("kubernetes:" + apiVersion + ":" + kind, name,
                new KubernetesObjectArgs(apiVersion, kind, metadata, spec), options);
    }
}
