package io.meltanodata.policy;

import io.meltanodata.servicefabric.KubernetesVersions;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.meltanodata.policy.PolicyRule.ofType;
import static io.meltanodata.policy.PolicyRule.perResource;

/** The CIS EKS Benchmark and EKS Best Practices items IaC controls, and AWS storage defaults. */
final class HardeningRules {
    static final Set<String> LOG_TYPES = Set.of("api", "audit", "authenticator", "controllerManager", "scheduler");
    static final Set<Integer> ADMIN_PORTS = Set.of(22, 3389, 6443);

    private HardeningRules() {
    }

    static List<PolicyRule> all() {
        return List.of(
                perResource("EKS-001", "cluster secrets are envelope-encrypted with KMS", ofType("aws:eks/cluster:Cluster"),
                        (s, r) -> Inputs.list(r, "encryptionConfig.resources").contains("secrets")
                                && !Inputs.text(r, "encryptionConfig.provider.keyArn").isEmpty() ? null
                                : "secrets are not encrypted with a KMS key"),
                perResource("EKS-002", "all control-plane log types are enabled", ofType("aws:eks/cluster:Cluster"),
                        (s, r) -> Set.copyOf(Inputs.list(r, "enabledClusterLogTypes")).containsAll(LOG_TYPES) ? null
                                : "control-plane logs " + Inputs.list(r, "enabledClusterLogTypes") + " miss some of " + LOG_TYPES),
                perResource("EKS-003", "the API endpoint is private, or public only to listed CIDRs", ofType("aws:eks/cluster:Cluster"),
                        (s, r) -> {
                            if (!Inputs.isTrue(r, "vpcConfig.endpointPrivateAccess")) {
                                return "private endpoint access is off";
                            }
                            boolean open = Inputs.get(r, "vpcConfig.endpointPublicAccess").map(Boolean.TRUE::equals).orElse(true)
                                    && (Inputs.list(r, "vpcConfig.publicAccessCidrs").isEmpty()
                                    || Inputs.list(r, "vpcConfig.publicAccessCidrs").contains("0.0.0.0/0"));
                            return open ? "public endpoint open to 0.0.0.0/0" : null;
                        }),
                perResource("EKS-006", "the cluster runs a Kubernetes version EKS offers with Auto Mode and ValidatingAdmissionPolicy v1",
                        ofType("aws:eks/cluster:Cluster"), (s, r) -> KubernetesVersions.accepted(Inputs.text(r, "version")) ? null
                                : "Kubernetes " + Inputs.text(r, "version") + " is not one of " + KubernetesVersions.ACCEPTED),
                perResource("EKS-007", "only the fabric associates EKS access policies; tenants get Kubernetes groups, bound by RBAC",
                        ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation"), (s, r) -> s.isTenant()
                                ? "tenant stack associates " + Inputs.text(r, "policyArn") + " with " + Inputs.text(r, "principalArn")
                                : null),
                perResource("KMS-001", "KMS keys rotate", ofType("aws:kms/key:Key"),
                        (s, r) -> Inputs.isTrue(r, "enableKeyRotation") ? null : "key rotation is off"),
                perResource("LOG-001", "log groups keep logs for a bounded time", ofType("aws:cloudwatch/logGroup:LogGroup"),
                        (s, r) -> Inputs.get(r, "retentionInDays").map(v -> ((Number) v).intValue() > 0).orElse(false) ? null
                                : "no retention (logs kept and billed forever)"),
                perResource("S3-001", "every bucket blocks public access", ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"),
                        (s, r) -> List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets").stream()
                                .allMatch(k -> Inputs.isTrue(r, k)) ? null : "public access is not fully blocked"),
                perResource("S3-002", "every bucket policy refuses requests without TLS", ofType("aws:s3/bucketPolicy:BucketPolicy"),
                        (s, r) -> Inputs.statements(r).stream().anyMatch(st -> "Deny".equals(st.get("Effect"))
                                && String.valueOf(st.get("Condition")).contains("aws:SecureTransport=false")) ? null
                                : "no Deny on aws:SecureTransport=false"),
                perResource("S3-003", "every bucket is encrypted at rest; tenant buckets with KMS",
                        ofType("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"),
                        (s, r) -> {
                            String rules = Inputs.text(r, "rules");
                            return rules.contains("aws:kms") || (!s.isTenant() && rules.contains("AES256")) ? null
                                    : s.isTenant() ? "tenant data not encrypted with KMS" : "no default encryption";
                        }),
                perResource("NET-001", "no security group rule opens an admin port to the internet",
                        ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:ec2/securityGroupRule:SecurityGroupRule"),
                        (s, r) -> {
                            boolean internet = "0.0.0.0/0".equals(Inputs.text(r, "cidrIpv4")) || Inputs.list(r, "cidrBlocks").contains("0.0.0.0/0");
                            int from = Inputs.get(r, "fromPort").map(v -> ((Number) v).intValue()).orElse(0);
                            int to = Inputs.get(r, "toPort").map(v -> ((Number) v).intValue()).orElse(65535);
                            return internet && ADMIN_PORTS.stream().anyMatch(p -> p >= from && p <= to)
                                    ? "opens ports " + from + "-" + to + " to 0.0.0.0/0" : null;
                        }),
                perResource("NET-005", "load balancers serve HTTPS only (TLS 1.2+), plain HTTP only to redirect",
                        ofType("kubernetes:networking.k8s.io/v1:Ingress", "kubernetes:eks.amazonaws.com/v1:IngressClassParams"),
                        (s, r) -> r.type().endsWith("IngressClassParams") ? certificateNamed(r) : httpsOnly(r)),
                perResource("NET-002", "tenant namespaces deny by default and block the instance metadata service",
                        ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy"), (s, r) -> {
                            for (Object rule : Inputs.list(r, "spec.egress")) {
                                for (Object to : Inputs.asList(((Map<?, ?>) rule).get("to"))) {
                                    Object block = ((Map<?, ?>) to).get("ipBlock");
                                    if (block instanceof Map<?, ?> b && "0.0.0.0/0".equals(b.get("cidr"))
                                            && !Inputs.asList(b.get("except")).contains("169.254.169.254/32")) {
                                        return "egress to 0.0.0.0/0 without excepting 169.254.169.254/32";
                                    }
                                }
                            }
                            return null;
                        }));
    }

    private static String certificateNamed(io.meltanodata.preview.RecordedResource r) {
        boolean internet = !"internal".equals(Inputs.text(r, "spec.scheme"));
        return internet && Inputs.list(r, "spec.certificateARNs").isEmpty()
                ? "internet-facing load balancers of this class get no certificate (spec.certificateARNs)" : null;
    }

    private static String httpsOnly(io.meltanodata.preview.RecordedResource r) {
        String prefix = "metadata.annotations[\"alb.ingress.kubernetes.io/";
        String ports = Inputs.text(r, prefix + "listen-ports\"]");
        String policy = Inputs.text(r, prefix + "ssl-policy\"]");
        if (!ports.contains("HTTPS")) {
            return "no HTTPS listener (listen-ports " + (ports.isEmpty() ? "default: HTTP 80" : ports) + ")";
        }
        if (ports.contains("\"HTTP\"") && !"443".equals(Inputs.text(r, prefix + "ssl-redirect\"]"))) {
            return "plain HTTP is served, not redirected to HTTPS (ssl-redirect)";
        }
        return policy.startsWith("ELBSecurityPolicy-TLS13-1-2") || policy.startsWith("ELBSecurityPolicy-TLS13-1-3")
                ? null : "TLS policy '" + policy + "' allows TLS below 1.2 (or is the default, ELBSecurityPolicy-2016-08)";
    }
}
