package io.meltanodata.servicefabric;

import io.meltanodata.components.chargeback.ChargeBackTransformation;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a reviewer of `pulumi preview` checks on the fabric, asserted on the inputs sent to AWS and Kubernetes. */
class ServiceFabricTest {
    static Rendering fabric;
    static String keyArn;

    @BeforeAll
    static void renderDefault() {
        fabric = render(validConfig());
        keyArn = (String) fabric.outputs().get("fabricKeyArn");
        assertTrue(keyArn.matches("arn:aws:kms:eu-west-1:123456789012:key/[0-9a-f-]{36}"), keyArn);
    }

    @Test
    void clusterUsesApiAuthenticationAndGivesTheCreatorNothing() {
        RecordedResource cluster = one(fabric, "aws:eks/cluster:Cluster");
        assertEquals("meltanodata-test", input(cluster, "name"));
        assertEquals("API", input(cluster, "accessConfig.authenticationMode"));
        assertEquals(false, input(cluster, "accessConfig.bootstrapClusterCreatorAdminPermissions"));
    }

    @Test
    void clusterSecretsAreEnvelopeEncryptedWithTheRotatedFabricKey() {
        RecordedResource cluster = one(fabric, "aws:eks/cluster:Cluster");
        assertEquals(List.of("secrets"), input(cluster, "encryptionConfig.resources"));
        assertEquals(keyArn, input(cluster, "encryptionConfig.provider.keyArn"));
        RecordedResource key = one(fabric, "aws:kms/key:Key");
        assertEquals(true, input(key, "enableKeyRotation"));
        assertTrue(key.protect(), "the key that decrypts cluster secrets must not be destroyed by accident");
    }

    @Test
    void allControlPlaneLogTypesGoToALogGroupWithRetention() {
        RecordedResource cluster = one(fabric, "aws:eks/cluster:Cluster");
        assertEquals(List.of("api", "audit", "authenticator", "controllerManager", "scheduler"),
                input(cluster, "enabledClusterLogTypes"));
        RecordedResource logs = named(fabric, "aws:cloudwatch/logGroup:LogGroup", "control-plane-logs");
        assertEquals("/aws/eks/meltanodata-test/cluster", input(logs, "name"));
    }

    @Test
    void endpointIsPrivateOnlyWithoutCidrsAndRestrictedWithThem() {
        RecordedResource privateOnly = one(fabric, "aws:eks/cluster:Cluster");
        assertEquals(true, input(privateOnly, "vpcConfig.endpointPrivateAccess"));
        assertEquals(false, input(privateOnly, "vpcConfig.endpointPublicAccess"));
        RecordedResource restricted = one(render(with("meltanodata:publicAccessCidrs",
                "[\"203.0.113.0/24\",\"198.51.100.7/32\"]")), "aws:eks/cluster:Cluster");
        assertEquals(true, input(restricted, "vpcConfig.endpointPrivateAccess"));
        assertEquals(true, input(restricted, "vpcConfig.endpointPublicAccess"));
        assertEquals(List.of("203.0.113.0/24", "198.51.100.7/32"), input(restricted, "vpcConfig.publicAccessCidrs"));
    }

    @Test
    void autoModeComputeRunsNodesInPrivateSubnetsOnly() {
        RecordedResource cluster = one(fabric, "aws:eks/cluster:Cluster");
        assertEquals(true, input(cluster, "computeConfig.enabled"));
        assertEquals(List.of("system"), input(cluster, "computeConfig.nodePools"));
        assertEquals("arn:aws:iam::123456789012:role/meltanodata-test-node", input(cluster, "computeConfig.nodeRoleArn"));
        assertEquals(true, input(cluster, "kubernetesNetworkConfig.elasticLoadBalancing.enabled"));
        assertEquals(true, input(cluster, "storageConfig.blockStorage.enabled"));
        @SuppressWarnings("unchecked")
        List<String> exported = (List<String>) fabric.outputs().get("privateSubnetIds");
        assertEquals(exported, input(cluster, "vpcConfig.subnetIds"));
        assertEquals(3, exported.size());
        exported.forEach(id -> assertTrue(id.startsWith("subnet-"), id));
        assertFalse(exported.contains(((List<?>) fabric.outputs().get("publicSubnetIds")).get(0)), "no public subnet for nodes");
    }

