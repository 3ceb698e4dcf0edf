package io.meltanodata.siteinstances;

import com.pulumi.aws.cognito.UserGroup;
import com.pulumi.aws.cognito.UserGroupArgs;
import com.pulumi.aws.cognito.UserInGroup;
import com.pulumi.aws.cognito.UserInGroupArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The site's people: each group becomes a Cognito group in the fabric's user pool (with its
 * members, who must have been invited to the pool), and, when it has IAM principals and a
 * cluster role, an IAM role capped by the site boundary plus an EKS access entry mapping that
 * role to the group's Kubernetes group. The access entry grants nothing by itself: RBAC
 * bindings in the site's namespaces (Layer 4) do.
 */
final class SiteDirectory {
    private final Map<String, Output<String>> groupRoleArns = new LinkedHashMap<>();

    SiteDirectory(SiteInstanceConfig config, FabricContext fabric, SiteStorage storage, Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        String site = config.site();
        Output<SiteArns> arns = storage.arns();
        for (SiteGroup group : config.groups()) {
            var cognitoGroup = new UserGroup("group-" + group.name(), UserGroupArgs.builder()
                    .userPoolId(fabric.fabric().userPoolId())
                    .name(cognitoGroupName(site, group.name()))
                    .description("MeltanoData site " + site + ", group " + group.name() + " (" + group.clusterRole().spelling() + ")")
                    .build(), child);
            for (String member : group.members()) {
                new UserInGroup("member-" + group.name() + "-" + member, UserInGroupArgs.builder()
                        .userPoolId(fabric.fabric().userPoolId())
                        .groupName(cognitoGroup.name())
                        .username(member.toLowerCase(java.util.Locale.ROOT))
                        .build(), child);
            }
            if (group.hasRole()) {
                var role = new Role("group-role-" + group.name(), RoleArgs.builder()
                        .name(Names.of(NameKind.IAM_ROLE, config.fabricName(), site, "group", group.name()))
                        .path(SiteArns.rolePath(config.fabricName(), site))
                        .assumeRolePolicy(SitePolicies.trust(group.principals()).toJson())
                        .permissionsBoundary(storage.boundary().arn())
                        .maxSessionDuration(3600)
                        .build(), child);
                new RolePolicy("group-role-policy-" + group.name(), RolePolicyArgs.builder().role(role.name())
                        .policy(arns.applyValue(a -> SitePolicies.group(a).toJson())).build(), child);
                new AccessEntry("group-access-" + group.name(), AccessEntryArgs.builder()
                        .clusterName(fabric.fabric().clusterName())
                        .principalArn(role.arn())
                        .type("STANDARD")
                        .kubernetesGroups(kubernetesGroup(site, group.name()))
                        .build(), child);
                groupRoleArns.put(group.name(), role.arn());
            }
        }
    }

    static String cognitoGroupName(String site, String group) {
        return Names.of(NameKind.COGNITO_GROUP, site, group);
    }

    /** The Kubernetes group a site group's members act as: what Layer 4's RoleBindings name. */
    static String kubernetesGroup(String site, String group) {
        return Names.of(NameKind.DNS_LABEL, "meltanodata", site, group);
    }

    Map<String, Output<String>> groupRoleArns() {
        return groupRoleArns;
    }
}
