package io.meltanodata.components.iam;

import java.util.List;

/** The statements every MeltanoData KMS key policy starts with. */
public final class KeyPolicies {
    /** What platform admins may do to a key: manage it, never use it to decrypt. */
    static final String[] MANAGE = {"kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*",
            "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:TagResource", "kms:UntagResource",
            "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"};
    /** Using a symmetric key: its cryptographic operations. Everything else (describe, grants, policy) is management. */
    public static final List<String> CRYPTOGRAPHIC = List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*",
            "kms:GenerateDataKey*");
    /** The encryption context Secrets Manager sends when it checks that a caller may use a secret's key. */
    static final String SECRETS_MANAGER_KEY_CHECK = "RequestToValidateKeyAccess";

    private KeyPolicies() {
    }

    /**
     * The account may delegate through IAM (without it a key cannot be managed at all); the platform
     * admins manage the key. In a key policy, {@code "*"} as resource means the key itself.
     */
    public static List<PolicyStatement> administration(String accountId, List<String> platformAdmins) {
        return List.of(
                PolicyStatement.allow("kms:*").principal("AWS", "arn:aws:iam::" + accountId + ":root").on("*")
                        .sid("AccountAdministersThroughIam"),
                PolicyStatement.allow(MANAGE).principal("AWS", platformAdmins).on("*").sid("PlatformAdminsManageTheKey"));
    }

    /**
     * The key's use only for principals tagged {@code tagKey=value}: two denies of its cryptographic
     * operations (never of its management, so the account and the admins keep the key manageable)
     * that spare only
     * <ul>
     * <li>AWS service principals acting on their own grants ({@code aws:PrincipalIsAWSService}): ECR
     * decrypts image layers as {@code ecr.<region>.amazonaws.com} with the grant it made when the
     * repository was created. An explicit deny overrides any grant to any other principal;</li>
     * <li>the check Secrets Manager makes, on behalf of whoever creates a secret, that the caller may
     * use the key: through Secrets Manager and with the encryption context
     * {@code SecretVersionId=RequestToValidateKeyAccess} only, so the pipeline that creates a
     * project's (empty) secrets need not be tagged. No real secret value is ever bound to that
     * context, so it opens nothing.</li>
     * </ul>
     * S3 (SSE-KMS) and Secrets Manager call KMS on behalf of the caller, whose principal tags decide,
     * so the bucket's and the secrets' readers must be tagged too; missing tags deny (negated
     * condition operators match a missing key). A platform admin is denied as well: admins manage
     * the key and cannot decrypt with it unless they change its policy, which CloudTrail records.
     */
    public static List<PolicyStatement> denyUseUnlessTagged(String tagKey, String value, String region) {
        String[] use = CRYPTOGRAPHIC.toArray(String[]::new);
        return List.of(
                PolicyStatement.deny(use).principal("AWS", "*").on("*")
                        .when("StringNotEquals", "aws:PrincipalTag/" + tagKey, value)
                        .when("StringNotEquals", "kms:EncryptionContext:SecretVersionId", SECRETS_MANAGER_KEY_CHECK)
                        .when("BoolIfExists", "aws:PrincipalIsAWSService", "false")
                        .sid("DenyKeyUseToUntaggedPrincipals"),
                PolicyStatement.deny(use).principal("AWS", "*").on("*")
                        .when("StringNotEquals", "aws:PrincipalTag/" + tagKey, value)
                        .when("StringNotEquals", "kms:ViaService", "secretsmanager." + region + ".amazonaws.com")
                        .when("BoolIfExists", "aws:PrincipalIsAWSService", "false")
                        .sid("KeyCheckOnlyThroughSecretsManager"));
    }
}
