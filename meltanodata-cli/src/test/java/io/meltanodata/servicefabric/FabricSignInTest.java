package io.meltanodata.servicefabric;

import io.meltanodata.components.Json;
import io.meltanodata.components.naming.ShortHash;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.LayerHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.meltanodata.servicefabric.FabricFixtures.render;
import static io.meltanodata.servicefabric.FabricFixtures.validConfig;
import static io.meltanodata.servicefabric.FabricFixtures.with;
import static io.meltanodata.testing.LayerHarness.assertNoInput;
import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI's sign-in (issue 21, item 10). Amazon Cognito serves the OAuth 2.0 endpoints
 * ({@code /oauth2/authorize}, {@code /oauth2/token}) only at a user pool domain (Cognito Developer
 * Guide, "Configuring a user pool domain",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain.html).
 * A prefix domain is {@code <prefix>.auth.<region>.amazoncognito.com}, the prefix unique in its
 * region across AWS ("Using the Amazon Cognito prefix domain for managed login",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html),
 * 1-63 of {@code [a-z0-9-]}, not starting or ending with a hyphen (CreateUserPoolDomain,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html;
 * ManagedLoginVersion 1 is the classic hosted UI, 2 needs a branding style). Redirect URIs must
 * be absolute HTTPS URIs registered on the app client (CreateUserPoolClient, CallbackURLs,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html).
 */
class FabricSignInTest {
    static Rendering fabric;
    static String uiUrl;

    @BeforeAll
    static void renderDefault() {
        fabric = render(validConfig());
        uiUrl = (String) fabric.outputs().get("uiUrl");
        assertTrue(uiUrl.startsWith("https://"), uiUrl);
    }

