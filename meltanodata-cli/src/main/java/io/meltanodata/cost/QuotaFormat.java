package io.meltanodata.cost;

import java.util.List;

/** The {@code cost} command's quota table: what a fleet counts against each AWS quota, and where it runs out. */
public final class QuotaFormat {

    private QuotaFormat() {
    }

    public static String text(List<QuotaProjection.Usage> usages, int sites, int projectsPerSite, int environmentsPerProject) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nAWS quotas at %d sites x %d projects x %d environments (one fabric, one account and Region):%n",
                sites, projectsPerSite, environmentsPerProject));
        out.append(String.format("  %-42s %8s %8s %-10s %s%n", "quota", "default", "used", "adjustable", "reached at"));
        for (QuotaProjection.Usage u : usages) {
            String reached = !u.grows() ? "fixed per " + u.quota().groupBy().replace("Name", "") + ", does not grow"
                    : u.reachedAt() < 0 ? "never (nothing counts against it)"
                    : u.reachedByFabrics() ? u.reachedAt() + " fabrics"
                    : u.reachedAt() + " sites";
            out.append(String.format("  %-42s %8d %8d %-10s %s%n", u.quota().name(), u.quota().defaultValue(), u.count(),
                    u.quota().adjustable() ? "yes" : "no", reached));
        }
        QuotaProjection.Usage first = QuotaProjection.first(usages);
        if (first != null) {
            out.append(String.format("  first reached as sites grow: %s (%d by default) at %d sites%s%n", first.quota().name(),
                    first.quota().defaultValue(), first.reachedAt(), first.quota().adjustable()
                            ? "; adjustable in Service Quotas" : "; not adjustable: a second account or cluster is needed"));
        }
        return out.toString();
    }
}
