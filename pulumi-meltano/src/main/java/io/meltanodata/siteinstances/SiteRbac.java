package io.meltanodata.siteinstances;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.rbac.v1.ClusterRole;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.PolicyRuleArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The site's RBAC templates: one ClusterRole per level (viewer, developer, admin), holding
 * namespaced permissions only. They are never bound cluster-wide: Layer 4 binds them with a
 * RoleBinding inside each of the site's environment namespaces, so a site group acts in its own
 * namespaces and nowhere else. No level can read Kubernetes Secrets (secret values live in
 * Secrets Manager) or change RBAC.
 */
final class SiteRbac {
    static final List<String> CORE_READ = List.of("pods", "pods/log", "events", "services", "configmaps");
    static final List<String> WORKLOADS = List.of("jobs", "cronjobs");
    static final List<String> APPS = List.of("deployments", "replicasets");
    static final List<String> READ = List.of("get", "list", "watch");

    private final Map<ClusterRoleLevel, String> names = new LinkedHashMap<>();

    SiteRbac(String site, Provider kubernetes, Resource parent) {
        var k8s = CustomResourceOptions.builder().parent(parent).provider(kubernetes).build();
        for (ClusterRoleLevel level : List.of(ClusterRoleLevel.VIEWER, ClusterRoleLevel.DEVELOPER, ClusterRoleLevel.ADMIN)) {
            String name = clusterRoleName(site, level);
            new ClusterRole("cluster-role-" + level.spelling(), ClusterRoleArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(name).build())
                    .rules(rules(level))
                    .build(), k8s);
            names.put(level, name);
        }
    }

    static String clusterRoleName(String site, ClusterRoleLevel level) {
        return Names.of(NameKind.DNS_LABEL, "meltanodata", site, level.spelling());
    }

    static List<PolicyRuleArgs> rules(ClusterRoleLevel level) {
        List<PolicyRuleArgs> rules = new ArrayList<>();
        rules.add(rule("", CORE_READ, READ));
        rules.add(rule("batch", WORKLOADS, READ));
        rules.add(rule("apps", APPS, READ));
        if (level == ClusterRoleLevel.DEVELOPER || level == ClusterRoleLevel.ADMIN) {
            rules.add(rule("batch", List.of("jobs"), List.of("create", "delete")));
            rules.add(rule("batch", List.of("cronjobs"), List.of("patch", "update")));
            rules.add(rule("", List.of("pods"), List.of("delete")));
        }
        if (level == ClusterRoleLevel.ADMIN) {
            rules.add(rule("batch", WORKLOADS, List.of("create", "delete", "patch", "update")));
            rules.add(rule("apps", List.of("deployments"), List.of("create", "delete", "patch", "update")));
            rules.add(rule("apps", List.of("deployments/scale"), List.of("patch", "update")));
            rules.add(rule("", List.of("configmaps"), List.of("create", "delete", "patch", "update")));
        }
        return rules;
    }

    private static PolicyRuleArgs rule(String group, List<String> resources, List<String> verbs) {
        return PolicyRuleArgs.builder().apiGroups(group).resources(resources).verbs(verbs).build();
    }

    Map<ClusterRoleLevel, String> names() {
        return names;
    }
}
