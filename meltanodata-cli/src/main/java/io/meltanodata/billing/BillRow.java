package io.meltanodata.billing;

/**
 * One line of the bill. An environment's line ({@code environment} set) holds its pods' split cost,
 * their share of unused node capacity and its own tagged resources; a project's line
 * ({@code environment} empty) its tagged resources and its share of the fabric; a site's line
 * ({@code project} empty) its tagged resources, its nodes' hours no pod was given and their Auto Mode fee.
 * An empty {@code site} is the fabric itself, when no project shares it.
 */
public record BillRow(String site, String project, String environment, String ref,
                      double pods, double unused, double tagged, double fabricShare) {

    public double total() {
        return pods + unused + tagged + fabricShare;
    }

    public String level() {
        return site.isEmpty() ? "fabric" : project.isEmpty() ? "site" : environment.isEmpty() ? "project" : "environment";
    }

    /** site.project.environment (ref), as the stacks are named. */
    public String label() {
        if (site.isEmpty()) {
            return "(fabric)";
        }
        String name = site + (project.isEmpty() ? "" : "." + project) + (environment.isEmpty() ? "" : "." + environment);
        return ref.isEmpty() ? name : name + " (" + ref + ")";
    }

    BillRow plus(BillRow other) {
        return new BillRow(site, project, environment, ref, pods + other.pods, unused + other.unused,
                tagged + other.tagged, fabricShare + other.fabricShare);
    }

    BillRow withFabricShare(double share) {
        return new BillRow(site, project, environment, ref, pods, unused, tagged, fabricShare + share);
    }
}