    @Test
    void theUserPoolHasAPrefixDomainUniqueToTheAccountServingTheOAuthEndpoints() {
        RecordedResource domain = one(fabric, "aws:cognito/userPoolDomain:UserPoolDomain");
        String prefix = "meltanodata-test-" + ShortHash.of(List.of("123456789012"));
        assertEquals(prefix, input(domain, "domain"));
        assertTrue(prefix.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"), prefix);
        assertTrue(List.of("aws", "amazon", "cognito").stream().noneMatch(prefix::contains), prefix);
        assertEquals((Object) input(one(fabric, "aws:cognito/userPool:UserPool"), "name"), input(domain, "userPoolId"),
                "the synthetic pool id is its name");
        assertEquals((Object) 1, input(domain, "managedLoginVersion"));
        assertNoInput(domain, "certificateArn");
        assertEquals("https://" + prefix + ".auth.eu-west-1.amazoncognito.com", fabric.outputs().get("authUrl"));
    }

    @Test
    void theWebClientUsesTheCodeFlowWithHttpsRedirectsToTheUi() {
        RecordedResource client = one(fabric, "aws:cognito/userPoolClient:UserPoolClient");
        assertEquals(false, input(client, "generateSecret"), "a browser app is a public client: code flow with PKCE");
        assertEquals(true, input(client, "allowedOauthFlowsUserPoolClient"));
        assertEquals(List.of("code"), input(client, "allowedOauthFlows"));
        assertEquals(List.of("openid", "email", "profile"), input(client, "allowedOauthScopes"));
        assertEquals(List.of("COGNITO"), input(client, "supportedIdentityProviders"));
        assertEquals(List.of(uiUrl + "/callback"), input(client, "callbackUrls"));
        assertEquals(uiUrl + "/callback", input(client, "defaultRedirectUri"));
        assertEquals(List.of(uiUrl + "/"), input(client, "logoutUrls"));
        assertEquals((Object) input(client, "name"), fabric.outputs().get("webClientId"), "the synthetic client id is its name");
    }

    @Test
    void withACustomDomainTheRedirectsFollowTheUiAndSignInStaysOnThePrefixDomain() {
        Map<String, String> config = with("meltanodata:domain", "app.example.com");
        config.put("meltanodata:hostedZoneId", "Z0123456789ABC");
        config.put("meltanodata:authDomainPrefix", "acme-data-login");
        Rendering custom = render(config);
        RecordedResource client = one(custom, "aws:cognito/userPoolClient:UserPoolClient");
        assertEquals(List.of("https://app.example.com/callback"), input(client, "callbackUrls"));
        assertEquals(List.of("https://app.example.com/"), input(client, "logoutUrls"));
        assertEquals("acme-data-login", input(one(custom, "aws:cognito/userPoolDomain:UserPoolDomain"), "domain"));
        assertEquals("https://acme-data-login.auth.eu-west-1.amazoncognito.com", custom.outputs().get("authUrl"));
    }

    /**
     * One S3 object, {@code config.json}, in the UI bucket. Amazon S3 User Guide, "Working with object
     * metadata" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html): Content-Type
     * and Cache-Control are system metadata set at upload and served with the object, so CloudFront
     * revalidates it on every request ("no-cache"); "Controlling ownership of objects and disabling ACLs"
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html): the bucket
     * enforces owner ownership, so an upload that sets an ACL fails (AccessControlListNotSupported):
     * the object sets none, and its encryption is the bucket's default.
     */
    @Test
    void theUiReadsItsSignInAndApiSettingsFromConfigJsonInItsBucket() {
        RecordedResource settings = one(fabric, "aws:s3/bucketObjectv2:BucketObjectv2");
        assertNoInput(settings, "acl");
        assertNoInput(settings, "serverSideEncryption");
        assertEquals("config.json", input(settings, "key"));
        assertEquals("application/json", input(settings, "contentType"));
        assertEquals("no-cache", input(settings, "cacheControl"));
        assertEquals("meltanodata-test-ui", input(settings, "bucket"), "the UI's own bucket, served by its distribution");
        Map<String, Object> json = Json.mapper().convertValue(parse(input(settings, "content")), Map.class);
        String auth = (String) fabric.outputs().get("authUrl");
        assertEquals(auth + "/oauth2/authorize", json.get("authorizeUrl"));
        assertEquals(auth + "/oauth2/token", json.get("tokenUrl"));
        assertEquals(auth + "/logout", json.get("logoutUrl"));
        assertEquals(fabric.outputs().get("webClientId"), json.get("clientId"));
        assertEquals(fabric.outputs().get("userPoolId"), json.get("userPoolId"));
        assertEquals(uiUrl + "/callback", json.get("redirectUri"));
        assertEquals(uiUrl + "/", json.get("logoutUri"));
        assertEquals(fabric.outputs().get("apiUrl"), json.get("apiUrl"));
        assertEquals("eu-west-1", json.get("region"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-aws-login", "amazonia", "cognito1", "-login", "login-", "Login", "login.acme"})
    void aPrefixCognitoRefusesIsRefusedBeforeAnythingExists(String prefix) {
        RuntimeException error = LayerHarness.stack(ServiceFabricProgram.PROJECT, "test").renderFailing(ctx ->
                ServiceFabricProgram.run(ctx, ServiceFabricConfig.load(FabricFixtures.source(
                        with("meltanodata:authDomainPrefix", prefix)), "test")));
        assertEquals("Pulumi.test.yaml: config key 'meltanodata:authDomainPrefix' has value '" + prefix + "'; allowed: "
                + "1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, without the words "
                + "Cognito reserves (aws, amazon, cognito)", error.getMessage());
    }

    @Test
    void aFabricNameThatWouldPutAReservedWordIntoTheDefaultPrefixNeedsAnExplicitOne() {
        RuntimeException error = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> ServiceFabricConfig.load(FabricFixtures.source(validConfig()), "awsdev"));
        assertEquals("Pulumi.test.yaml: stack name 'awsdev' would put a word Cognito reserves (aws, amazon, cognito) into "
                + "the sign-in domain prefix 'meltanodata-awsdev-<hash>'; set config key 'meltanodata:authDomainPrefix'",
                error.getMessage());
        assertFalse(ServiceFabricConfig.load(FabricFixtures.source(with("meltanodata:authDomainPrefix", "dev-login")), "awsdev")
                .signInDomainPrefix("123456789012").contains("aws"));
    }

    private static Object parse(Object json) {
        try {
            return Json.mapper().readValue(String.valueOf(json), Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
