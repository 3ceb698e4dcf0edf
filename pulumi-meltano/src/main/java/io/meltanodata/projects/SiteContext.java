package io.meltanodata.projects;

import com.pulumi.core.Output;

/**
 * What a Hosted Project needs from its site (read from the Layer 2 contract).
 *
 * @param site                  the site's name
 * @param accountId             the AWS account of the fabric
 * @param region                the fabric's region
 * @param siteKeyArn            the site's KMS key: encrypts the registry and the secrets
 * @param boundaryArn           the site's permissions boundary: caps the deploy role
 * @param githubOidcProviderArn the account's GitHub Actions OIDC provider
 * @param clusterName           the fabric's EKS cluster
 * @param clusterArn            the fabric's EKS cluster's ARN
 */
public record SiteContext(Output<String> accountId, Output<String> region, Output<String> siteKeyArn,
                          Output<String> boundaryArn, Output<String> githubOidcProviderArn, Output<String> clusterName,
                          Output<String> clusterArn) {
}
