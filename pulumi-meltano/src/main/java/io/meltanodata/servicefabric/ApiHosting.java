package io.meltanodata.servicefabric;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.TolerationArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.kubernetes.WorkloadSecurity;

import java.util.HashMap;
import java.util.Map;

/**
 * The backend API on the cluster, in the platform's own {@code meltanodata-system} namespace
 * (Pod Security restricted), on the platform's node pool only (its node selector and the
 * toleration of its taint; never a site's nodes, which carry another label and taint); with a
 * domain, exposed over HTTPS only ({@link ApiIngress}).
 */
final class ApiHosting {
    static final String NAMESPACE = "meltanodata-system";
    static final int PORT = 8080;
    static final Map<String, String> APP = Map.of("app.kubernetes.io/name", "meltanodata-api");

    private final String url;

    ApiHosting(ServiceFabricConfig config, PlatformCompute platform, Provider kubernetes, Resource parent) {
        var k8s = CustomResourceOptions.builder().parent(parent).provider(kubernetes).build();
        Map<String, String> namespaceLabels = new HashMap<>(WorkloadSecurity.RESTRICTED_NAMESPACE_LABELS);
        namespaceLabels.put("meltanodata.io/system", "true");
        var namespace = new Namespace("system-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAMESPACE).labels(namespaceLabels).build())
                .build(), k8s);
        var inNamespace = CustomResourceOptions.builder().parent(parent).provider(kubernetes).dependsOn(namespace).build();
        var meta = ObjectMetaArgs.builder().name("api").namespace(NAMESPACE).labels(APP).build();

        new Deployment("api", DeploymentArgs.builder()
                .metadata(meta)
                .spec(DeploymentSpecArgs.builder()
                        .replicas(2)
                        .selector(LabelSelectorArgs.builder().matchLabels(APP).build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(APP).build())
                                .spec(PodSpecArgs.builder()
                                        .nodeSelector(PlatformCompute.NODE_SELECTOR)
                                        .tolerations(PlatformCompute.TOLERATIONS.stream().map(t -> TolerationArgs.builder()
                                                .key(t.get("key")).operator(t.get("operator")).value(t.get("value"))
                                                .effect(t.get("effect")).build()).toList())
                                        .automountServiceAccountToken(false)
                                        .securityContext(WorkloadSecurity.pod())
                                        .containers(ContainerArgs.builder()
                                                .name("api")
                                                .image(config.apiImage())
                                                .ports(ContainerPortArgs.builder().name("http").containerPort(PORT).build())
                                                .securityContext(WorkloadSecurity.container())
                                                .resources(ResourceRequirementsArgs.builder()
                                                        .requests(Map.of("cpu", "250m", "memory", "256Mi"))
                                                        .limits(Map.of("cpu", "1", "memory", "512Mi"))
                                                        .build())
                                                .readinessProbe(probe("/healthz/ready"))
                                                .livenessProbe(probe("/healthz/live"))
                                                .volumeMounts(VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build())
                                                .build())
                                        .volumes(VolumeArgs.builder().name("tmp")
                                                .emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit("64Mi").build()).build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(parent).provider(kubernetes)
                .dependsOn(namespace, platform.pool()).build());
        new Service("api", ServiceArgs.builder()
                .metadata(meta)
                .spec(ServiceSpecArgs.builder().type("ClusterIP").selector(APP)
                        .ports(ServicePortArgs.builder().name("http").port(80).targetPort(PORT).build()).build())
                .build(), inNamespace);

        url = config.domain().map(domain -> new ApiIngress(config, domain, kubernetes, namespace, parent).url()).orElse("");
    }

    private static ProbeArgs probe(String path) {
        return ProbeArgs.builder().httpGet(HTTPGetActionArgs.builder().path(path).port(PORT).build())
                .periodSeconds(10).build();
    }

    /** {@code https://api.<domain>}, or empty: without a domain the API is not exposed outside the cluster. */
    Output<String> url() {
        return Output.of(url);
    }
}
