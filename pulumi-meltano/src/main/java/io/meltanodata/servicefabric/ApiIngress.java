package io.meltanodata.servicefabric;

import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
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
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.kubernetes.KubernetesObject;

import java.util.List;
import java.util.Map;

/**
 * The API on the internet at {@code https://api.<domain>}, through an internet-facing ALB that EKS
 * Auto Mode provisions for the Ingress: an ACM certificate for that name (fabric region, DNS
 * validation in the hosted zone) in the IngressClassParams' {@code certificateARNs}, HTTPS on 443
 * with a TLS 1.2+ policy, HTTP on 80 only to redirect to HTTPS, and a DNS record to the ALB.
 * Without a domain the fabric creates none of this and the API stays inside the cluster: an ALB's
 * own DNS name can get no certificate, and an API reachable over plain HTTP is not offered.
 */
final class ApiIngress {
    static final String INGRESS_CLASS = "meltanodata-alb";
    /** TLS 1.3 and 1.2, restricted ciphers; a listener made through the API otherwise gets ELBSecurityPolicy-2016-08 (TLS 1.0). */
    static final String SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";
    static final String ANNOTATION = "alb.ingress.kubernetes.io/";

    private final String host;

    ApiIngress(ServiceFabricConfig config, String domain, Provider kubernetes, Resource namespace, Resource parent) {
        host = host(domain);
        var child = CustomResourceOptions.builder().parent(parent).build();
        String zone = config.hostedZoneId().orElseThrow();
        Output<String> certificate = DnsValidatedCertificate.issue("api-certificate", host, zone, child, child);

        var params = new KubernetesObject("alb-params", "eks.amazonaws.com/v1", "IngressClassParams",
                ObjectMetaArgs.builder().name(INGRESS_CLASS).build(),
                certificate.applyValue(arn -> Map.<String, Object>of("scheme", "internet-facing", "certificateARNs", List.of(arn))),
                CustomResourceOptions.builder().parent(parent).provider(kubernetes).build());
        var ingressClass = new IngressClass("alb", IngressClassArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(INGRESS_CLASS).build())
                .spec(IngressClassSpecArgs.builder()
                        .controller("eks.amazonaws.com/alb")
                        .parameters(IngressClassParametersReferenceArgs.builder()
                                .apiGroup("eks.amazonaws.com").kind("IngressClassParams").name(INGRESS_CLASS).build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(parent).provider(kubernetes).dependsOn(params).build());
        var ingress = new Ingress("api", IngressArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("api").namespace(ApiHosting.NAMESPACE).labels(ApiHosting.APP)
                        .annotations(annotations()).build())
                .spec(IngressSpecArgs.builder()
                        .ingressClassName(INGRESS_CLASS)
                        .rules(IngressRuleArgs.builder().host(host).http(HTTPIngressRuleValueArgs.builder()
                                .paths(HTTPIngressPathArgs.builder().path("/").pathType("Prefix")
                                        .backend(IngressBackendArgs.builder().service(IngressServiceBackendArgs.builder()
                                                .name("api").port(ServiceBackendPortArgs.builder().name("http").build())
                                                .build()).build())
                                        .build())
                                .build()).build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(parent).provider(kubernetes)
                .dependsOn(namespace, ingressClass).build());
        // The ALB's DNS name, once Auto Mode has provisioned it (the provider waits for the Ingress's address).
        Output<String> alb = ingress.status().applyValue(status -> status.flatMap(s -> s.loadBalancer())
                .flatMap(lb -> lb.ingress().stream().findFirst()).flatMap(i -> i.hostname()).orElse(""));
        new Record("api-dns", RecordArgs.builder()
                .zoneId(zone)
                .name(host)
                .type(Either.ofLeft("CNAME"))
                .ttl(300)
                .records(alb.applyValue(List::of))
                .build(), child);
    }

    /** The listeners of the ALB, set per Ingress (EKS Auto Mode reads these annotations; the certificate is the class's). */
    static Map<String, String> annotations() {
        return Map.of(
                ANNOTATION + "listen-ports", "[{\"HTTP\": 80}, {\"HTTPS\": 443}]",
                ANNOTATION + "ssl-redirect", "443",
                ANNOTATION + "ssl-policy", SSL_POLICY,
                ANNOTATION + "healthcheck-path", "/healthz/ready");
    }

    static String host(String domain) {
        return "api." + domain;
    }

    String url() {
        return "https://" + host;
    }
}
