package io.meltanodata.siteinstances;

import java.util.List;

/**
 * One group of a site's people.
 *
 * @param name        the group's name (admin, developer, viewer, or a custom one)
 * @param members     email addresses of users in the fabric's user pool
 * @param clusterRole what the group may do in the site's namespaces
 * @param principals  IAM principals (e.g. SSO permission-set roles) that may assume the group's
 *                    role for cluster and AWS access; empty = web UI only
 */
public record SiteGroup(String name, List<String> members, ClusterRoleLevel clusterRole, List<String> principals) {
    public SiteGroup {
        members = List.copyOf(members);
        principals = List.copyOf(principals);
    }

    public boolean hasRole() {
        return !principals.isEmpty() && clusterRole != ClusterRoleLevel.NONE;
    }
}
