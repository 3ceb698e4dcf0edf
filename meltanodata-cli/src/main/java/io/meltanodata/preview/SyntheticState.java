package io.meltanodata.preview;

import java.util.HashMap;
import java.util.Map;

/**
 * What a mocked provider answers for a new resource: its inputs plus the computed attributes
 * layer programs read (arn, id, name, endpoints), shaped like AWS would shape them so that
 * policies built from them can be checked. Account {@value #ACCOUNT}, region from the program.
 */
final class SyntheticState {
    static final String ACCOUNT = "123456789012";

    private SyntheticState() {
    }

    static Map<String, Object> of(String type, String name, Map<String, Object> inputs, String region, String stack) {
        Map<String, Object> state = new HashMap<>(inputs);
        // KMS key ids are UUIDs: unique per stack and logical name, so two sites' keys never share an ARN.
        String physical = type.equals("aws:kms/key:Key")
                ? uuid(java.util.List.of(stack, name)) : physicalName(inputs, name);
        state.putIfAbsent("name", physical);
        state.putIfAbsent("id", ec2Id(type, name).orElse(physical));
        state.putIfAbsent("arn", arn(type, physical, region, inputs.get("path") instanceof String p ? p : "/"));
        switch (type) {
            case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket" -> {
                state.putIfAbsent("bucket", physical);
                state.put("bucketRegionalDomainName", physical + ".s3." + region + ".amazonaws.com");
            }
            case "aws:eks/cluster:Cluster" -> {
                state.put("endpoint", "https://" + physical.toUpperCase() + ".gr7." + region + ".eks.amazonaws.com");
                state.put("certificateAuthority", Map.of("data", "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="));
                state.put("identities", java.util.List.of(Map.of("oidcs", java.util.List.of(Map.of(
                        "issuer", "https://oidc.eks." + region + ".amazonaws.com/id/" + physical.toUpperCase())))));
                Map<String, Object> vpcConfig = new HashMap<>(inputs.get("vpcConfig") instanceof Map<?, ?> v
                        ? castMap(v) : Map.of());
                vpcConfig.put("clusterSecurityGroupId", "sg-" + Integer.toHexString(physical.hashCode()));
                state.put("vpcConfig", vpcConfig);
            }
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" -> state.put("arn", "arn:aws:iam::" + ACCOUNT
                    + ":oidc-provider/" + String.valueOf(inputs.get("url")).replaceFirst("^https://", ""));
            // Long ago, as the AWS provider prints times (Go's time.Time.String()): nothing waits for it.
            case "aws:eks/accessPolicyAssociation:AccessPolicyAssociation" ->
                    state.put("associatedAt", "2026-01-05 09:30:00 +0000 UTC");
            case "aws:kms/key:Key" -> state.put("keyId", "key-" + Integer.toHexString(physical.hashCode()));
            case "aws:ecr/repository:Repository" ->
                    state.put("repositoryUrl", ACCOUNT + ".dkr.ecr." + region + ".amazonaws.com/" + physical);
            case "aws:cloudfront/distribution:Distribution" ->
                    state.put("domainName", "d" + Integer.toHexString(physical.hashCode()) + ".cloudfront.net");
            case "aws:acm/certificate:Certificate" -> state.put("domainValidationOptions", java.util.List.of(Map.of(
                    "domainName", String.valueOf(inputs.get("domainName")),
                    "resourceRecordName", "_validation." + inputs.get("domainName") + ".",
                    "resourceRecordType", "CNAME",
                    "resourceRecordValue", "_token.acm-validations.aws.")));
            case "aws:route53/record:Record" -> state.put("fqdn", String.valueOf(inputs.get("name")).replaceAll("\\.$", ""));
            case "aws:cognito/userPool:UserPool" -> state.put("endpoint", "cognito-idp." + region + ".amazonaws.com/" + physical);
            // The address EKS Auto Mode's load balancer controller writes once it has made the ALB.
            case "kubernetes:networking.k8s.io/v1:Ingress" -> state.put("status", Map.of("loadBalancer", Map.of("ingress",
                    java.util.List.of(Map.of("hostname", "k8s-" + physical + "-" + io.meltanodata.components.naming.ShortHash.of(
                            java.util.List.of(stack, name)) + "." + region + ".elb.amazonaws.com")))));
            default -> { }
        }
        return state;
    }

    private static String uuid(java.util.List<String> parts) {
        return java.util.UUID.nameUUIDFromBytes(String.join("\u0000", parts)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** EC2 ids look like AWS's ({@code vpc-1a2b3c4d}), derived from the logical name so they are stable. */
    private static java.util.Optional<String> ec2Id(String type, String name) {
        return Ec2IdPrefixes.of(type)
                .map(p -> p + "-" + io.meltanodata.components.naming.ShortHash.of(java.util.List.of(type, name)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String physicalName(Map<String, Object> inputs, String logicalName) {
        for (String key : new String[]{"name", "bucket", "clusterName", "roleName", "topicName"}) {
            if (inputs.get(key) instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        if (inputs.get("metadata") instanceof Map<?, ?> meta && meta.get("name") instanceof String s) {
            return s;
        }
        return logicalName;
    }

    /** {@code aws:iam/role:Role} -> {@code arn:aws:iam::123456789012:role/<name>}. */
    static String arn(String type, String name, String region, String path) {
        String[] token = type.split("[:/]");
        if (token.length < 3 || !"aws".equals(token[0])) {
            return "arn:mock:" + type + ":" + name;
        }
        String service = token[1];
        String kind = token[2];
        return switch (service) {
            case "s3" -> "arn:aws:s3:::" + name;
            case "iam" -> "arn:aws:iam::" + ACCOUNT + ":" + kind + path + name;
            case "sns", "sqs" -> "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + name;
            case "cloudwatch" -> kind.equals("logGroup")
                    ? "arn:aws:logs:" + region + ":" + ACCOUNT + ":log-group:" + name
                    : "arn:aws:cloudwatch:" + region + ":" + ACCOUNT + ":" + kind + ":" + name;
            case "secretsmanager" -> "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + name + "-AbCdEf";
            case "cognito" -> "arn:aws:cognito-idp:" + region + ":" + ACCOUNT + ":userpool/" + region + "_" + name;
            case "kms" -> "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + name;
            default -> "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + kind + "/" + name;
        };
    }
}
