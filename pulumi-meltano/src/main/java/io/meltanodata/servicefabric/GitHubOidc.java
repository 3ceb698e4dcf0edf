package io.meltanodata.servicefabric;

import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/**
 * The account's GitHub Actions OIDC provider, trusted by every Hosted Project's CI deploy role.
 * IAM registers a provider URL once per account (a second CreateOpenIDConnectProvider fails with
 * EntityAlreadyExists), so only one fabric of an account creates it: the one whose config names
 * no {@code githubOidcProviderArn}. Every other fabric of the account names that provider.
 */
final class GitHubOidc {
    static final String HOST = "token.actions.githubusercontent.com";

    private GitHubOidc() {
    }

    /** The provider's ARN: the configured one, or that of the provider created here. */
    static Output<String> arn(ServiceFabricConfig config, Resource parent) {
        return config.githubOidcProviderArn().map(Output::of).orElseGet(() ->
                new OpenIdConnectProvider("github-oidc", OpenIdConnectProviderArgs.builder()
                        .url("https://" + HOST)
                        .clientIdLists("sts.amazonaws.com")
                        .build(), CustomResourceOptions.builder().parent(parent).build()).arn());
    }
}
