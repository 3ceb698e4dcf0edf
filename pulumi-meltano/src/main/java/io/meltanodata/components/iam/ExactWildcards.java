package io.meltanodata.components.iam;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The action wildcards our policies may use: each stands for exactly the actions listed here, no
 * more, so writing it instead of the list (to keep a policy under IAM's size quota) widens nothing.
 * {@code IamWildcardsIT} expands every entry against AWS's action list (the IAM engine's data) and
 * fails when AWS adds an action a wildcard would then also match.
 */
public final class ExactWildcards {
    private static final Map<String, List<String>> STANDS_FOR = new TreeMap<>(Map.of(
            "s3:*Bucket", List.of("s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket"),
            "s3:*BucketPolicy", List.of("s3:DeleteBucketPolicy", "s3:GetBucketPolicy", "s3:PutBucketPolicy"),
            "s3:*EncryptionConfiguration", List.of("s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration"),
            "s3:*LifecycleConfiguration", List.of("s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration"),
            "iam:*RolePermissionsBoundary", List.of("iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"),
            "iam:List*RolePolicies", List.of("iam:ListAttachedRolePolicies", "iam:ListRolePolicies"),
            // CreatePodIdentityAssociation's resource is the cluster: on association ARNs it never matches.
            "eks:*PodIdentityAssociation", List.of("eks:CreatePodIdentityAssociation", "eks:DeletePodIdentityAssociation",
                    "eks:DescribePodIdentityAssociation", "eks:UpdatePodIdentityAssociation")));

    private ExactWildcards() {
    }

    /** The wildcard, after checking that it is one of ours. */
    public static String of(String wildcard) {
        if (!STANDS_FOR.containsKey(wildcard)) {
            throw new IllegalArgumentException(wildcard + " is not a wildcard known to stand for an exact list of actions");
        }
        return wildcard;
    }

    /** Every wildcard and the actions it stands for. */
    public static Map<String, List<String>> all() {
        return java.util.Collections.unmodifiableMap(STANDS_FOR);
    }
}
