package io.meltanodata.cost;

import io.meltanodata.components.limits.AwsQuota;
import io.meltanodata.components.limits.AwsQuotas;
import io.meltanodata.preview.RecordedResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a fleet of one fabric, S sites, P projects per site and E environments per project counts
 * against the quotas AWS documents ({@link AwsQuotas}), from the resources of one instance of each
 * layer: which quota it reaches first, and at how many sites. Quotas only fabrics add to (Elastic
 * IPs, NAT gateways, VPCs) are reached by fabrics in one account and Region, never by sites.
 */
public record QuotaProjection(List<RecordedResource> fabric, List<RecordedResource> site, List<RecordedResource> project,
                              List<RecordedResource> environment) {

    /**
     * One quota at one fleet size.
     *
     * @param count     how many the fleet holds (per parent for a quota per cluster, role or log group)
     * @param reachedAt the number of sites at which the fleet first exceeds the default (P and E as given),
     *                  or of fabrics for a quota only fabrics add to; -1 when growth never reaches it
     * @param grows     false when each parent holds a fixed number (per role, per log group)
     */
    public record Usage(AwsQuota quota, long count, long reachedAt, boolean grows) {
        public boolean reachedByFabrics() {
            return quota.perFabric();
        }
    }

    /**
     * Parents every site shares, so that what each site adds counts against one parent: the fabric's
     * cluster (Pod Identity associations, access entries) and its alert topic (the site admins' filtered
     * subscriptions).
     */
    static final java.util.Set<String> FABRIC_PARENTS = java.util.Set.of("clusterName", "topic");

    public List<Usage> at(int sites, int projectsPerSite, int environmentsPerProject) {
        List<Usage> usages = new ArrayList<>();
        for (AwsQuota quota : AwsQuotas.all()) {
            long f = count(fabric, quota);
            long s = count(site, quota);
            long p = count(project, quota);
            long e = count(environment, quota);
            if (quota.perFabric()) {
                usages.add(new Usage(quota, f, f == 0 ? -1 : quota.defaultValue() / f + 1, true));
            } else if (!quota.perAccount() && !FABRIC_PARENTS.contains(quota.groupBy())) {
                usages.add(new Usage(quota, Math.max(Math.max(f, s), Math.max(p, e)), -1, false));
            } else {
                long perSite = s + (long) projectsPerSite * (p + (long) environmentsPerProject * e);
                long total = f + sites * perSite;
                long reachedAt = perSite == 0 ? -1 : Math.max(0, (quota.defaultValue() - f)) / perSite + 1;
                usages.add(new Usage(quota, total, reachedAt, true));
            }
        }
        return usages;
    }

    /** The quota of those that grow with sites that the fleet reaches first. */
    public static Usage first(List<Usage> usages) {
        return usages.stream().filter(u -> u.grows() && !u.reachedByFabrics() && u.reachedAt() > 0)
                .min(java.util.Comparator.comparingLong(Usage::reachedAt)).orElse(null);
    }

    /** How many one stack holds: in all, or in its fullest parent for a quota per parent. */
    private static long count(List<RecordedResource> resources, AwsQuota quota) {
        Map<String, Long> byParent = new HashMap<>();
        for (RecordedResource r : resources) {
            if (r.type().equals(quota.resourceType())) {
                String parent = quota.perAccount() || FABRIC_PARENTS.contains(quota.groupBy()) ? ""
                        : String.valueOf(r.inputs().get(quota.groupBy()));
                byParent.merge(parent, 1L, Long::sum);
            }
        }
        return byParent.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
