package io.meltanodata.environments;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who gets which site ClusterRole inside an environment's namespace: a group's ACL grants for
 * this project and environment ({@code view} -> viewer, {@code deploy} -> developer,
 * {@code administer} -> admin), capped by the group's own cluster role.
 */
final class AccessPlan {
    static final List<String> LEVELS = List.of("viewer", "developer", "admin");

    private AccessPlan() {
    }

    /** The Kubernetes groups bound to {@code level} (viewer, developer or admin). */
    @SuppressWarnings("unchecked")
    static List<String> groupsAt(String level, Map<String, Object> groups, List<Map<String, Object>> acl,
                                 String project, String environment) {
        TreeSet<String> bound = new TreeSet<>();
        groups.forEach((name, raw) -> {
            Map<String, Object> group = (Map<String, Object>) raw;
            int granted = -1;
            for (Map<String, Object> entry : acl) {
                if (entry.get("group").equals(name) && covers((List<String>) entry.get("projects"), project)
                        && covers((List<String>) entry.get("environments"), environment)) {
                    granted = Math.max(granted, switch (String.valueOf(entry.get("permission"))) {
                        case "administer" -> 2;
                        case "deploy" -> 1;
                        default -> 0;
                    });
                }
            }
            int cap = LEVELS.indexOf(String.valueOf(group.get("clusterRole")));
            if (Math.min(granted, cap) == LEVELS.indexOf(level)) {
                bound.add(String.valueOf(group.get("kubernetesGroup")));
            }
        });
        return List.copyOf(bound);
    }

    private static boolean covers(List<String> names, String name) {
        return names.contains("*") || names.contains(name);
    }
}
