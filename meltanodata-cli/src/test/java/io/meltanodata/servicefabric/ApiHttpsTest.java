package io.meltanodata.servicefabric;

import io.meltanodata.components.Json;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.LayerHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.meltanodata.servicefabric.FabricFixtures.render;
import static io.meltanodata.servicefabric.FabricFixtures.validConfig;
import static io.meltanodata.servicefabric.FabricFixtures.with;
import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.named;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API is served over HTTPS only (issue 21, item 12). EKS Auto Mode takes an ALB's certificate
 * from the IngressClassParams' {@code certificateARNs} and ignores annotations on the IngressClass
 * (EKS User Guide, "Create an IngressClass to configure an Application Load Balancer",
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html); the listeners are
 * set by annotations on the Ingress (EKS User Guide, "Learn about VPC Networking and Load
 * Balancing in EKS Auto Mode", section "Load balancing",
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-networking.html; the annotations
 * {@code listen-ports}, {@code ssl-redirect}, {@code ssl-policy}, {@code healthcheck-path} are the
 * AWS Load Balancer Controller's, https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/).
 * Without a policy an HTTPS listener made through the API gets ELBSecurityPolicy-2016-08, which
 * allows TLS 1.0 (Elastic Load Balancing, "Security policies for your Application Load Balancer",
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html).
 * The certificate is issued by ACM in the load balancer's region and validated by a DNS record
 * (ACM User Guide, "AWS Certificate Manager DNS validation",
 * https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html). An ALB's own DNS name
 * can get no certificate, so without a domain the API is not exposed.
 */
class ApiHttpsTest {
    static Rendering withDomain;

    @BeforeAll
    static void renderWithDomain() {
        Map<String, String> config = with("meltanodata:domain", "app.example.com");
        config.put("meltanodata:hostedZoneId", "Z0123456789ABC");
        withDomain = render(config);
    }

    @Test
    void withADomainTheApiIsServedAtApiDotDomainWithAnAcmCertificateValidatedInTheZone() {
        RecordedResource certificate = named(withDomain, "aws:acm/certificate:Certificate", "api-certificate");
        assertEquals("api.app.example.com", input(certificate, "domainName"));
        assertEquals("DNS", input(certificate, "validationMethod"));
        RecordedResource validation = named(withDomain, "aws:route53/record:Record", "api-certificate-validation");
        assertEquals("Z0123456789ABC", input(validation, "zoneId"));
        assertEquals("_validation.api.app.example.com.", input(validation, "name"));
        RecordedResource issued = named(withDomain, "aws:acm/certificateValidation:CertificateValidation", "api-certificate");
        String arn = input(issued, "certificateArn");
        assertEquals(List.of("_validation.api.app.example.com"), input(issued, "validationRecordFqdns"));

        RecordedResource params = one(withDomain, "kubernetes:eks.amazonaws.com/v1:IngressClassParams");
        assertEquals(Map.of("scheme", "internet-facing", "certificateARNs", List.of(arn)), input(params, "spec"),
                "the certificate the ALB serves is the issued one (the validation completes only once ACM issued it)");
        assertEquals("https://api.app.example.com", withDomain.outputs().get("apiUrl"));
    }

    @Test
    void theAlbListensOnHttpsWithATls12PolicyAndRedirectsHttp() {
        RecordedResource ingress = one(withDomain, "kubernetes:networking.k8s.io/v1:Ingress");
        assertEquals(Map.of(
                "alb.ingress.kubernetes.io/listen-ports", "[{\"HTTP\": 80}, {\"HTTPS\": 443}]",
                "alb.ingress.kubernetes.io/ssl-redirect", "443",
                "alb.ingress.kubernetes.io/ssl-policy", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                "alb.ingress.kubernetes.io/healthcheck-path", "/healthz/ready"), input(ingress, "metadata.annotations"));
        assertEquals("meltanodata-alb", input(ingress, "spec.ingressClassName"));
        assertEquals("api.app.example.com", input(ingress, "spec.rules[0].host"), "requests for other names get no API");
        RecordedResource ingressClass = one(withDomain, "kubernetes:networking.k8s.io/v1:IngressClass");
        assertEquals("eks.amazonaws.com/alb", input(ingressClass, "spec.controller"));
        assertTrue(input(ingressClass, "metadata").toString().indexOf("annotations") < 0,
                "Auto Mode ignores annotations on an IngressClass");
    }

    @Test
    void theApiNamePointsAtTheLoadBalancerAndTheUiCallsItOverHttps() {
        RecordedResource dns = named(withDomain, "aws:route53/record:Record", "api-dns");
        assertEquals("api.app.example.com", input(dns, "name"));
        assertEquals("CNAME", input(dns, "type"));
        assertEquals("Z0123456789ABC", input(dns, "zoneId"));
        List<String> target = input(dns, "records");
        assertEquals(1, target.size());
        assertTrue(target.get(0).matches("k8s-api-[0-9a-f]{8}\\.eu-west-1\\.elb\\.amazonaws\\.com"), target.get(0));
        Map<?, ?> ui = parse(input(one(withDomain, "aws:s3/bucketObjectv2:BucketObjectv2"), "content"));
        assertEquals("https://api.app.example.com", ui.get("apiUrl"));
    }

    @Test
    void withoutADomainTheApiIsNotExposedAndNothingCallsItOverPlainHttp() {
        Rendering fabric = render(validConfig());
        for (String type : List.of("kubernetes:networking.k8s.io/v1:Ingress", "kubernetes:networking.k8s.io/v1:IngressClass",
                "kubernetes:eks.amazonaws.com/v1:IngressClassParams", "aws:acm/certificate:Certificate")) {
            assertEquals(List.of(), fabric.ofType(type), type);
        }
        assertEquals("", fabric.outputs().get("apiUrl"));
        Map<?, ?> ui = parse(input(one(fabric, "aws:s3/bucketObjectv2:BucketObjectv2"), "content"));
        assertEquals("", ui.get("apiUrl"));
        RecordedResource service = one(fabric, "kubernetes:core/v1:Service");
        assertEquals("ClusterIP", input(service, "spec.type"), "reachable inside the cluster only");
    }

    /**
     * AWS Certificate Manager API Reference, "RequestCertificate"
     * (https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html): the first domain name
     * of a certificate, its Common Name, "cannot exceed 64 octets (characters), including periods" (RFC 5280),
     * though a DNS name may hold 253. The API's certificate is for api.&lt;domain&gt;, so a domain of 61 characters
     * is refused before any resource, and one of 60 renders both certificates within ACM's 64.
     */
    @Test
    void aDomainTooLongForTheApisCertificateIsRefused() {
        String domain = "d".repeat(56) + ".com";
        assertEquals(60, domain.length());
        Map<String, String> fits = with("meltanodata:domain", domain);
        fits.put("meltanodata:hostedZoneId", "Z0123456789ABC");
        Rendering fabric = LayerHarness.stack(ServiceFabricProgram.PROJECT, "test").render(ctx ->
                ServiceFabricProgram.run(ctx, ServiceFabricConfig.load(FabricFixtures.source(fits), "test")));
        assertEquals(List.of(domain, "api." + domain), fabric.resources().stream()
                .filter(r -> r.type().equals("aws:acm/certificate:Certificate")).map(r -> r.inputs().get("domainName")).toList());

        String longer = "e" + domain;
        Map<String, String> config = with("meltanodata:domain", longer);
        config.put("meltanodata:hostedZoneId", "Z0123456789ABC");
        RuntimeException error = LayerHarness.stack(ServiceFabricProgram.PROJECT, "test").renderFailing(ctx ->
                ServiceFabricProgram.run(ctx, ServiceFabricConfig.load(FabricFixtures.source(config), "test")));
        assertEquals("Pulumi.test.yaml: config key 'meltanodata:domain' has value '" + longer + "'; allowed: a DNS name "
                + "of at most 60 characters (the API's certificate is for api.<domain>, and ACM certifies a name of at most 64, "
                + "ACM-DOMAIN-NAME)", error.getMessage());
    }

    private static Map<?, ?> parse(Object json) {
        try {
            return Json.mapper().readValue(String.valueOf(json), Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
