package io.meltanodata.components.iam;

import java.util.List;

/** The statements every MeltanoData KMS key policy starts with. */
public final class KeyPolicies {
    /** What platform admins may do to a key: manage it, never use it to decrypt. */
    static final String[] MANAGE = {"kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*",
            "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:TagResource", "kms:UntagResource",
            "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"};

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
}
