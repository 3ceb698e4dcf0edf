package io.meltanodata.siteinstances;

import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.iam.KeyPolicies;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;

import java.util.List;

/**
 * Every policy of a site, as plain data. Isolation rests on three rules written here: every
 * grant names this site's bucket, key, secrets path, repositories or roles (never another's,
 * never {@code *} for data); every role a site creates carries the site boundary, which only a
 * role with this site's path, boundary and tag can be created under; and the key and bucket
 * admit principals tagged with this site only.
 */
public final class SitePolicies {
    public static final String SITE_TAG = ChargeBack.TAG_PREFIX + "site";
    static final List<String> OBJECT_READ = List.of("s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket",
            "s3:GetBucketLocation");
    static final List<String> OBJECT_WRITE = List.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
            "s3:ListMultipartUploadParts", "s3:RestoreObject");
    /** Managing an environment's own bucket: configuration, and emptying it when it is destroyed. */
    public static final List<String> ENVIRONMENT_BUCKET_CONFIG = List.of("s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucketVersions",
            "s3:GetBucket*", "s3:PutBucketTagging", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketOwnershipControls",
            "s3:PutBucketPublicAccessBlock", "s3:PutBucketVersioning", "s3:GetEncryptionConfiguration",
            "s3:PutEncryptionConfiguration", "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration",
            "s3:GetAccelerateConfiguration", "s3:GetReplicationConfiguration", "s3:DeleteObjectVersion");
    static final List<String> KEY_USE = List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
            "kms:DescribeKey");

    private SitePolicies() {
    }

    /** The permissions boundary: the most any role of this site, its projects and environments can do. */
    public static PolicyDocument boundary(SiteArns arns, String boundaryArn) {
        return PolicyDocument.of(
                PolicyStatement.allow(concat(OBJECT_READ, OBJECT_WRITE)).on(arns.bucketArn(), arns.bucketArn() + "/*")
                        .sid("SiteData"),
                PolicyStatement.allow(concat(OBJECT_READ, OBJECT_WRITE)).on(arns.environmentBucketsArnPattern())
                        .sid("EnvironmentArtifacts"),
                PolicyStatement.allow(KEY_USE.toArray(String[]::new)).on(arns.keyArn()).sid("SiteKey"),
                PolicyStatement.allow("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
                        "secretsmanager:PutSecretValue", "secretsmanager:ListSecretVersionIds")
                        .on(arns.secretsArnPattern()).sid("SiteSecrets"),
                // What a project's pipeline needs to deploy Layer 4; each deploy role narrows it to its project.
                PolicyStatement.allow(ENVIRONMENT_BUCKET_CONFIG.toArray(String[]::new))
                        .on(arns.environmentBucketsArnPattern()).sid("EnvironmentBuckets"),
                PolicyStatement.allow("eks:CreatePodIdentityAssociation", "eks:TagResource", "eks:DescribePodIdentityAssociation",
                                "eks:UpdatePodIdentityAssociation", "eks:DeletePodIdentityAssociation")
                        .on(arns.clusterArn(), arns.podIdentityAssociationsArnPattern())
                        .when("StringEquals", "aws:ResourceTag/" + SITE_TAG, arns.site())
                        .sid("SitePodIdentityAssociations"),
                PolicyStatement.allow("eks:CreatePodIdentityAssociation", "eks:TagResource")
                        .on(arns.clusterArn(), arns.podIdentityAssociationsArnPattern())
                        .when("StringEquals", "aws:RequestTag/" + SITE_TAG, arns.site())
                        .sid("CreateSitePodIdentityAssociations"),
                PolicyStatement.allow("budgets:ViewBudget", "budgets:ModifyBudget", "budgets:TagResource",
                        "budgets:UntagResource", "budgets:ListTagsForResource")
                        .on(arns.environmentBudgetsArnPattern()).sid("EnvironmentBudgets"),
                PolicyStatement.allow("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability",
                        "ecr:DescribeImages", "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                        "ecr:CompleteLayerUpload").on(arns.repositoriesArnPattern()).sid("SiteImages"),
                // No resource-level permissions exist for registry login.
                PolicyStatement.allow("ecr:GetAuthorizationToken").on("*").sid("RegistryLogin"),
                PolicyStatement.allow("eks:DescribeCluster").on(arns.clusterArn()).sid("DescribeCluster"),
                PolicyStatement.allow("logs:CreateLogStream", "logs:PutLogEvents").on(arns.jobLogsArn()).sid("JobLogs"),
                PolicyStatement.allow("iam:CreateRole", "iam:PutRolePermissionsBoundary").on(arns.rolesArnPattern())
                        .when("StringEquals", "iam:PermissionsBoundary", boundaryArn)
                        .when("StringEquals", "aws:RequestTag/" + SITE_TAG, arns.site())
                        .sid("CreateSiteRolesUnderThisBoundaryOnly"),
                PolicyStatement.allow("iam:GetRole", "iam:DeleteRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
                        "iam:GetRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:PassRole", "iam:ListRolePolicies",
                        "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole")
                        .on(arns.rolesArnPattern()).sid("ManageSiteRoles"),
                PolicyStatement.deny("iam:DeleteRolePermissionsBoundary").on("*").sid("BoundaryCannotBeRemoved"),
                PolicyStatement.deny("iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion",
                        "iam:SetDefaultPolicyVersion").on(boundaryArn).sid("BoundaryCannotBeChanged"),
                PolicyStatement.deny("iam:TagRole", "iam:UntagRole").on("*")
                        .when("ForAnyValue:StringEquals", "aws:TagKeys", List.of(SITE_TAG))
                        .sid("SiteTagCannotBeChanged"));
    }

    /**
     * The key policy: the account (IAM delegation, without which a key is unmanageable), the
     * platform admins to manage it, this site's roles to use it, and any principal of the account
     * tagged with this site (the roles Layer 4 creates later) to use it.
     */
    public static PolicyDocument key(SiteArns arns, List<String> platformAdmins, List<String> siteRoles) {
        return new PolicyDocument(KeyPolicies.administration(arns.account(), platformAdmins))
                .and(PolicyStatement.allow(KEY_USE.toArray(String[]::new)).principal("AWS", siteRoles).on("*")
                        .sid("SiteRolesUseTheKey"))
                .and(PolicyStatement.allow(KEY_USE.toArray(String[]::new)).principal("AWS", arns.accountRoot()).on("*")
                        .when("StringEquals", "aws:PrincipalTag/" + SITE_TAG, arns.site())
                        .sid("SiteTaggedPrincipalsUseTheKey"));
    }

    /** Bucket statements added to the TLS-only policy: data only for this site's principals and the platform admins. */
    public static List<PolicyStatement> bucket(SiteArns arns, List<String> platformAdmins) {
        return List.of(PolicyStatement.deny(concat(OBJECT_READ, OBJECT_WRITE)).principal("AWS", "*")
                .on(arns.bucketArn(), arns.bucketArn() + "/*")
                .when("StringNotEquals", "aws:PrincipalTag/" + SITE_TAG, arns.site())
                .when("ArnNotLike", "aws:PrincipalArn", platformAdmins)
                .sid("DenyDataToOtherSites"));
    }

    /** The site admin role: all of the site's data, key and secrets. */
    public static PolicyDocument admin(SiteArns arns) {
        return PolicyDocument.of(
                PolicyStatement.allow(concat(OBJECT_READ, OBJECT_WRITE)).on(arns.bucketArn(), arns.bucketArn() + "/*").sid("SiteData"),
                PolicyStatement.allow(KEY_USE.toArray(String[]::new)).on(arns.keyArn()).sid("SiteKey"),
                PolicyStatement.allow("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
                        "secretsmanager:PutSecretValue", "secretsmanager:ListSecretVersionIds")
                        .on(arns.secretsArnPattern()).sid("SiteSecrets"),
                PolicyStatement.allow("eks:DescribeCluster").on(arns.clusterArn()).sid("DescribeCluster"));
    }

    /** The site workload role (site-wide utility pods): read data and secrets, decrypt. */
    public static PolicyDocument workload(SiteArns arns) {
        return PolicyDocument.of(
                PolicyStatement.allow(OBJECT_READ.toArray(String[]::new)).on(arns.bucketArn(), arns.bucketArn() + "/*").sid("ReadSiteData"),
                PolicyStatement.allow("kms:Decrypt", "kms:DescribeKey").on(arns.keyArn()).sid("DecryptWithSiteKey"),
                PolicyStatement.allow("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret")
                        .on(arns.secretsArnPattern()).sid("ReadSiteSecrets"));
    }

    /** A group's role: find the cluster (RBAC decides the rest) and read the site's data. */
    public static PolicyDocument group(SiteArns arns) {
        return PolicyDocument.of(
                PolicyStatement.allow("eks:DescribeCluster").on(arns.clusterArn()).sid("DescribeCluster"),
                PolicyStatement.allow(OBJECT_READ.toArray(String[]::new)).on(arns.bucketArn(), arns.bucketArn() + "/*").sid("ReadSiteData"),
                PolicyStatement.allow("kms:Decrypt", "kms:DescribeKey").on(arns.keyArn()).sid("DecryptWithSiteKey"));
    }

    public static PolicyDocument trust(List<String> principals) {
        return PolicyDocument.of(PolicyStatement.allow("sts:AssumeRole", "sts:TagSession").principal("AWS", principals)
                .sid("SitePrincipals"));
    }

    public static PolicyDocument podIdentityTrust() {
        return PolicyDocument.of(PolicyStatement.allow("sts:AssumeRole", "sts:TagSession")
                .principal("Service", "pods.eks.amazonaws.com").sid("EksPodIdentity"));
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
