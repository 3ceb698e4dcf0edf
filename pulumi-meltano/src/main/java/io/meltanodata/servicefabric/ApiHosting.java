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
import com.pulumi.kubernetes.networking.v1.Ingress;
import com.pulumi.kubernetes.networking.v1.IngressArgs;
import com.pulumi.kubernetes.networking.v1.IngressClass;
import com.pulumi.kubernetes.networking.v1.IngressClassArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressPathArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressRuleValueArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressClassParametersReferenceArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressClassSpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressServiceBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressSpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.ServiceBackendPortArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.kubernetes.KubernetesObject;
import io.meltanodata.components.kubernetes.WorkloadSecurity;

import java.util.HashMap;
import java.util.Map;

/**
 * The backend API on the cluster, in the platform's own {@code meltanodata-system} namespace
 * (Pod Security restricted), on the platform's node pool only (its node selector and the
 * toleration of its taint; never a site's nodes, which carry another label and taint), exposed
 * through an internet-facing ALB provisioned by EKS Auto Mode's load balancing (IngressClass
 * {@code meltanodata-alb}).
 */
final class ApiHosting {
    static final String NAMESPACE = "meltanodata-system";
    static final String INGRESS_CLASS = "meltanodata-alb";
    static final int PORT = 8080;
    static final Map<String, String> APP = Map.of("app.kubernetes.io/name", "meltanodata-api");

    private final Output<String> url;

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

        var params = new KubernetesObject("alb-params", "eks.amazonaws.com/v1", "IngressClassParams",
                ObjectMetaArgs.builder().name(INGRESS_CLASS).build(),
                Output.of(Map.of("scheme", "internet-facing")), k8s);
        var ingressClass = new IngressClass("alb", IngressClassArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(INGRESS_CLASS).build())
                .spec(IngressClassSpecArgs.builder()
                        .controller("eks.amazonaws.com/alb")
                        .parameters(IngressClassParametersReferenceArgs.builder()
                                .apiGroup("eks.amazonaws.com").kind("IngressClassParams").name(INGRESS_CLASS).build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(parent).provider(kubernetes).dependsOn(params).build());
        var ingress = new Ingress("api", IngressArgs.builder()
                .metadata(meta)
                .spec(IngressSpecArgs.builder()
                        .ingressClassName(INGRESS_CLASS)
                        .rules(IngressRuleArgs.builder().http(HTTPIngressRuleValueArgs.builder()
                                .paths(HTTPIngressPathArgs.builder().path("/").pathType("Prefix")
                                        .backend(IngressBackendArgs.builder().service(IngressServiceBackendArgs.builder()
                                                .name("api").port(ServiceBackendPortArgs.builder().name("http").build())
                                                .build()).build())
                                        .build())
                                .build()).build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(parent).provider(kubernetes)
                .dependsOn(namespace, ingressClass).build());
        // The ALB's DNS name once the load balancer exists; empty in a preview.
        url = ingress.status().applyValue(status -> status.flatMap(s -> s.loadBalancer())
                .flatMap(lb -> lb.ingress().stream().findFirst())
                .flatMap(i -> i.hostname()).map(h -> "http://" + h).orElse(""));
    }

    private static ProbeArgs probe(String path) {
        return ProbeArgs.builder().httpGet(HTTPGetActionArgs.builder().path(path).port(PORT).build())
                .periodSeconds(10).build();
    }

    Output<String> url() {
        return url;
    }
}
