package io.meltanodata.servicefabric;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterComputeConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterKubernetesNetworkConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterKubernetesNetworkConfigElasticLoadBalancingArgs;
import com.pulumi.aws.eks.inputs.ClusterStorageConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterStorageConfigBlockStorageArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;
import io.meltanodata.components.kubernetes.ClusterNetwork;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.List;

/**
 * The EKS cluster, built from {@code com.pulumi:aws} resources (decision 0002): API
 * authentication (access entries, no aws-auth ConfigMap, the creator gets no implicit admin),
 * secrets envelope-encrypted with the fabric key, all control-plane log types, a private
 * endpoint plus an optional public one restricted to configured CIDRs, and EKS Auto Mode
 * compute so nodes exist only while pods need them: the built-in {@code system} pool, plus the
 * platform's own pool ({@link PlatformCompute}) and each site's, whose tagged NodeClasses the
 * cluster role may launch ({@link AutoModeTagging}). The Service range is fixed
 * ({@link ClusterNetwork}) so that tenant NetworkPolicies can admit the node-local DNS address.
 */
final class Cluster {
    static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager", "scheduler");
    static final List<String> CLUSTER_POLICIES = List.of("AmazonEKSClusterPolicy", "AmazonEKSComputePolicy",
            "AmazonEKSBlockStoragePolicy", "AmazonEKSLoadBalancingPolicy", "AmazonEKSNetworkingPolicy");
    static final List<String> NODE_POLICIES = List.of("AmazonEKSWorkerNodeMinimalPolicy",
            "AmazonEC2ContainerRegistryPullOnly");
    static final String OBSERVABILITY_NAMESPACE = "amazon-cloudwatch";
    static final String OBSERVABILITY_SERVICE_ACCOUNT = "cloudwatch-agent";

    private final com.pulumi.aws.eks.Cluster cluster;
    private final Role nodeRole;
    private final OpenIdConnectProvider clusterOidc;
    private final ClusterAccessEntries access;

