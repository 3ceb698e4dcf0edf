package io.meltanodata.components.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * Inputs of a custom-resource object: apiVersion, kind, metadata and a free-form spec. The
 * field names are the ones the charge-back transformation looks for ({@code metadata}).
 */
public final class KubernetesObjectArgs extends ResourceArgs {
    @Import(name = "apiVersion", required = true)
    private Output<String> apiVersion;

    @Import(name = "kind", required = true)
    private Output<String> kind;

    @Import(name = "metadata")
    private Output<ObjectMetaArgs> metadata;

    @Import(name = "spec")
    private Output<Map<String, Object>> spec;

    public KubernetesObjectArgs(String apiVersion, String kind, ObjectMetaArgs metadata, Output<Map<String, Object>> spec) {
        this.apiVersion = Output.of(apiVersion);
        this.kind = Output.of(kind);
        this.metadata = Output.of(metadata);
        this.spec = spec;
    }
}
