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

    static Map<String, Object> of(String type, String name, Map<String, Object> inputs, String region) {
        Map<String, Object> state = new HashMap<>(inputs);
        String physical = physicalName(inputs, name);
        state.putIfAbsent("name", physical);
        state.putIfAbsent("id", physical);
        state.putIfAbsent("arn", arn(type, physical, region));
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
                state.put("clusterSecurityGroupId", "sg-" + Integer.toHexString(physical.hashCode()));
            }
            case "aws:kms/key:Key" -> state.put("keyId", "key-" + Integer.toHexString(physical.hashCode()));
            case "aws:ecr/repository:Repository" ->
                    state.put("repositoryUrl", ACCOUNT + ".dkr.ecr." + region + ".amazonaws.com/" + physical);
            case "aws:cloudfront/distribution:Distribution" ->
                    state.put("domainName", "d" + Integer.toHexString(physical.hashCode()) + ".cloudfront.net");
            case "aws:cognito/userPool:UserPool" -> state.put("endpoint", "cognito-idp." + region + ".amazonaws.com/" + physical);
            default -> { }
        }
        return state;
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
    static String arn(String type, String name, String region) {
        String[] token = type.split("[:/]");
        if (token.length < 3 || !"aws".equals(token[0])) {
            return "arn:mock:" + type + ":" + name;
        }
        String service = token[1];
        String kind = token[2];
        return switch (service) {
            case "s3" -> "arn:aws:s3:::" + name;
            case "iam" -> "arn:aws:iam::" + ACCOUNT + ":" + kind + "/" + name;
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
