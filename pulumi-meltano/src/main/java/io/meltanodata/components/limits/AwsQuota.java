package io.meltanodata.components.limits;

/**
 * A quota AWS documents on how many resources of one type may exist together: per account (and
 * Region), per cluster, per role, per log group. {@link AwsQuotas} holds them; {@code meltanodata
 * check} counts what one run renders against the ones scoped to a parent resource, and
 * {@code meltanodata cost} says which one a fleet reaches first, and at what size.
 *
 * @param id           stable id, e.g. {@code IAM-ROLES}
 * @param name         AWS's name for it, e.g. "Roles per account"
 * @param resourceType the Pulumi type counted
 * @param groupBy      the input naming the parent a resource counts against ({@code clusterName}), or
 *                     {@code null} when the quota is per account and Region
 * @param perFabric    whether the fleet's growth leaves it alone: only fabrics add to it, so it is
 *                     reached by fabrics in one account and Region, never by sites
 * @param defaultValue the default quota
 * @param adjustable   whether Service Quotas can raise it
 * @param source       the page that documents it: title, then URL
 */
public record AwsQuota(String id, String name, String resourceType, String groupBy, boolean perFabric, int defaultValue,
                       boolean adjustable, String source) {

    public boolean perAccount() {
        return groupBy == null;
    }
}
