package io.meltanodata.servicefabric;

import com.pulumi.aws.cognito.UserPool;
import com.pulumi.aws.cognito.UserPoolArgs;
import com.pulumi.aws.cognito.UserPoolClient;
import com.pulumi.aws.cognito.UserPoolClientArgs;
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
 * the pool is protected from deletion because it holds every user.
 */
final class Identity {
    private final UserPool pool;
    private final UserPoolClient webClient;

    Identity(ServiceFabricConfig config, Output<String> uiUrl, Resource parent) {
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
                .callbackUrls(uiUrl.applyValue(url -> List.of(url + "/callback")))
                .logoutUrls(uiUrl.applyValue(url -> List.of(url + "/")))
                .preventUserExistenceErrors("ENABLED")
                .enableTokenRevocation(true)
                .explicitAuthFlows("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }

    UserPool pool() {
        return pool;
    }

    UserPoolClient webClient() {
        return webClient;
    }
}
