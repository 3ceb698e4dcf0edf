package io.meltanodata.siteinstances;

/**
 * The ARNs a site's policies are written against, derived from the site's and fabric's names
 * (so policies can be built, and checked, as plain data).
 */
public record SiteArns(String account, String region, String fabric, String site, String bucket, String keyArn,
                       String clusterArn, String jobLogGroup) {

    /** IAM path of every role a site, its projects and environments create. */
    public String rolePath() {
        return rolePath(fabric, site);
    }

    public static String rolePath(String fabric, String site) {
        return "/meltanodata/" + fabric + "/" + site + "/";
    }

    /** Secrets Manager prefix of a site: names are account-wide, so the fabric is part of it. */
    public static String secretsPrefix(String fabric, String site) {
        return "meltanodata/" + fabric + "/" + site + "/";
    }

    public String bucketArn() {
        return "arn:aws:s3:::" + bucket;
    }

    /** The site's environments' own buckets (Layer 4 artifacts): {@code meltanodata-<fabric>-<site>-<project>-...}; never the site bucket. */
    public String environmentBucketsArnPattern() {
        return "arn:aws:s3:::" + bucket + "-*";
    }

    /** Pod Identity associations of the fabric's cluster (narrowed to the site by their tags). */
    public String podIdentityAssociationsArnPattern() {
        String clusterName = clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
        return "arn:aws:eks:" + region + ":" + account + ":podidentityassociation/" + clusterName + "/*";
    }

    /** The site's environments' budgets, named like their buckets. */
    public String environmentBudgetsArnPattern() {
        return "arn:aws:budgets::" + account + ":budget/" + bucket + "-*";
    }

    public String rolesArnPattern() {
        return "arn:aws:iam::" + account + ":role" + rolePath() + "*";
    }

    public String secretsArnPattern() {
        return "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + secretsPrefix(fabric, site) + "*";
    }

    public String repositoriesArnPattern() {
        return "arn:aws:ecr:" + region + ":" + account + ":repository/" + fabric + "/" + site + "/*";
    }

    public String jobLogsArn() {
        return "arn:aws:logs:" + region + ":" + account + ":log-group:" + jobLogGroup + ":*";
    }

    public String accountRoot() {
        return "arn:aws:iam::" + account + ":root";
    }
}
