package io.meltanodata.siteinstances;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.StackReference;
import io.meltanodata.components.contract.OutputKey;
import io.meltanodata.components.contract.StackOutputs;

import java.util.List;
import java.util.Map;

/**
 * The Layer 2 contract: what a Site Instance stack exports for its projects (Layer 3) and, through
 * them, its environments (Layer 4), including what they need from the fabric, so they depend on
 * this contract only.
 */
public record SiteInstanceOutputs(
        Output<String> site,
        Output<String> fabricName,
        Output<String> region,
        Output<String> accountId,
        Output<String> keyArn,
        Output<String> bucketName,
        Output<String> boundaryArn,
        Output<String> rolePath,
        Output<String> adminRoleArn,
        Output<String> workloadRoleArn,
        Output<String> nodePoolName,
        Output<Map<String, Object>> nodeSelector,
        Output<Map<String, Object>> nodeTaint,
        Output<Map<String, Object>> namespaceLabels,
        Output<Map<String, Object>> clusterRoles,
        Output<Map<String, Object>> groups,
        Output<List<Map<String, Object>>> acl,
        Output<String> secretsPrefix,
        Output<String> registryPrefix,
        Output<String> clusterName,
        Output<String> clusterArn,
        Output<String> kubeconfig,
        Output<String> alertTopicArn,
        Output<String> userPoolId,
        Output<String> jobLogGroupName,
        Output<String> githubOidcProviderArn) {

    public static final OutputKey<String> SITE = OutputKey.text("site");
    public static final OutputKey<String> FABRIC_NAME = OutputKey.text("fabricName");
    public static final OutputKey<String> REGION = OutputKey.text("region");
    public static final OutputKey<String> ACCOUNT_ID = OutputKey.text("accountId");
    public static final OutputKey<String> KEY_ARN = OutputKey.text("keyArn");
    public static final OutputKey<String> BUCKET_NAME = OutputKey.text("bucketName");
    public static final OutputKey<String> BOUNDARY_ARN = OutputKey.text("boundaryArn");
    public static final OutputKey<String> ROLE_PATH = OutputKey.text("rolePath");
    public static final OutputKey<String> ADMIN_ROLE_ARN = OutputKey.text("adminRoleArn");
    public static final OutputKey<String> WORKLOAD_ROLE_ARN = OutputKey.text("workloadRoleArn");
    public static final OutputKey<String> NODE_POOL_NAME = OutputKey.text("nodePoolName");
    public static final OutputKey<Map<String, Object>> NODE_SELECTOR = OutputKey.map("nodeSelector");
    public static final OutputKey<Map<String, Object>> NODE_TAINT = OutputKey.map("nodeTaint");
    public static final OutputKey<Map<String, Object>> NAMESPACE_LABELS = OutputKey.map("namespaceLabels");
    public static final OutputKey<Map<String, Object>> CLUSTER_ROLES = OutputKey.map("clusterRoles");
    public static final OutputKey<Map<String, Object>> GROUPS = OutputKey.map("groups");
    public static final OutputKey<List<Map<String, Object>>> ACL = OutputKey.mapList("acl");
    public static final OutputKey<String> SECRETS_PREFIX = OutputKey.text("secretsPrefix");
    public static final OutputKey<String> REGISTRY_PREFIX = OutputKey.text("registryPrefix");
    public static final OutputKey<String> CLUSTER_NAME = OutputKey.text("clusterName");
    public static final OutputKey<String> CLUSTER_ARN = OutputKey.text("clusterArn");
    public static final OutputKey<String> KUBECONFIG = OutputKey.text("kubeconfig").asSecret();
    public static final OutputKey<String> ALERT_TOPIC_ARN = OutputKey.text("alertTopicArn");
    public static final OutputKey<String> USER_POOL_ID = OutputKey.text("userPoolId");
    public static final OutputKey<String> JOB_LOG_GROUP_NAME = OutputKey.text("jobLogGroupName");
    public static final OutputKey<String> GITHUB_OIDC_PROVIDER_ARN = OutputKey.text("githubOidcProviderArn");

    public static final List<String> NAMES = List.of(SITE.name(), FABRIC_NAME.name(), REGION.name(), ACCOUNT_ID.name(),
            KEY_ARN.name(), BUCKET_NAME.name(), BOUNDARY_ARN.name(), ROLE_PATH.name(), ADMIN_ROLE_ARN.name(),
            WORKLOAD_ROLE_ARN.name(), NODE_POOL_NAME.name(), NODE_SELECTOR.name(), NODE_TAINT.name(),
            NAMESPACE_LABELS.name(), CLUSTER_ROLES.name(), GROUPS.name(), ACL.name(), SECRETS_PREFIX.name(),
            REGISTRY_PREFIX.name(), CLUSTER_NAME.name(), CLUSTER_ARN.name(), KUBECONFIG.name(), ALERT_TOPIC_ARN.name(),
            USER_POOL_ID.name(), JOB_LOG_GROUP_NAME.name(), GITHUB_OIDC_PROVIDER_ARN.name());

    public void exportTo(Context ctx) {
        StackOutputs.export(ctx, SITE, site);
        StackOutputs.export(ctx, FABRIC_NAME, fabricName);
        StackOutputs.export(ctx, REGION, region);
        StackOutputs.export(ctx, ACCOUNT_ID, accountId);
        StackOutputs.export(ctx, KEY_ARN, keyArn);
        StackOutputs.export(ctx, BUCKET_NAME, bucketName);
        StackOutputs.export(ctx, BOUNDARY_ARN, boundaryArn);
        StackOutputs.export(ctx, ROLE_PATH, rolePath);
        StackOutputs.export(ctx, ADMIN_ROLE_ARN, adminRoleArn);
        StackOutputs.export(ctx, WORKLOAD_ROLE_ARN, workloadRoleArn);
        StackOutputs.export(ctx, NODE_POOL_NAME, nodePoolName);
        StackOutputs.export(ctx, NODE_SELECTOR, nodeSelector);
        StackOutputs.export(ctx, NODE_TAINT, nodeTaint);
        StackOutputs.export(ctx, NAMESPACE_LABELS, namespaceLabels);
        StackOutputs.export(ctx, CLUSTER_ROLES, clusterRoles);
        StackOutputs.export(ctx, GROUPS, groups);
        StackOutputs.export(ctx, ACL, acl);
        StackOutputs.export(ctx, SECRETS_PREFIX, secretsPrefix);
        StackOutputs.export(ctx, REGISTRY_PREFIX, registryPrefix);
        StackOutputs.export(ctx, CLUSTER_NAME, clusterName);
        StackOutputs.export(ctx, CLUSTER_ARN, clusterArn);
        StackOutputs.export(ctx, KUBECONFIG, kubeconfig);
        StackOutputs.export(ctx, ALERT_TOPIC_ARN, alertTopicArn);
        StackOutputs.export(ctx, USER_POOL_ID, userPoolId);
        StackOutputs.export(ctx, JOB_LOG_GROUP_NAME, jobLogGroupName);
        StackOutputs.export(ctx, GITHUB_OIDC_PROVIDER_ARN, githubOidcProviderArn);
    }

    public static SiteInstanceOutputs read(StackReference site) {
        return new SiteInstanceOutputs(
                StackOutputs.read(site, SITE), StackOutputs.read(site, FABRIC_NAME), StackOutputs.read(site, REGION),
                StackOutputs.read(site, ACCOUNT_ID), StackOutputs.read(site, KEY_ARN), StackOutputs.read(site, BUCKET_NAME),
                StackOutputs.read(site, BOUNDARY_ARN), StackOutputs.read(site, ROLE_PATH),
                StackOutputs.read(site, ADMIN_ROLE_ARN), StackOutputs.read(site, WORKLOAD_ROLE_ARN),
                StackOutputs.read(site, NODE_POOL_NAME), StackOutputs.read(site, NODE_SELECTOR),
                StackOutputs.read(site, NODE_TAINT), StackOutputs.read(site, NAMESPACE_LABELS),
                StackOutputs.read(site, CLUSTER_ROLES), StackOutputs.read(site, GROUPS), StackOutputs.read(site, ACL),
                StackOutputs.read(site, SECRETS_PREFIX), StackOutputs.read(site, REGISTRY_PREFIX),
                StackOutputs.read(site, CLUSTER_NAME), StackOutputs.read(site, CLUSTER_ARN),
                StackOutputs.read(site, KUBECONFIG), StackOutputs.read(site, ALERT_TOPIC_ARN),
                StackOutputs.read(site, USER_POOL_ID), StackOutputs.read(site, JOB_LOG_GROUP_NAME),
                StackOutputs.read(site, GITHUB_OIDC_PROVIDER_ARN));
    }
}
