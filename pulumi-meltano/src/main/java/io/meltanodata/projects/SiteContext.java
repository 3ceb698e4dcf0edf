package io.meltanodata.projects;

import com.pulumi.core.Output;

/**
 * What a Hosted Project needs from its site (read from the Layer 2 contract).
 *
 * @param siteKeyArn            the site's KMS key: encrypts the registry and the secrets
 * @param boundaryArn           the site's permissions boundary: caps the deploy role
 * @param githubOidcProviderArn the account's GitHub Actions OIDC provider
 * @param clusterArn            the fabric's EKS cluster
 */
public record SiteContext(Output<String> siteKeyArn, Output<String> boundaryArn,
                          Output<String> githubOidcProviderArn, Output<String> clusterArn) {
}