    @Test
    void subnetsSpreadOverTheZonesAndCarryTheLoadBalancerTags() {
        for (String n : List.of("1", "2", "3")) {
            RecordedResource pub = named(fabric, "aws:ec2/subnet:Subnet", "public-" + n);
            RecordedResource priv = named(fabric, "aws:ec2/subnet:Subnet", "private-" + n);
            assertEquals((Object) input(pub, "availabilityZoneId"), input(priv, "availabilityZoneId"), "one public, one private per zone");
            assertEquals("1", input(pub, "tags[\"kubernetes.io/role/elb\"]"));
            assertEquals("1", input(priv, "tags[\"kubernetes.io/role/internal-elb\"]"));
            assertEquals(false, input(pub, "mapPublicIpOnLaunch"));
            assertEquals(false, input(priv, "mapPublicIpOnLaunch"));
        }
        assertEquals("10.20.0.0/18", input(named(fabric, "aws:ec2/subnet:Subnet", "private-1"), "cidrBlock"));
        assertEquals("10.20.192.0/20", input(named(fabric, "aws:ec2/subnet:Subnet", "public-1"), "cidrBlock"));
    }

    @Test
    void natGatewaysPerZoneOrOneSharedAndEveryPrivateZoneRoutesThroughOne() {
        assertEquals(3, fabric.ofType("aws:ec2/natGateway:NatGateway").size());
        Rendering single = render(with("meltanodata:natGateways", "single"));
        assertEquals(1, single.ofType("aws:ec2/natGateway:NatGateway").size());
        assertEquals(1, single.ofType("aws:ec2/eip:Eip").size());
        List<RecordedResource> privateDefaults = single.where(r -> r.name().startsWith("private-default-route-"));
        assertEquals(3, privateDefaults.size());
        Object firstNat = input(privateDefaults.get(0), "natGatewayId");
        privateDefaults.forEach(route -> assertEquals(firstNat, input(route, "natGatewayId")));
    }

    @Test
    void s3TrafficBypassesNatAndFlowLogsAreOn() {
        RecordedResource endpoint = one(fabric, "aws:ec2/vpcEndpoint:VpcEndpoint");
        assertEquals("com.amazonaws.eu-west-1.s3", input(endpoint, "serviceName"));
        assertEquals("Gateway", input(endpoint, "vpcEndpointType"));
        assertEquals(3, ((List<?>) input(endpoint, "routeTableIds")).size());
        RecordedResource flowLog = one(fabric, "aws:ec2/flowLog:FlowLog");
        assertEquals("ALL", input(flowLog, "trafficType"));
        assertEquals("cloud-watch-logs", input(flowLog, "logDestinationType"));
    }

    @Test
    void everyLogGroupHasTheConfiguredRetention() {
        List<RecordedResource> logGroups = fabric.ofType("aws:cloudwatch/logGroup:LogGroup");
        assertEquals(3, logGroups.size());
        logGroups.forEach(group -> assertEquals((Object) 30, input(group, "retentionInDays"), group.name()));
        render(with("meltanodata:logRetentionDays", "365")).ofType("aws:cloudwatch/logGroup:LogGroup")
                .forEach(group -> assertEquals((Object) 365, input(group, "retentionInDays"), group.name()));
    }

    @Test
    void everyTaggableResourceCarriesTheFabricChargeBackTags() {
        List<RecordedResource> taggable = fabric.where(r -> r.argsClass().map(ChargeBackTransformation::isTaggable).orElse(false));
        assertTrue(taggable.size() > 40, "most of the fabric is taggable: " + taggable.size());
        for (RecordedResource resource : taggable) {
            assertEquals("service-fabric", input(resource, "tags[\"meltanodata:layer\"]"), resource.name());
            assertEquals("test", input(resource, "tags[\"meltanodata:fabric\"]"), resource.name());
            assertFalse(((Map<?, ?>) input(resource, "tags")).containsKey("meltanodata:site"), resource.name());
        }
        List<RecordedResource> kubernetesObjects = fabric.where(r -> r.type().startsWith("kubernetes:"));
        assertEquals(6, kubernetesObjects.size(), "the API's namespace, Deployment and Service, the platform NodeClass and NodePool, the network policy ConfigMap; no load balancer without a domain");
        kubernetesObjects.forEach(k8s -> assertEquals("service-fabric", input(k8s, "metadata.labels[\"meltanodata.io/layer\"]"), k8s.name()));
    }

