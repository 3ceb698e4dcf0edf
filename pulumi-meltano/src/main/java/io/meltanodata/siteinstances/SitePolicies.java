package io.meltanodata.siteinstances;

import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.iam.KeyPolicies;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;

import java.util.List;
import java.util.Map;

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

    /** The charge-back tag keys: the only tags a tenant may put on what it creates. */
    public static final List<String> CHARGE_BACK_TAG_KEYS = java.util.stream.Stream.of("layer", "fabric", "site", "project",
            "environment", "git-ref", "instance").map(k -> ChargeBack.TAG_PREFIX + k).toList();
    /** The session tags EKS Pod Identity passes when it assumes a pod's role, and no others. */
    public static final List<String> POD_IDENTITY_SESSION_TAGS = List.of("eks-cluster-arn", "eks-cluster-name",
            "kubernetes-namespace", "kubernetes-service-account", "kubernetes-pod-name", "kubernetes-pod-uid");
    /** Changing a role: what no role may do to the roles and boundaries that confine it. */
    public static final List<String> ROLE_CHANGES = List.of("iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy",
            "iam:DetachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:DeleteRole", "iam:TagRole",
            "iam:UntagRole", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:PassRole");
    /** Changing a managed policy (a boundary). */
    public static final List<String> BOUNDARY_CHANGES = List.of("iam:CreatePolicyVersion", "iam:DeletePolicy",
            "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion");

    /**
     * The permissions boundary: the most any role of this site can do. Its projects' roles carry a
     * narrower one ({@code projects.ProjectPolicies.boundary}), inside this one statement by statement.
     */
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
                // What a project's pipeline needs to deploy Layer 4; each project boundary narrows it to its project.
                PolicyStatement.allow(ENVIRONMENT_BUCKET_CONFIG.toArray(String[]::new))
                        .on(arns.environmentBucketsArnPattern()).sid("EnvironmentBuckets"),
                podIdentityCreation(arns.clusterArn(), Map.of(SITE_TAG, arns.site())).sid("CreateSitePodIdentityAssociations"),
                podIdentityManagement(arns.podIdentityAssociationsArnPattern(), Map.of(SITE_TAG, arns.site()))
                        .sid("SitePodIdentityAssociations"),
                podIdentityTagging(arns.podIdentityAssociationsArnPattern(), Map.of(SITE_TAG, arns.site()))
                        .sid("TagSitePodIdentityAssociations"),
                PolicyStatement.allow("budgets:ViewBudget", "budgets:ModifyBudget", "budgets:TagResource",
                        "budgets:UntagResource", "budgets:ListTagsForResource")
                        .on(arns.environmentBudgetsArnPattern()).sid("EnvironmentBudgets"),
                PolicyStatement.allow(IMAGE_PUSH.toArray(String[]::new)).on(arns.repositoriesArnPattern()).sid("SiteImages"),
                // No resource-level permissions exist for registry login.
                PolicyStatement.allow("ecr:GetAuthorizationToken").on("*").sid("RegistryLogin"),
                PolicyStatement.allow("eks:DescribeCluster").on(arns.clusterArn()).sid("DescribeCluster"),
                PolicyStatement.allow("logs:CreateLogStream", "logs:PutLogEvents")
                        .on(arns.jobLogStreamsArn(SiteArns.jobLogStreamPrefix(arns.site()))).sid("SiteJobLogStreams"),
                PolicyStatement.allow("iam:CreateRole").on(arns.rolesArnPattern())
                        .when("ArnLike", "iam:PermissionsBoundary", arns.boundariesArnPattern())
                        .when("StringEquals", "aws:RequestTag/" + SITE_TAG, arns.site())
                        .when("ForAllValues:StringEquals", "aws:TagKeys", CHARGE_BACK_TAG_KEYS)
                        .sid("CreateSiteRolesUnderASiteBoundaryOnly"),
                PolicyStatement.allow("iam:GetRole", "iam:DeleteRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
                        "iam:GetRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:PassRole", "iam:ListRolePolicies",
                        "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole")
                        .on(arns.rolesArnPattern()).sid("ManageSiteRoles"),
                PolicyStatement.deny("iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary").on("*")
                        .sid("BoundaryCannotBeRemovedOrReplaced"),
                PolicyStatement.deny(BOUNDARY_CHANGES.toArray(String[]::new)).on(arns.boundariesArnPattern()).sid("BoundariesCannotBeChanged"),
                PolicyStatement.deny(ROLE_CHANGES.toArray(String[]::new)).on(arns.confiningRolesArns())
                        .sid("ConfiningRolesCannotBeChanged"),
                chargeBackTagCannotNameAnother("iam:TagRole", SITE_TAG, arns.site()).sid("SiteTagNamesOnlyThisSite"),
                PolicyStatement.deny("iam:UntagRole").on("*")
                        .when("ForAnyValue:StringEquals", "aws:TagKeys", List.of(SITE_TAG))
                        .sid("SiteTagCannotBeRemoved"));
    }

    /** Push and pull images. */
    public static final List<String> IMAGE_PUSH = List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
            "ecr:BatchCheckLayerAvailability", "ecr:DescribeImages", "ecr:PutImage", "ecr:InitiateLayerUpload",
            "ecr:UploadLayerPart", "ecr:CompleteLayerUpload");

    /** Creating a Pod Identity association (a cluster action) only with the given tags and charge-back keys. */
    public static PolicyStatement podIdentityCreation(String clusterArn, Map<String, String> tags) {
        PolicyStatement st = PolicyStatement.allow("eks:CreatePodIdentityAssociation").on(clusterArn)
                .when("ForAllValues:StringEquals", "aws:TagKeys", CHARGE_BACK_TAG_KEYS);
        for (Map.Entry<String, String> tag : new java.util.TreeMap<>(tags).entrySet()) {
            st = st.when("StringEquals", "aws:RequestTag/" + tag.getKey(), tag.getValue());
        }
        return st;
    }

    /** Describe, update and delete associations whose existing tags are the given ones. */
    public static PolicyStatement podIdentityManagement(String associations, Map<String, String> tags) {
        PolicyStatement st = PolicyStatement.allow("eks:DescribePodIdentityAssociation", "eks:UpdatePodIdentityAssociation",
                "eks:DeletePodIdentityAssociation").on(associations);
        for (Map.Entry<String, String> tag : new java.util.TreeMap<>(tags).entrySet()) {
            st = st.when("StringEquals", "aws:ResourceTag/" + tag.getKey(), tag.getValue());
        }
        return st;
    }

    /**
     * Tag only associations that already carry the given tags (never the cluster, never another
     * tenant's association), only with charge-back keys, and never to name another tenant.
     */
    public static PolicyStatement podIdentityTagging(String associations, Map<String, String> tags) {
        PolicyStatement st = PolicyStatement.allow("eks:TagResource").on(associations)
                .when("ForAllValues:StringEquals", "aws:TagKeys", CHARGE_BACK_TAG_KEYS);
        for (Map.Entry<String, String> tag : new java.util.TreeMap<>(tags).entrySet()) {
            st = st.when("StringEquals", "aws:ResourceTag/" + tag.getKey(), tag.getValue())
                    .when("StringEqualsIfExists", "aws:RequestTag/" + tag.getKey(), tag.getValue());
        }
        return st;
    }

    /**
     * Deny tagging with {@code key} set to anything but {@code value}. Tagging with the own value
     * stays allowed: whether or not tags given at {@code iam:CreateRole} are also authorised as
     * {@code iam:TagRole}, creating a correctly tagged role works (docs/threat-model.md, T-2).
     */
    public static PolicyStatement chargeBackTagCannotNameAnother(String action, String key, String value) {
        return PolicyStatement.deny(action).on("*")
                .when("ForAnyValue:StringEquals", "aws:TagKeys", List.of(key))
                .when("StringNotEquals", "aws:RequestTag/" + key, value);
    }

    /**
     * The key policy: the account (IAM delegation, without which a key is unmanageable), the
     * platform admins to manage it, this site's roles to use it, and any principal of the account
     * tagged with this site (the roles Layer 4 creates later) to use it. Because the account's
     * statement lets any IAM policy grant {@code kms:*}, the key's use is also denied to every
     * principal not tagged with this site ({@link KeyPolicies#denyUseUnlessTagged}), the way the
     * bucket denies its data ({@link #denyDataToOtherSites}).
     */
    public static PolicyDocument key(SiteArns arns, List<String> platformAdmins, List<String> siteRoles) {
        List<PolicyStatement> all = new java.util.ArrayList<>(KeyPolicies.administration(arns.account(), platformAdmins));
        all.add(PolicyStatement.allow(KEY_USE.toArray(String[]::new)).principal("AWS", siteRoles).on("*")
                .sid("SiteRolesUseTheKey"));
        all.add(PolicyStatement.allow(KEY_USE.toArray(String[]::new)).principal("AWS", arns.accountRoot()).on("*")
                .when("StringEquals", "aws:PrincipalTag/" + SITE_TAG, arns.site())
                .sid("SiteTaggedPrincipalsUseTheKey"));
        all.addAll(KeyPolicies.denyUseUnlessTagged(SITE_TAG, arns.site(), arns.region()));
        return new PolicyDocument(all);
    }

    /** Bucket statements added to the TLS-only policy: data only for this site's principals and the platform admins. */
    public static List<PolicyStatement> bucket(SiteArns arns, List<String> platformAdmins) {
        return List.of(denyDataToOtherSites(arns.site(), arns.bucketArn(), platformAdmins));
    }

    /**
     * The site deny of every bucket holding a site's data (the site bucket, each environment's
     * artifacts bucket): data actions only for principals tagged with the site, and the platform
     * admins. Tenants cannot pass session tags ({@link #trust}, {@link #podIdentityTrust}) nor retag
     * roles to another site, so the tag is the role's own.
     */
    public static PolicyStatement denyDataToOtherSites(String site, String bucketArn, List<String> platformAdmins) {
        PolicyStatement deny = PolicyStatement.deny(concat(OBJECT_READ, OBJECT_WRITE)).principal("AWS", "*")
                .on(bucketArn, bucketArn + "/*")
                .when("StringNotEquals", "aws:PrincipalTag/" + SITE_TAG, site)
                .sid("DenyDataToOtherSites");
        return platformAdmins.isEmpty() ? deny : deny.when("ArnNotLike", "aws:PrincipalArn", platformAdmins);
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

    /** People's roles: assumed without session tags, so no session can claim another site's tag. */
    public static PolicyDocument trust(List<String> principals) {
        return PolicyDocument.of(PolicyStatement.allow("sts:AssumeRole").principal("AWS", principals)
                .sid("SitePrincipals"));
    }

    /** Pods' roles: EKS Pod Identity, with the session tags it sets and no others. */
    public static PolicyDocument podIdentityTrust() {
        return PolicyDocument.of(PolicyStatement.allow("sts:AssumeRole", "sts:TagSession")
                .principal("Service", "pods.eks.amazonaws.com")
                .when("ForAllValues:StringEquals", "aws:TagKeys", POD_IDENTITY_SESSION_TAGS)
                .sid("EksPodIdentity"));
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
