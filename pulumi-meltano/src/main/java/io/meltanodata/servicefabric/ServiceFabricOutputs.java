package io.meltanodata.servicefabric;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.StackReference;
import io.meltanodata.components.contract.OutputKey;
import io.meltanodata.components.contract.StackOutputs;

import java.util.List;

/**
 * The Layer 1 contract: what a Service Fabric stack exports and Layer 2 reads through a
 * {@code StackReference}. Each output name is defined once, here.
 */
public record ServiceFabricOutputs(
        Output<String> fabricName,
        Output<String> region,
        Output<String> accountId,
        Output<String> vpcId,
        Output<List<String>> privateSubnetIds,
        Output<List<String>> publicSubnetIds,
        Output<String> clusterName,
        Output<String> clusterEndpoint,
        Output<String> clusterCertificateAuthority,
        Output<String> oidcIssuerUrl,
        Output<String> oidcProviderArn,
        Output<String> clusterSecurityGroupId,
        Output<String> kubeconfig,
        Output<String> nodeRoleName,
        Output<List<String>> platformAdminArns,
        Output<String> alertTopicArn,
        Output<String> userPoolId,
        Output<String> userPoolArn,
        Output<String> jobLogGroupName,
        Output<String> uiUrl,
        Output<String> apiUrl,
        Output<String> githubOidcProviderArn,
        Output<String> clusterArn,
        Output<String> fabricKeyArn,
        Output<String> authUrl,
        Output<String> webClientId) {

    public static final OutputKey<String> FABRIC_NAME = OutputKey.text("fabricName");
    public static final OutputKey<String> REGION = OutputKey.text("region");
    public static final OutputKey<String> ACCOUNT_ID = OutputKey.text("accountId");
    public static final OutputKey<String> VPC_ID = OutputKey.text("vpcId");
    public static final OutputKey<List<String>> PRIVATE_SUBNET_IDS = OutputKey.textList("privateSubnetIds");
    public static final OutputKey<List<String>> PUBLIC_SUBNET_IDS = OutputKey.textList("publicSubnetIds");
    public static final OutputKey<String> CLUSTER_NAME = OutputKey.text("clusterName");
    public static final OutputKey<String> CLUSTER_ENDPOINT = OutputKey.text("clusterEndpoint");
    public static final OutputKey<String> CLUSTER_CERTIFICATE_AUTHORITY = OutputKey.text("clusterCertificateAuthority");
    public static final OutputKey<String> OIDC_ISSUER_URL = OutputKey.text("oidcIssuerUrl");
    public static final OutputKey<String> OIDC_PROVIDER_ARN = OutputKey.text("oidcProviderArn");
    public static final OutputKey<String> CLUSTER_SECURITY_GROUP_ID = OutputKey.text("clusterSecurityGroupId");
    /** Exec-based (aws eks get-token): holds no credential, but marked secret as defence in depth. */
    public static final OutputKey<String> KUBECONFIG = OutputKey.text("kubeconfig").asSecret();
    public static final OutputKey<String> NODE_ROLE_NAME = OutputKey.text("nodeRoleName");
    public static final OutputKey<List<String>> PLATFORM_ADMIN_ARNS = OutputKey.textList("platformAdminArns");
    public static final OutputKey<String> ALERT_TOPIC_ARN = OutputKey.text("alertTopicArn");
    public static final OutputKey<String> USER_POOL_ID = OutputKey.text("userPoolId");
    public static final OutputKey<String> USER_POOL_ARN = OutputKey.text("userPoolArn");
    public static final OutputKey<String> JOB_LOG_GROUP_NAME = OutputKey.text("jobLogGroupName");
    public static final OutputKey<String> UI_URL = OutputKey.text("uiUrl");
    public static final OutputKey<String> API_URL = OutputKey.text("apiUrl");
    public static final OutputKey<String> GITHUB_OIDC_PROVIDER_ARN = OutputKey.text("githubOidcProviderArn");
    public static final OutputKey<String> CLUSTER_ARN = OutputKey.text("clusterArn");
    public static final OutputKey<String> FABRIC_KEY_ARN = OutputKey.text("fabricKeyArn");
    /** The user pool's OAuth 2.0 base URL (Cognito prefix domain): {@code /oauth2/authorize}, {@code /oauth2/token}. */
    public static final OutputKey<String> AUTH_URL = OutputKey.text("authUrl");
    public static final OutputKey<String> WEB_CLIENT_ID = OutputKey.text("webClientId");

    /** Every output name of the contract, in export order. */
    public static final List<String> NAMES = List.of(FABRIC_NAME.name(), REGION.name(), ACCOUNT_ID.name(),
            VPC_ID.name(), PRIVATE_SUBNET_IDS.name(), PUBLIC_SUBNET_IDS.name(), CLUSTER_NAME.name(),
            CLUSTER_ENDPOINT.name(), CLUSTER_CERTIFICATE_AUTHORITY.name(), OIDC_ISSUER_URL.name(),
            OIDC_PROVIDER_ARN.name(), CLUSTER_SECURITY_GROUP_ID.name(), KUBECONFIG.name(), NODE_ROLE_NAME.name(),
            PLATFORM_ADMIN_ARNS.name(), ALERT_TOPIC_ARN.name(), USER_POOL_ID.name(), USER_POOL_ARN.name(),
            JOB_LOG_GROUP_NAME.name(), UI_URL.name(), API_URL.name(), GITHUB_OIDC_PROVIDER_ARN.name(),
            CLUSTER_ARN.name(), FABRIC_KEY_ARN.name(), AUTH_URL.name(), WEB_CLIENT_ID.name());

    public void exportTo(Context ctx) {
        StackOutputs.export(ctx, FABRIC_NAME, fabricName);
        StackOutputs.export(ctx, REGION, region);
        StackOutputs.export(ctx, ACCOUNT_ID, accountId);
        StackOutputs.export(ctx, VPC_ID, vpcId);
        StackOutputs.export(ctx, PRIVATE_SUBNET_IDS, privateSubnetIds);
        StackOutputs.export(ctx, PUBLIC_SUBNET_IDS, publicSubnetIds);
        StackOutputs.export(ctx, CLUSTER_NAME, clusterName);
        StackOutputs.export(ctx, CLUSTER_ENDPOINT, clusterEndpoint);
        StackOutputs.export(ctx, CLUSTER_CERTIFICATE_AUTHORITY, clusterCertificateAuthority);
        StackOutputs.export(ctx, OIDC_ISSUER_URL, oidcIssuerUrl);
        StackOutputs.export(ctx, OIDC_PROVIDER_ARN, oidcProviderArn);
        StackOutputs.export(ctx, CLUSTER_SECURITY_GROUP_ID, clusterSecurityGroupId);
        StackOutputs.export(ctx, KUBECONFIG, kubeconfig);
        StackOutputs.export(ctx, NODE_ROLE_NAME, nodeRoleName);
        StackOutputs.export(ctx, PLATFORM_ADMIN_ARNS, platformAdminArns);
        StackOutputs.export(ctx, ALERT_TOPIC_ARN, alertTopicArn);
        StackOutputs.export(ctx, USER_POOL_ID, userPoolId);
        StackOutputs.export(ctx, USER_POOL_ARN, userPoolArn);
        StackOutputs.export(ctx, JOB_LOG_GROUP_NAME, jobLogGroupName);
        StackOutputs.export(ctx, UI_URL, uiUrl);
        StackOutputs.export(ctx, API_URL, apiUrl);
        StackOutputs.export(ctx, GITHUB_OIDC_PROVIDER_ARN, githubOidcProviderArn);
        StackOutputs.export(ctx, CLUSTER_ARN, clusterArn);
        StackOutputs.export(ctx, FABRIC_KEY_ARN, fabricKeyArn);
        StackOutputs.export(ctx, AUTH_URL, authUrl);
        StackOutputs.export(ctx, WEB_CLIENT_ID, webClientId);
    }

    /** Reads a fabric stack's outputs, e.g. in a Site Instance program. */
    public static ServiceFabricOutputs read(StackReference fabric) {
        return new ServiceFabricOutputs(
                StackOutputs.read(fabric, FABRIC_NAME),
                StackOutputs.read(fabric, REGION),
                StackOutputs.read(fabric, ACCOUNT_ID),
                StackOutputs.read(fabric, VPC_ID),
                StackOutputs.read(fabric, PRIVATE_SUBNET_IDS),
                StackOutputs.read(fabric, PUBLIC_SUBNET_IDS),
                StackOutputs.read(fabric, CLUSTER_NAME),
                StackOutputs.read(fabric, CLUSTER_ENDPOINT),
                StackOutputs.read(fabric, CLUSTER_CERTIFICATE_AUTHORITY),
                StackOutputs.read(fabric, OIDC_ISSUER_URL),
                StackOutputs.read(fabric, OIDC_PROVIDER_ARN),
                StackOutputs.read(fabric, CLUSTER_SECURITY_GROUP_ID),
                StackOutputs.read(fabric, KUBECONFIG),
                StackOutputs.read(fabric, NODE_ROLE_NAME),
                StackOutputs.read(fabric, PLATFORM_ADMIN_ARNS),
                StackOutputs.read(fabric, ALERT_TOPIC_ARN),
                StackOutputs.read(fabric, USER_POOL_ID),
                StackOutputs.read(fabric, USER_POOL_ARN),
                StackOutputs.read(fabric, JOB_LOG_GROUP_NAME),
                StackOutputs.read(fabric, UI_URL),
                StackOutputs.read(fabric, API_URL),
                StackOutputs.read(fabric, GITHUB_OIDC_PROVIDER_ARN),
                StackOutputs.read(fabric, CLUSTER_ARN),
                StackOutputs.read(fabric, FABRIC_KEY_ARN),
                StackOutputs.read(fabric, AUTH_URL),
                StackOutputs.read(fabric, WEB_CLIENT_ID));
    }
}
