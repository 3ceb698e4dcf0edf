package io.meltanodata.servicefabric;

import io.meltanodata.testing.LayerHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Stream;

import static io.meltanodata.servicefabric.FabricFixtures.validConfig;
import static io.meltanodata.servicefabric.FabricFixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every bad value fails alone, with its own one-line message, before any resource exists. */
class ServiceFabricConfigTest {
    private static final String P = "Pulumi.test.yaml: ";

    static Map<String, String> without(String key) {
        Map<String, String> config = validConfig();
        config.remove(key);
        return config;
    }

    static Map<String, String> with2(String key, String value, String key2, String value2) {
        Map<String, String> config = with(key, value);
        config.put(key2, value2);
        return config;
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                arguments(without("aws:region"), P + "config key 'aws:region' is required; expected an AWS region name such as eu-west-1"),
                arguments(with("aws:region", "Europe"), P + "config key 'aws:region' has value 'Europe'; allowed: an AWS region name such as eu-west-1"),
                arguments(with("meltanodata:availabilityZoneCount", "4"), P + "config key 'meltanodata:availabilityZoneCount' has value '4'; allowed: a whole number from 2 to 3"),
                arguments(with("meltanodata:vpcCidr", "10.0.0.0/8"), P + "config key 'meltanodata:vpcCidr' has value '10.0.0.0/8'; allowed: a private (RFC 1918) IPv4 network address with a prefix from /16 to /20, e.g. 10.20.0.0/16"),
                arguments(with("meltanodata:vpcCidr", "10.20.0.1/16"), P + "config key 'meltanodata:vpcCidr' has value '10.20.0.1/16'; allowed: a private (RFC 1918) IPv4 network address with a prefix from /16 to /20, e.g. 10.20.0.0/16"),
                arguments(with("meltanodata:vpcCidr", "8.8.0.0/16"), P + "config key 'meltanodata:vpcCidr' has value '8.8.0.0/16'; allowed: a private (RFC 1918) IPv4 network address with a prefix from /16 to /20, e.g. 10.20.0.0/16"),
                // The Service range must not overlap the VPC (EKS API Reference, KubernetesNetworkConfigRequest,
                // https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html).
                arguments(with("meltanodata:vpcCidr", "172.20.0.0/18"), P + "config key 'meltanodata:vpcCidr' has value '172.20.0.0/18'; allowed: a private (RFC 1918) IPv4 network address with a prefix from /16 to /20, e.g. 10.20.0.0/16, not overlapping 172.20.0.0/16 (the cluster's Service addresses)"),
                arguments(with("meltanodata:natGateways", "none"), P + "config key 'meltanodata:natGateways' has value 'none'; allowed: one of perAz, single"),
                arguments(without("meltanodata:platformAdmins"), P + "config key 'meltanodata:platformAdmins' is required; expected a list of at least one IAM role or user ARN (the cluster's administrators)"),
                arguments(with("meltanodata:platformAdmins", "[\"admin\"]"), P + "config key 'meltanodata:platformAdmins' has value 'admin'; allowed: IAM role or user ARNs such as arn:aws:iam::111122223333:role/PlatformAdmin"),
                arguments(with("meltanodata:platformAdmins", "arn:aws:iam::111122223333:role/A"), P + "config key 'meltanodata:platformAdmins' has value 'arn:aws:iam::111122223333:role/A'; allowed: a list of strings"),
                arguments(with("meltanodata:alertEmails", "[\"ops at example.com\"]"), P + "config key 'meltanodata:alertEmails' has value 'ops at example.com'; allowed: email addresses"),
                arguments(with("meltanodata:publicAccessCidrs", "[\"0.0.0.0/0\"]"), P + "config key 'meltanodata:publicAccessCidrs' has value '0.0.0.0/0'; allowed: specific admin networks; 0.0.0.0/0 would open the Kubernetes API to the whole internet (leave the list empty for a private-only endpoint)"),
                arguments(with("meltanodata:publicAccessCidrs", "[\"203.0.113.0/33\"]"), P + "config key 'meltanodata:publicAccessCidrs' has value '203.0.113.0/33'; allowed: IPv4 network addresses such as 203.0.113.0/24"),
                arguments(with("meltanodata:kubernetesVersion", "1.20"), P + "config key 'meltanodata:kubernetesVersion' has value '1.20'; allowed: 1.32 to 1.36, the versions EKS offers that run Auto Mode (1.29+) and ValidatingAdmissionPolicy v1 (1.30+), e.g. 1.33"),
                arguments(with("meltanodata:logRetentionDays", "45"), P + "config key 'meltanodata:logRetentionDays' has value '45'; allowed: one of CloudWatch's retention periods " + ServiceFabricConfig.RETENTION_DAYS),
                arguments(with("meltanodata:logRetentionDays", "0"), P + "config key 'meltanodata:logRetentionDays' has value '0'; allowed: a whole number from 1 to 3653"),
                arguments(with("meltanodata:domain", "app.example.com"), P + "config keys 'meltanodata:domain' and 'meltanodata:hostedZoneId' go together: set both (custom domain) or neither (CloudFront domain)"),
                arguments(with("meltanodata:apiImage", "ghcr.io/meltanodata/api:latest"), P + "config key 'meltanodata:apiImage' has value 'ghcr.io/meltanodata/api:latest'; allowed: a pinned tag or digest; ':latest' makes deploys unrepeatable"),
                arguments(with("meltanodata:apiImage", "api"), P + "config key 'meltanodata:apiImage' has value 'api'; allowed: an image reference with a registry and a pinned tag or digest, e.g. ghcr.io/org/api:1.4.2"),
                arguments(with("meltanodata:billingExport", "yes"), P + "config key 'meltanodata:billingExport' has value 'yes'; allowed: one of create, external, none"),
                arguments(with("meltanodata:billingExport", "external"), P + "config key 'meltanodata:billingExportUri' is required with billingExport external; expected the export's s3://bucket/prefix"),
                arguments(with("meltanodata:billingExportUri", "s3://payer-billing/cur2"), P + "config key 'meltanodata:billingExportUri' has value 's3://payer-billing/cur2'; allowed: nothing unless billingExport is external (a created export's location is s3://meltanodata-<fabric>-billing/cur2)"),
                arguments(with2("meltanodata:billingExport", "external", "meltanodata:billingExportUri", "payer-billing/cur2"), P + "config key 'meltanodata:billingExportUri' has value 'payer-billing/cur2'; allowed: an S3 location s3://<bucket>/<prefix> such as s3://acme-billing/cur2"),
                arguments(with2("meltanodata:billingExport", "create", "meltanodata:costAllocationTags", "[\"team\"]"), P + "config key 'meltanodata:costAllocationTags' has value 'team'; allowed: charge-back keys the layers write: meltanodata:layer, meltanodata:fabric, meltanodata:site, meltanodata:project, meltanodata:environment, meltanodata:git-ref, meltanodata:instance, meltanodata.io/layer, meltanodata.io/fabric, meltanodata.io/site, meltanodata.io/project, meltanodata.io/environment, meltanodata.io/git-ref, meltanodata.io/instance, aws:eks:cluster-name, aws:eks:namespace"),
                arguments(with("meltanodata:costAllocationTags", "[\"meltanodata:site\"]"), P + "config key 'meltanodata:costAllocationTags' has value 'meltanodata:site'; allowed: an empty list unless billingExport is create (only the paying account activates cost allocation tags)"),
                arguments(with("meltanodata:billingAlertsRepository", "acme/platform"), P + "config key 'meltanodata:billingAlertsRepository' has value 'acme/platform'; allowed: nothing unless billingExport is create or external (the alerts read the export)"),
                arguments(with2("meltanodata:billingExport", "create", "meltanodata:billingAlertsRepository", "acme"), P + "config key 'meltanodata:billingAlertsRepository' has value 'acme'; allowed: a GitHub repository as owner/name (letters, digits, '-', '.', '_')"),
                arguments(with("meltanodata:vpcCdir", "10.20.0.0/16"), P + "unknown config key 'meltanodata:vpcCdir'; known keys: meltanodata:alertEmails, meltanodata:apiImage, meltanodata:authDomainPrefix, meltanodata:availabilityZoneCount, meltanodata:billingAlertsRepository, meltanodata:billingExport, meltanodata:billingExportUri, meltanodata:costAllocationTags, meltanodata:domain, meltanodata:endpointPrivateAccessCidrs, meltanodata:githubOidcProviderArn, meltanodata:hostedZoneId, meltanodata:kubernetesVersion, meltanodata:logRetentionDays, meltanodata:natGateways, meltanodata:pipelineDeployRole, meltanodata:pipelinePreviewRole, meltanodata:platformAdmins, meltanodata:publicAccessCidrs, meltanodata:vpcCidr"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badValueFailsWithItsOwnMessageAndNothingIsCreated(Map<String, String> config, String message) {
        RuntimeException error = LayerHarness.stack(ServiceFabricProgram.PROJECT, "test").renderFailing(ctx ->
                ServiceFabricProgram.run(ctx, ServiceFabricConfig.load(FabricFixtures.source(config), "test")));
        assertEquals(message, error.getMessage());
    }

    @Test
    void defaultsAreTheProductionShape() {
        ServiceFabricConfig config = ServiceFabricConfig.load(FabricFixtures.source(validConfig()), "test");
        assertEquals(3, config.availabilityZoneCount());
        assertEquals(NatMode.PER_AZ, config.natGateways());
        assertEquals("10.20.0.0/16", config.vpcCidr().toString());
        assertEquals(30, config.logRetentionDays());
        assertEquals(false, config.publicEndpoint());
    }

    @Test
    void theFabricsNameIsItsStackName() {
        assertEquals("staging", ServiceFabricConfig.load(FabricFixtures.source(validConfig()), "staging").fabricName());
        RuntimeException error = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> ServiceFabricConfig.load(FabricFixtures.source(validConfig()), "Prod_1"));
        assertEquals(P + "stack name 'Prod_1' is the fabric's name, used in every physical name; allowed: 1-16 "
                + "lowercase letters and digits, starting with a letter", error.getMessage());
    }
}
