package io.meltanodata.projects;

import com.pulumi.core.Output;
import io.meltanodata.siteinstances.SiteArns;

/**
 * What a Hosted Project needs from its site (read from the Layer 2 contract).
 *
 * @param accountId             the AWS account of the fabric
 * @param region                the fabric's region
 * @param fabric                the fabric's name
 * @param site                  the site's name
 * @param siteKeyArn            the site's KMS key: encrypts the registry and the secrets
 * @param siteBucket            the site's data bucket (the project's state prefix is in it)
 * @param boundaryArn           the site's permissions boundary, inside which the project's is written
 * @param githubOidcProviderArn the account's GitHub Actions OIDC provider
 * @param clusterName           the fabric's EKS cluster
 * @param clusterArn            the fabric's EKS cluster's ARN
 * @param jobLogGroupName       the fabric's job log group
 */
public record SiteContext(Output<String> accountId, Output<String> region, Output<String> fabric, Output<String> site,
                          Output<String> siteKeyArn, Output<String> siteBucket, Output<String> boundaryArn,
                          Output<String> githubOidcProviderArn, Output<String> clusterName, Output<String> clusterArn,
                          Output<String> jobLogGroupName) {

    /** The site's ARNs, for the project's policies. */
    Output<SiteArns> arns() {
        return Output.tuple(accountId, region, fabric, site, siteBucket, siteKeyArn, clusterArn, jobLogGroupName)
                .applyValue(t -> new SiteArns(t.t1, t.t2, t.t3, t.t4, t.t5, t.t6, t.t7, t.t8));
    }
}
