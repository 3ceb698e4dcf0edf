package io.meltanodata.siteinstances;

import java.util.List;

/**
 * One ACL line: a group may {@code deploy}, {@code view} or {@code administer} some projects'
 * environments. {@code *} means every project or environment.
 */
public record AclEntry(String group, Permission permission, List<String> projects, List<String> environments) {
    public enum Permission { view, deploy, administer }

    public AclEntry {
        projects = List.copyOf(projects);
        environments = List.copyOf(environments);
    }

    /** Whether the entry covers this project and environment. */
    public boolean covers(String project, String environment) {
        return (projects.contains("*") || projects.contains(project))
                && (environments.contains("*") || environments.contains(environment));
    }
}
