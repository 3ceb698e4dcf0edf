package io.meltanodata.real.awsfake;

import io.meltanodata.preview.Ec2IdPrefixes;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What AWS would answer for a new resource: its id and the attributes AWS computes (ARN, key id,
 * endpoints...), in AWS's formats, for the resource types the layers create. The state is the
 * inputs plus these attributes. Types not listed get an id equal to their name and a generic ARN.
 */
final class AwsShapes {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HEX = "0123456789abcdef";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final AwsAccount where;
    private final Map<String, String> env;

    AwsShapes(AwsAccount where, Map<String, String> env) {
        this.where = where;
        this.env = env;
    }

    /** The state of a resource of {@code type} created from {@code inputs}; its id is under "id". */
    Map<String, Object> created(String type, String logicalName, Map<String, Object> inputs) {
        Map<String, Object> state = new LinkedHashMap<>(inputs);
        String name = physicalName(inputs, logicalName);
        String account = where.account();
        String region = where.region();
        String service = type.split("[:/]")[1];
        String kind = type.split("[:/]")[2];
        String id = name;
        String arn = "arn:aws:" + service + ":" + region + ":" + account + ":" + kind + "/" + name;
        switch (type) {
            case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket" -> {
                state.put("bucket", name);
                arn = "arn:aws:s3:::" + name;
                state.put("bucketDomainName", name + ".s3.amazonaws.com");
                state.put("bucketRegionalDomainName", name + ".s3." + region + ".amazonaws.com");
                state.put("hostedZoneId", "Z1BKCTXD74EZPE");
                state.put("region", region);
            }
            case "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                 "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                 "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                 "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                 "aws:s3/bucketVersioningV2:BucketVersioningV2" -> id = text(inputs, "bucket");
            case "aws:iam/role:Role" -> {
                arn = iamArn("role", inputs, name);
                state.put("uniqueId", "AROA" + random(ALNUM, 17));
            }
            case "aws:iam/policy:Policy" -> {
                arn = iamArn("policy", inputs, name);
                id = arn;
                state.put("policyId", "ANPA" + random(ALNUM, 17));
            }
            case "aws:iam/rolePolicy:RolePolicy" -> id = text(inputs, "role") + ":" + name;
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment" ->
                    id = text(inputs, "role") + "-" + random(HEX, 26);
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" -> {
                arn = "arn:aws:iam::" + account + ":oidc-provider/" + text(inputs, "url").replaceFirst("^https://", "");
                id = arn;
            }
            case "aws:kms/key:Key" -> {
                id = UUID.randomUUID().toString();
                arn = "arn:aws:kms:" + region + ":" + account + ":key/" + id;
                state.put("keyId", id);
            }
            case "aws:kms/alias:Alias" -> {
                arn = "arn:aws:kms:" + region + ":" + account + ":" + name;
                state.put("targetKeyArn", "arn:aws:kms:" + region + ":" + account + ":key/" + text(inputs, "targetKeyId"));
            }
            case "aws:kms/keyPolicy:KeyPolicy" -> id = text(inputs, "keyId");
            case "aws:eks/cluster:Cluster" -> {
                arn = "arn:aws:eks:" + region + ":" + account + ":cluster/" + name;
                eksCluster(state, name);
            }
            case "aws:eks/accessEntry:AccessEntry" -> {
                id = text(inputs, "clusterName") + ":" + text(inputs, "principalArn");
                arn = null;
                state.put("accessEntryArn", "arn:aws:eks:" + region + ":" + account + ":access-entry/"
                        + text(inputs, "clusterName") + "/role/" + account + "/" + UUID.randomUUID());
            }
            case "aws:eks/accessPolicyAssociation:AccessPolicyAssociation" -> {
                id = text(inputs, "clusterName") + "#" + text(inputs, "principalArn") + "#" + text(inputs, "policyArn");
                arn = null;
                // Now, as the AWS provider prints it (Go's time.Time.String()): the fabric's provider waits for it to settle.
                String now = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS '+0000 UTC'")
                        .format(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
                state.put("associatedAt", now);
                state.put("modifiedAt", now);
            }
            case "aws:eks/podIdentityAssociation:PodIdentityAssociation" -> {
                String associationId = "a-" + random(HEX, 17);
                id = text(inputs, "clusterName") + "," + associationId;
                arn = null;
                state.put("associationId", associationId);
                state.put("associationArn", "arn:aws:eks:" + region + ":" + account + ":podidentityassociation/"
                        + text(inputs, "clusterName") + "/" + associationId);
            }
            case "aws:eks/addon:Addon" -> {
                id = text(inputs, "clusterName") + ":" + text(inputs, "addonName");
                arn = "arn:aws:eks:" + region + ":" + account + ":addon/" + text(inputs, "clusterName") + "/"
                        + text(inputs, "addonName") + "/" + UUID.randomUUID();
            }
            case "aws:cloudwatch/logGroup:LogGroup" -> arn = "arn:aws:logs:" + region + ":" + account + ":log-group:" + name;
            case "aws:cloudwatch/metricAlarm:MetricAlarm" ->
                    arn = "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name;
            case "aws:cloudwatch/logMetricFilter:LogMetricFilter" -> arn = null;
            case "aws:secretsmanager/secret:Secret" -> {
                arn = "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name + "-" + random(ALNUM, 6);
                id = arn;
            }
            case "aws:sns/topic:Topic" -> {
                arn = "arn:aws:sns:" + region + ":" + account + ":" + name;
                id = arn;
            }
            case "aws:sns/topicPolicy:TopicPolicy" -> {
                id = text(inputs, "arn");
                arn = id;
            }
            case "aws:sns/topicSubscription:TopicSubscription" -> {
                arn = text(inputs, "topic") + ":" + UUID.randomUUID();
                id = arn;
            }
            case "aws:ecr/repository:Repository" -> {
                arn = "arn:aws:ecr:" + region + ":" + account + ":repository/" + name;
                state.put("registryId", account);
                state.put("repositoryUrl", account + ".dkr.ecr." + region + ".amazonaws.com/" + name);
            }
            case "aws:ecr/lifecyclePolicy:LifecyclePolicy" -> {
                id = text(inputs, "repository");
                arn = null;
                state.put("registryId", account);
            }
            case "aws:route53/record:Record" -> {
                String fqdn = text(inputs, "name").replaceAll("\\.$", "");
                id = text(inputs, "zoneId") + "_" + fqdn + "_" + text(inputs, "type");
                arn = null;
                state.put("fqdn", fqdn);
            }
            case "aws:acm/certificate:Certificate" -> {
                id = "arn:aws:acm:" + region + ":" + account + ":certificate/" + UUID.randomUUID();
                arn = id;
                String domain = text(inputs, "domainName");
                state.put("status", "PENDING_VALIDATION");
                state.put("domainValidationOptions", List.of(Map.of("domainName", domain,
                        "resourceRecordName", "_" + random(HEX, 32) + "." + domain + ".",
                        "resourceRecordType", "CNAME",
                        "resourceRecordValue", "_" + random(HEX, 32) + ".acm-validations.aws.")));
            }
            case "aws:acm/certificateValidation:CertificateValidation" -> {
                id = java.time.Instant.now().toString();
                arn = null;
            }
            case "aws:cloudfront/distribution:Distribution" -> {
                id = "E" + random(ALNUM, 13);
                arn = "arn:aws:cloudfront::" + account + ":distribution/" + id;
                state.put("domainName", "d" + random(HEX, 13) + ".cloudfront.net");
                state.put("hostedZoneId", "Z2FDTNDATAQYW2");
                state.put("status", "Deployed");
            }
            case "aws:cloudfront/originAccessControl:OriginAccessControl" -> {
                id = "E" + random(ALNUM, 13);
                arn = "arn:aws:cloudfront::" + account + ":origin-access-control/" + id;
            }
            case "aws:cognito/userPool:UserPool" -> {
                id = region + "_" + random(ALNUM, 9);
                arn = "arn:aws:cognito-idp:" + region + ":" + account + ":userpool/" + id;
                state.put("endpoint", "cognito-idp." + region + ".amazonaws.com/" + id);
            }
            case "aws:cognito/userPoolClient:UserPoolClient" -> {
                id = random(HEX + "ghijklmnopqrstuv", 26);
                arn = null;
            }
            case "aws:cognito/userGroup:UserGroup" -> {
                id = text(inputs, "userPoolId") + "/" + name;
                arn = null;
            }
            case "aws:cognito/userInGroup:UserInGroup" -> {
                id = text(inputs, "userPoolId") + "/" + text(inputs, "groupName") + "/" + text(inputs, "username");
                arn = null;
            }
            case "aws:costexplorer/costAllocationTag:CostAllocationTag" -> {
                id = text(inputs, "tagKey");
                arn = null;
                state.put("type", "UserDefined");
            }
            case "aws:bcmdata/export:Export" -> {
                // Data Exports lives in us-east-1 and suffixes the export's name with an id.
                Object export = inputs.get("export");
                String exportName = export instanceof Map<?, ?> e ? String.valueOf(e.get("name")) : name;
                arn = "arn:aws:bcm-data-exports:us-east-1:" + account + ":export/" + exportName + "-" + UUID.randomUUID();
                id = arn;
            }
            case "aws:budgets/budget:Budget" -> {
                id = account + ":" + name;
                arn = "arn:aws:budgets::" + account + ":budget/" + name;
            }
            default -> {
                String prefix = Ec2IdPrefixes.of(type).orElse(null);
                if (prefix != null) {
                    id = prefix + "-" + random(HEX, 17);
                    arn = "arn:aws:ec2:" + region + ":" + account + ":" + kind.toLowerCase(Locale.ROOT) + "/" + id;
                    state.put("ownerId", account);
                    if (type.equals("aws:ec2/eip:Eip")) {
                        state.put("allocationId", id);
                        state.put("publicIp", "203.0.113." + (1 + RANDOM.nextInt(254)));
                    }
                }
            }
        }
        state.putIfAbsent("name", name);
        if (arn != null) {
            state.put("arn", arn);
        }
        state.put("id", id);
        return state;
    }

    private void eksCluster(Map<String, Object> state, String name) {
        String region = where.region();
        String endpoint = env.getOrDefault(FakeEks.ENDPOINT_ENV,
                "https://" + random(HEX, 32).toUpperCase(Locale.ROOT) + ".gr7." + region + ".eks.amazonaws.com");
        state.put("endpoint", endpoint);
        state.put("certificateAuthority", Map.of("data", env.getOrDefault(FakeEks.CA_ENV, "")));
        state.put("identities", List.of(Map.of("oidcs", List.of(Map.of("issuer",
                "https://oidc.eks." + region + ".amazonaws.com/id/" + random(HEX, 32).toUpperCase(Locale.ROOT))))));
        Map<String, Object> vpcConfig = new LinkedHashMap<>();
        if (state.get("vpcConfig") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> vpcConfig.put(String.valueOf(k), v));
        }
        vpcConfig.put("clusterSecurityGroupId", "sg-" + random(HEX, 17));
        state.put("vpcConfig", vpcConfig);
        state.put("status", "ACTIVE");
        state.put("platformVersion", "eks.1");
        state.putIfAbsent("version", "1.33");
        state.put("clusterId", UUID.randomUUID().toString());
    }

    private String iamArn(String kind, Map<String, Object> inputs, String name) {
        String path = inputs.get("path") instanceof String p && !p.isEmpty() ? p : "/";
        return "arn:aws:iam::" + where.account() + ":" + kind + path + name;
    }

    /** The name AWS knows the resource by: the name input if given, else Pulumi's autoname. */
    private static String physicalName(Map<String, Object> inputs, String logicalName) {
        for (String key : List.of("name", "bucket")) {
            if (inputs.get(key) instanceof String s && !s.isEmpty() && !Structs.UNKNOWN.equals(s)) {
                return s;
            }
        }
        return logicalName + "-" + random(HEX, 7);
    }

    private static String text(Map<String, Object> inputs, String key) {
        Object value = inputs.get(key);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("input '" + key + "' is missing or not text: " + value);
        }
        return s;
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