    Cluster(ServiceFabricConfig config, Network network, FabricKey key, Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        String fabric = config.fabricName();
        String clusterName = Names.of(NameKind.EKS_CLUSTER, "meltanodata", fabric);

        var clusterRole = new Role("cluster-role", RoleArgs.builder()
                .name(Names.of(NameKind.IAM_ROLE, "meltanodata", fabric, "cluster"))
                .assumeRolePolicy(PolicyDocument.of(PolicyStatement.allow("sts:AssumeRole", "sts:TagSession")
                        .principal("Service", "eks.amazonaws.com").sid("EksControlPlane")).toJson())
                .build(), child);
        var attachments = CLUSTER_POLICIES.stream().map(policy -> new RolePolicyAttachment("cluster-role-" + policy,
                RolePolicyAttachmentArgs.builder().role(clusterRole.name())
                        .policyArn("arn:aws:iam::aws:policy/" + policy).build(), child)).toList();
        var keyAccess = new RolePolicy("cluster-role-kms", RolePolicyArgs.builder()
                .role(clusterRole.name())
                .policy(key.key().arn().applyValue(arn -> PolicyDocument.of(PolicyStatement.allow(
                        "kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant", "kms:ListGrants")
                        .on(arn).sid("SecretsEnvelopeEncryption")).toJson()))
                .build(), child);
        // Auto Mode launches no node whose NodeClass sets tags without this (AutoModeTagging).
        var customTags = new RolePolicy("cluster-role-custom-tags", RolePolicyArgs.builder()
                .role(clusterRole.name())
                .policy(clusterRole.arn().applyValue(arn -> AutoModeTagging.policy(config.region(),
                        AutoModeTagging.accountOf(arn)).toJson()))
                .build(), child);

        nodeRole = new Role("node-role", RoleArgs.builder()
                .name(Names.of(NameKind.IAM_ROLE, "meltanodata", fabric, "node"))
                .assumeRolePolicy(PolicyDocument.of(PolicyStatement.allow("sts:AssumeRole", "sts:TagSession")
                        .principal("Service", "ec2.amazonaws.com").sid("AutoModeNodes")).toJson())
                .build(), child);
        NODE_POLICIES.forEach(policy -> new RolePolicyAttachment("node-role-" + policy,
                RolePolicyAttachmentArgs.builder().role(nodeRole.name())
                        .policyArn("arn:aws:iam::aws:policy/" + policy).build(), child));

        // Created before the cluster so EKS does not create it with infinite retention.
        var controlPlaneLogs = new LogGroup("control-plane-logs", LogGroupArgs.builder()
                .name("/aws/eks/" + clusterName + "/cluster")
                .retentionInDays(config.logRetentionDays())
                .build(), child);

        List<Resource> before = new java.util.ArrayList<>(attachments);
        before.add(keyAccess);
        before.add(customTags);
        before.add(controlPlaneLogs);
        cluster = new com.pulumi.aws.eks.Cluster("cluster", ClusterArgs.builder()
                .name(clusterName)
                .version(config.kubernetesVersion())
                .roleArn(clusterRole.arn())
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        .bootstrapClusterCreatorAdminPermissions(false)
                        .build())
                .encryptionConfig(ClusterEncryptionConfigArgs.builder()
                        .resources("secrets")
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(key.key().arn()).build())
                        .build())
                .enabledClusterLogTypes(LOG_TYPES)
                .vpcConfig(ClusterVpcConfigArgs.builder()
                        .subnetIds(network.privateSubnetIds())
                        .endpointPrivateAccess(true)
                        .endpointPublicAccess(config.publicEndpoint())
                        .publicAccessCidrs(config.publicAccessCidrs().stream().map(Object::toString).toList())
                        .build())
                .computeConfig(ClusterComputeConfigArgs.builder()
                        .enabled(true)
                        .nodePools("system")
                        .nodeRoleArn(nodeRole.arn())
                        .build())
                .kubernetesNetworkConfig(ClusterKubernetesNetworkConfigArgs.builder()
                        .serviceIpv4Cidr(ClusterNetwork.SERVICE_CIDR)
                        .elasticLoadBalancing(ClusterKubernetesNetworkConfigElasticLoadBalancingArgs.builder()
                                .enabled(true).build())
                        .build())
                .storageConfig(ClusterStorageConfigArgs.builder()
                        .blockStorage(ClusterStorageConfigBlockStorageArgs.builder().enabled(true).build())
                        .build())
                .bootstrapSelfManagedAddons(false)
                .build(), CustomResourceOptions.builder().parent(parent).dependsOn(before).build());

        access = new ClusterAccessEntries(config, cluster.name(), parent);

        // IRSA fallback for workloads Pod Identity cannot serve (decision 0003).
        clusterOidc = new OpenIdConnectProvider("cluster-oidc", OpenIdConnectProviderArgs.builder()
                .url(oidcIssuer())
                .clientIdLists("sts.amazonaws.com")
                .build(), child);

        observability(config, child);
    }

    /**
     * Container Insights through the managed add-on; its agent's AWS access via Pod Identity; where
     * its pods may run on these tainted nodes, in its configuration ({@link ObservabilityAddonValues}).
     */
    private void observability(ServiceFabricConfig config, CustomResourceOptions child) {
        var agentRole = new Role("observability-role", RoleArgs.builder()
                .name(Names.of(NameKind.IAM_ROLE, "meltanodata", config.fabricName(), "observability"))
                .assumeRolePolicy(PolicyDocument.of(PolicyStatement.allow("sts:AssumeRole", "sts:TagSession")
                        .principal("Service", "pods.eks.amazonaws.com").sid("EksPodIdentity")).toJson())
                .build(), child);
        new RolePolicyAttachment("observability-role-agent", RolePolicyAttachmentArgs.builder()
                .role(agentRole.name()).policyArn("arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy").build(), child);
        var association = new PodIdentityAssociation("observability", PodIdentityAssociationArgs.builder()
                .clusterName(cluster.name())
                .namespace(OBSERVABILITY_NAMESPACE)
                .serviceAccount(OBSERVABILITY_SERVICE_ACCOUNT)
                .roleArn(agentRole.arn())
                .build(), child);
        new Addon("amazon-cloudwatch-observability", AddonArgs.builder()
                .clusterName(cluster.name())
                .addonName("amazon-cloudwatch-observability")
                .configurationValues(ObservabilityAddonValues.json())
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("PRESERVE")
                .build(), CustomResourceOptions.builder().parent(child.getParent().orElseThrow())
                .dependsOn(association).build());
    }

    Output<String> oidcIssuer() {
        return cluster.identities().applyValue(ids -> ids.get(0).oidcs().get(0).issuer().orElseThrow());
    }

    com.pulumi.aws.eks.Cluster cluster() {
        return cluster;
    }

    Role nodeRole() {
        return nodeRole;
    }

    OpenIdConnectProvider clusterOidc() {
        return clusterOidc;
    }

    ClusterAccessEntries access() {
        return access;
    }
}
