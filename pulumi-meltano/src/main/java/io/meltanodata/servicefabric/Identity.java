package io.meltanodata.servicefabric;

import com.pulumi.aws.cognito.UserPool;
import com.pulumi.aws.cognito.UserPoolArgs;
import com.pulumi.aws.cognito.UserPoolClient;
import com.pulumi.aws.cognito.UserPoolClientArgs;
import com.pulumi.aws.cognito.UserPoolDomain;
import com.pulumi.aws.cognito.UserPoolDomainArgs;
import com.pulumi.aws.cognito.inputs.UserPoolAdminCreateUserConfigArgs;
import com.pulumi.aws.cognito.inputs.UserPoolPasswordPolicyArgs;
import com.pulumi.aws.cognito.inputs.UserPoolSoftwareTokenMfaConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.List;

/**
 * The fabric's user directory: one Cognito user pool every site adds its groups to. Users are
 * invited by admins only (no self sign-up), sign in with their email, and may enrol TOTP MFA;
 * the pool is protected from deletion because it holds every user. The web UI signs in with the
 * authorization code flow (PKCE, no client secret) at the pool's Cognito prefix domain, which
 * serves {@code /oauth2/authorize} and {@code /oauth2/token}; without a domain there are none.
 */
final class Identity {
    static final String CALLBACK_PATH = "/callback";
    /** Hosted UI (classic): managed login (2) needs a branding style per app client, which we do not keep. */
    static final int HOSTED_UI_CLASSIC = 1;

    private final UserPool pool;
    private final UserPoolClient webClient;
    private final Output<String> authUrl;

    Identity(ServiceFabricConfig config, Output<String> uiUrl, Output<String> accountId, Resource parent) {
        pool = new UserPool("users", UserPoolArgs.builder()
                .name(Names.of(NameKind.COGNITO_USER_POOL, "meltanodata", config.fabricName()))
                .usernameAttributes("email")
                .autoVerifiedAttributes("email")
                .adminCreateUserConfig(UserPoolAdminCreateUserConfigArgs.builder().allowAdminCreateUserOnly(true).build())
                .mfaConfiguration("OPTIONAL")
                .softwareTokenMfaConfiguration(UserPoolSoftwareTokenMfaConfigurationArgs.builder().enabled(true).build())
                .passwordPolicy(UserPoolPasswordPolicyArgs.builder().minimumLength(14).requireLowercase(true)
                        .requireUppercase(true).requireNumbers(true).requireSymbols(true)
                        .temporaryPasswordValidityDays(3).passwordHistorySize(12).build())
                .deletionProtection("ACTIVE")
                .build(), CustomResourceOptions.builder().parent(parent).protect(true).retainOnDelete(true).build());
        webClient = new UserPoolClient("web-ui", UserPoolClientArgs.builder()
                .name("web-ui")
                .userPoolId(pool.id())
                .generateSecret(false)
                .allowedOauthFlowsUserPoolClient(true)
                .allowedOauthFlows("code")
                .allowedOauthScopes("openid", "email", "profile")
                .supportedIdentityProviders("COGNITO")
                .callbackUrls(uiUrl.applyValue(url -> List.of(url + CALLBACK_PATH)))
                .defaultRedirectUri(uiUrl.applyValue(url -> url + CALLBACK_PATH))
                .logoutUrls(uiUrl.applyValue(url -> List.of(url + "/")))
                .preventUserExistenceErrors("ENABLED")
                .enableTokenRevocation(true)
                .explicitAuthFlows("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
                .build(), CustomResourceOptions.builder().parent(parent).build());
        var domain = new UserPoolDomain("sign-in", UserPoolDomainArgs.builder()
                .domain(accountId.applyValue(config::signInDomainPrefix))
                .userPoolId(pool.id())
                .managedLoginVersion(HOSTED_UI_CLASSIC)
                .build(), CustomResourceOptions.builder().parent(parent).build());
        authUrl = domain.domain().applyValue(prefix -> "https://" + prefix + ".auth." + config.region() + ".amazoncognito.com");
    }

    /** The base of the pool's OAuth 2.0 endpoints ({@code /oauth2/authorize}, {@code /oauth2/token}, {@code /logout}). */
    Output<String> authUrl() {
        return authUrl;
    }

    UserPool pool() {
        return pool;
    }

    UserPoolClient webClient() {
        return webClient;
    }
}