    @Test
    void uiBucketIsPrivateEncryptedVersionedTlsOnlyAndReadableOnlyByItsDistribution() {
        RecordedResource bucket = one(fabric, "aws:s3/bucketV2:BucketV2");
        assertTrue(bucket.protect() && bucket.retainOnDelete());
        RecordedResource block = one(fabric, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        for (String flag : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertEquals(true, input(block, flag), flag);
        }
        assertEquals("AES256", input(one(fabric, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"),
                "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm"));
        assertEquals("Enabled", input(one(fabric, "aws:s3/bucketVersioningV2:BucketVersioningV2"), "versioningConfiguration.status"));
        assertEquals("BucketOwnerEnforced", input(one(fabric, "aws:s3/bucketOwnershipControls:BucketOwnershipControls"), "rule.objectOwnership"));

        List<Map<String, Object>> policy = PolicyDocument.parse(input(one(fabric, "aws:s3/bucketPolicy:BucketPolicy"), "policy"));
        assertEquals(Map.of("Sid", "DenyInsecureTransport", "Effect", "Deny", "Principal", Map.of("AWS", "*"),
                "Action", List.of("s3:*"), "Resource", List.of("arn:aws:s3:::meltanodata-test-ui", "arn:aws:s3:::meltanodata-test-ui/*"),
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))), policy.get(0));
        Map<String, Object> read = policy.get(1);
        assertEquals(Map.of("Service", "cloudfront.amazonaws.com"), read.get("Principal"));
        assertEquals(List.of("s3:GetObject"), read.get("Action"));
        assertEquals(Map.of("StringEquals", Map.of("AWS:SourceArn", "arn:aws:cloudfront:eu-west-1:123456789012:distribution/ui")),
                read.get("Condition"));
        assertEquals(2, policy.size());
    }

    @Test
    void cloudFrontServesHttpsOnlyThroughOriginAccessControl() {
        RecordedResource cdn = one(fabric, "aws:cloudfront/distribution:Distribution");
        assertEquals("redirect-to-https", input(cdn, "defaultCacheBehavior.viewerProtocolPolicy"));
        RecordedResource oac = one(fabric, "aws:cloudfront/originAccessControl:OriginAccessControl");
        assertEquals("always", input(oac, "signingBehavior"));
        String oacId = input(oac, "name");
        assertEquals(oacId, input(cdn, "origins[0].originAccessControlId"), "the synthetic id is the name");
        assertEquals(true, input(cdn, "viewerCertificate.cloudfrontDefaultCertificate"));
        Map<String, String> withDomain = with("meltanodata:domain", "app.example.com");
        withDomain.put("meltanodata:hostedZoneId", "Z0123456789ABC");
        Rendering custom = render(withDomain);
        RecordedResource cdn2 = one(custom, "aws:cloudfront/distribution:Distribution");
        assertEquals("TLSv1.2_2021", input(cdn2, "viewerCertificate.minimumProtocolVersion"));
        assertEquals("sni-only", input(cdn2, "viewerCertificate.sslSupportMethod"));
        assertEquals(List.of("app.example.com"), input(cdn2, "aliases"));
        RecordedResource certificate = named(custom, "aws:acm/certificate:Certificate", "ui-certificate");
        assertEquals("DNS", input(certificate, "validationMethod"));
        assertEquals("us-east-1", input(one(custom, "pulumi:providers:aws"), "region"),
                "CloudFront reads certificates from us-east-1 only");
    }

