package io.meltanodata.siteinstances;

/** What a site group may do inside its site's environment namespaces. */
public enum ClusterRoleLevel {
    /** No cluster access (web UI only). */
    NONE("none"),
    /** Read workloads, logs and events. */
    VIEWER("viewer"),
    /** Viewer, plus start manual runs, suspend/resume schedules, delete failed pods and jobs. */
    DEVELOPER("developer"),
    /** Developer, plus manage every namespaced workload object. */
    ADMIN("admin");

    private final String spelling;

    ClusterRoleLevel(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }
}
