package io.meltanodata.siteinstances;

import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

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
        return budgetArn(bucket + "-*");
    }

    /** Every policy under the site's path: the site boundary and its projects' boundaries. */
    public String boundariesArnPattern() {
        return "arn:aws:iam::" + account + ":policy" + rolePath() + "*";
    }

    /**
     * The roles that confine or stand above the roles a site creates: its admin, workload and group
     * roles, and every project's deploy role. Names per {@code Names}: {@code <fabric>-<site>-admin},
     * {@code -workload}, {@code -group-<g>}, {@code <fabric>-<site>-<project>-deploy} (project names
     * cannot be {@code admin}, {@code workload} or {@code group}).
     */
    public java.util.List<String> confiningRolesArns() {
        String prefix = roleArn(fabric + "-" + site + "-");
        return java.util.List.of(prefix + "admin", prefix + "workload", prefix + "group-*", prefix + "*-deploy");
    }

    public String rolesArnPattern() {
        return roleArn("*");
    }

    public String secretsArnPattern() {
        return secretArn(secretsPrefix(fabric, site) + "*");
    }

    public String repositoriesArnPattern() {
        return repositoryArn(repositoryNamespace(fabric, site) + "/*");
    }

    /** A budget of the account by name (or name pattern). */
    public String budgetArn(String name) {
        return "arn:aws:budgets::" + account + ":budget/" + name;
    }

    /** A role under the site's path by name (or name pattern). */
    public String roleArn(String name) {
        return "arn:aws:iam::" + account + ":role" + rolePath() + name;
    }

    /** A secret of the region by name (or name pattern). */
    public String secretArn(String name) {
        return "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name;
    }

    /** An ECR repository of the region by name (or name pattern). */
    public String repositoryArn(String name) {
        return "arn:aws:ecr:" + region + ":" + account + ":repository/" + name;
    }

    /**
     * {@code <fabric>/<site>}, each as an ECR repository name part ({@link Names#of}:
     * a part shorter than 3 characters gets a hash): the namespace of the site's project repositories.
     */
    public static String repositoryNamespace(String fabric, String site) {
        return Names.of(NameKind.ECR_REPOSITORY, fabric) + "/" + Names.of(NameKind.ECR_REPOSITORY, site);
    }

    /** The fabric's job log group, for creating streams only: writes name a stream. */
    public String jobLogGroupArn() {
        return "arn:aws:logs:" + region + ":" + account + ":log-group:" + jobLogGroup;
    }

    /**
     * The job log streams under {@code prefix} ({@link #jobLogStreamPrefix}): never the whole group,
     * which every site shares and whose metric filter raises the failed-run alarm.
     */
    public String jobLogStreamsArn(String prefix) {
        return jobLogGroupArn() + ":log-stream:" + prefix + "*";
    }

    /**
     * Job log streams are named {@code <site>/<project>/<environment>/<ref>/<pod>}: a site writes
     * under {@code <site>/}, a project under {@code <site>/<project>/}, an environment under its own.
     * Names have no {@code /}, so no prefix of one is a prefix of another's.
     */
    public static String jobLogStreamPrefix(String... parts) {
        return String.join("/", parts) + "/";
    }

    public String accountRoot() {
        return "arn:aws:iam::" + account + ":root";
    }
}