    @Test
    void platformAdminsGetClusterAdminAccessEntriesAndNobodyElse() {
        Rendering two = render(with("meltanodata:platformAdmins",
                "[\"arn:aws:iam::111122223333:role/A\",\"arn:aws:iam::111122223333:user/b\"]"));
        assertEquals(List.of("arn:aws:iam::111122223333:role/A", "arn:aws:iam::111122223333:user/b"),
                two.ofType("aws:eks/accessEntry:AccessEntry").stream().map(e -> input(e, "principalArn")).toList());
        two.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").forEach(a -> {
            assertEquals("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", input(a, "policyArn"));
            assertEquals("cluster", input(a, "accessScope.type"));
        });
    }

    @Test
    void alertsAreEncryptedAndWiredToEveryAlarm() {
        RecordedResource topic = one(fabric, "aws:sns/topic:Topic");
        assertEquals(keyArn, input(topic, "kmsMasterKeyId"));
        assertEquals("alerts@example.com", input(one(fabric, "aws:sns/topicSubscription:TopicSubscription"), "endpoint"));
        List<RecordedResource> alarms = fabric.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
        assertEquals(3, alarms.size());
        alarms.forEach(alarm -> assertEquals(List.of("arn:aws:sns:eu-west-1:123456789012:meltanodata-test-alerts"),
                input(alarm, "alarmActions"), alarm.name()));
        RecordedResource failedRuns = one(fabric, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
        assertEquals("/meltanodata/test/jobs", input(failedRuns, "logGroupName"));
        assertEquals("\"meltanodata run failed\"", input(failedRuns, "pattern"),
                "the line the image's meltanodata-run prints for every failed run (MeltanoRunIT runs it)");
    }

    /**
     * Each failed run's line counts 1, every other event of the job log group 0 (the metric
     * transformation's defaultValue, "MetricTransformation", CloudWatch Logs API Reference); with no
     * run, no event reaches the group and the metric has no data, which must not alarm:
     * treatMissingData notBreaching ("Configuring how CloudWatch alarms treat missing data",
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data).
     */
    @Test
    void theFailedRunAlarmCountsFailedRunLinesAndStaysOkWithoutRuns() {
        RecordedResource filter = one(fabric, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
        assertEquals(io.meltanodata.components.kubernetes.MeltanoRuns.failedRunFilterPattern(), input(filter, "pattern"));
        assertEquals(Map.of("namespace", "MeltanoData", "name", "FailedMeltanoRuns-test", "value", "1", "defaultValue", "0"),
                input(filter, "metricTransformation"));
        RecordedResource alarm = named(fabric, "aws:cloudwatch/metricAlarm:MetricAlarm", "failed-runs-alarm");
        assertEquals("FailedMeltanoRuns-test", input(alarm, "metricName"));
        assertEquals("Sum", input(alarm, "statistic"));
        assertEquals("GreaterThanThreshold", input(alarm, "comparisonOperator"));
        assertEquals(0.0, ((Number) input(alarm, "threshold")).doubleValue());
        assertEquals("notBreaching", input(alarm, "treatMissingData"));
    }

    @Test
    void apiRunsRestrictedOnTheCluster() {
        RecordedResource ns = one(fabric, "kubernetes:core/v1:Namespace");
        assertEquals("restricted", input(ns, "metadata.labels[\"pod-security.kubernetes.io/enforce\"]"));
        RecordedResource api = one(fabric, "kubernetes:apps/v1:Deployment");
        Map<String, Object> container = input(api, "spec.template.spec.containers[0]");
        assertEquals("ghcr.io/meltanodata/api:0.1.0", container.get("image"));
        assertEquals(Map.of("runAsNonRoot", true, "runAsUser", 10001, "readOnlyRootFilesystem", true,
                "allowPrivilegeEscalation", false, "privileged", false, "capabilities", Map.of("drop", List.of("ALL")),
                "seccompProfile", Map.of("type", "RuntimeDefault")), container.get("securityContext"));
        assertEquals(Map.of("cpu", "1", "memory", "512Mi"), input(api, "spec.template.spec.containers[0].resources.limits"));
    }

    @Test
    void userPoolIsInviteOnlyWithStrongPasswordsAndDeletionProtection() {
        RecordedResource pool = one(fabric, "aws:cognito/userPool:UserPool");
        assertEquals(true, input(pool, "adminCreateUserConfig.allowAdminCreateUserOnly"));
        assertEquals("ACTIVE", input(pool, "deletionProtection"));
        assertEquals((Object) 14, input(pool, "passwordPolicy.minimumLength"));
        assertTrue(pool.protect() && pool.retainOnDelete());
    }
}
