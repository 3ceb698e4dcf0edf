package io.meltanodata.siteinstances;

import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.iam.ExactWildcards;
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
    public static final List<String> ENVIRONMENT_BUCKET_CONFIG = List.of(ExactWildcards.of("s3:*Bucket"), "s3:ListBucketVersions",
            "s3:GetBucket*", "s3:PutBucketTagging", ExactWildcards.of("s3:*BucketPolicy"), "s3:PutBucketOwnershipControls",
            "s3:PutBucketPublicAccessBlock", "s3:PutBucketVersioning", ExactWildcards.of("s3:*EncryptionConfiguration"),
            ExactWildcards.of("s3:*LifecycleConfiguration"), "s3:GetAccelerateConfiguration", "s3:GetReplicationConfiguration",
            "s3:DeleteObjectVersion");
    public static final List<String> KEY_USE = List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
            "kms:DescribeKey");

    private SitePolicies() {
    }

    /**
     * The only tag keys a tenant may put on what it creates: the charge-back keys
     * ({@code meltanodata:site}, {@code :project}, ...), matched by their prefix so that a policy
     * names them once instead of listing each (IAM's policy size quota, {@code AwsLimits}).
     */
    public static final String CHARGE_BACK_TAG_KEYS = ChargeBack.TAG_PREFIX + "*";
    /** The session tags EKS Pod Identity passes when it assumes a pod's role, and no others. */
    public static final List<String> POD_IDENTITY_SESSION_TAGS = List.of("eks-cluster-arn", "eks-cluster-name",
            "kubernetes-namespace", "kubernetes-service-account", "kubernetes-pod-name", "kubernetes-pod-uid");
    /**
     * Everything on the roles and boundaries that confine a site's or project's roles: nothing
     * under a boundary may change, pass, tag, delete or even read them ({@code iam:*} on their ARNs
     * only; other roles are untouched).
     */
    public static final String ALL_IAM = "iam:*";
    /** Putting or removing a role's permissions boundary: exactly these two actions (IamWildcardsIT). */
    public static final String ROLE_BOUNDARY_CHANGES = ExactWildcards.of("iam:*RolePermissionsBoundary");
    /** Describe, update and delete an association; create is a cluster action and never matches an association ARN. */
    public static final String POD_IDENTITY_ASSOCIATION_ACTIONS = ExactWildcards.of("eks:*PodIdentityAssociation");

    /**
     * The permissions boundary: the most any role of this site can do. Its projects' roles carry a
     * narrower one ({@code projects.ProjectPolicies.boundary}), inside this one.
     * It must stay under IAM's managed policy size quota for the longest names the config accepts
     * ({@code PermissionBoundarySizeTest}), so statements on the same resources are merged and
     * action wildcards are used only where they stand for exactly the listed actions.
     */
    public static PolicyDocument boundary(SiteArns arns, String boundaryArn) {
        return PolicyDocument.of(
                // Statements without conditions are merged across services: an action only ever names a
                // resource of its own service, so no action meets another service's ARN. Bucket
                // configuration stays apart: the site bucket is the platform's to configure.
                PolicyStatement.allow(PolicyStatement.union(OBJECT_READ, OBJECT_WRITE, KEY_USE, SITE_SECRETS))
                        .on(arns.bucketArn(), arns.bucketArn() + "/*", arns.keyArn(), arns.secretsArnPattern())
                        .sid("SiteData"),
                // Each environment's own artifacts bucket: its objects, and what a project's pipeline needs to
                // deploy it (each project boundary narrows this to its project).
                PolicyStatement.allow(PolicyStatement.union(OBJECT_READ, OBJECT_WRITE, ENVIRONMENT_BUCKET_CONFIG))
                        .on(arns.environmentBucketsArnPattern()).sid("EnvironmentBuckets"),
                PolicyStatement.allow(PolicyStatement.union(IMAGE_PUSH, List.of("eks:DescribeCluster"), BUDGET_MANAGEMENT,
                                List.of("logs:CreateLogStream", "logs:PutLogEvents")))
                        .on(arns.repositoriesArnPattern(), arns.clusterArn(), arns.environmentBudgetsArnPattern(),
                                arns.jobLogStreamsArn(SiteArns.jobLogStreamPrefix(arns.site())))
                        .sid("SiteOperations"),
                // No resource-level permissions exist for registry login.
                PolicyStatement.allow("ecr:GetAuthorizationToken").on("*").sid("RegistryLogin"),
                podIdentityCreation(arns.clusterArn(), Map.of(SITE_TAG, arns.site())).sid("CreatePodIdentity"),
                podIdentityAssociations(arns.podIdentityAssociationsArnPattern(), Map.of(SITE_TAG, arns.site()))
                        .sid("SitePodIdentity"),
                onlyChargeBackTagKeys(PolicyStatement.allow("iam:CreateRole").on(arns.rolesArnPattern())
                        .when("ArnLike", "iam:PermissionsBoundary", arns.boundariesArnPattern())
                        .when("StringEquals", "aws:RequestTag/" + SITE_TAG, arns.site()))
                        .sid("CreateRolesUnderSiteBoundaries"),
                roleManagement(arns.rolesArnPattern(), SITE_ROLE_MANAGEMENT, Map.of(SITE_TAG, arns.site()), null)
                        .sid("ManageSiteRoles"),
                roleUntagging(arns.rolesArnPattern(), List.of(SITE_TAG)).sid("SiteTagCannotBeRemoved"),
                PolicyStatement.deny(ROLE_BOUNDARY_CHANGES).on("*").sid("KeepRoleBoundaries"),
                PolicyStatement.deny(ALL_IAM).on(PolicyStatement.union(List.of(arns.boundariesArnPattern()), arns.confiningRolesArns()))
                        .sid("KeepWhatConfines"));
    }

    /** What a site's roles may do to the site's roles, besides tagging, untagging and passing them. */
    static final List<String> SITE_ROLE_MANAGEMENT = List.of("iam:GetRole", "iam:DeleteRole", "iam:PutRolePolicy",
            "iam:DeleteRolePolicy", "iam:GetRolePolicy", ExactWildcards.of("iam:List*RolePolicies"),
            "iam:ListInstanceProfilesForRole");

    /**
     * Manage the roles {@code roles} matches: {@code actions}, tagging them where a tag under a key of
     * {@code ownTags} carries its own value only, and passing them (to {@code passedTo} only, when
     * given). Conditions on the Allow, not Deny statements: an {@code ...IfExists} condition passes
     * for a request that does not carry its key, so it binds only the action it concerns.
     */
    public static PolicyStatement roleManagement(String roles, List<String> actions, Map<String, String> ownTags, String passedTo) {
        PolicyStatement st = PolicyStatement.allow(PolicyStatement.union(actions, List.of("iam:TagRole", "iam:PassRole"))).on(roles);
        for (Map.Entry<String, String> tag : new java.util.TreeMap<>(ownTags).entrySet()) {
            st = st.when("StringEqualsIfExists", "aws:RequestTag/" + tag.getKey(), tag.getValue());
        }
        return passedTo == null ? st : st.when("StringEqualsIfExists", "iam:PassedToService", passedTo);
    }

    /** Untag the roles {@code roles} matches, never under {@code keptKeys}. */
    public static PolicyStatement roleUntagging(String roles, List<String> keptKeys) {
        return PolicyStatement.allow("iam:UntagRole").on(roles).when("ForAllValues:StringNotEquals", "aws:TagKeys", keptKeys);
    }

    static final List<String> SITE_SECRETS = List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
            "secretsmanager:PutSecretValue", "secretsmanager:ListSecretVersionIds");

    /** An environment's budget: read, change and tag it. */
    public static final List<String> BUDGET_MANAGEMENT = List.of("budgets:ViewBudget", "budgets:ModifyBudget",
            "budgets:TagResource", "budgets:UntagResource", "budgets:ListTagsForResource");

    /** The request may carry charge-back tag keys only (a request with no tags passes). */
    public static PolicyStatement onlyChargeBackTagKeys(PolicyStatement statement) {
        return statement.when("ForAllValues:StringLike", "aws:TagKeys", CHARGE_BACK_TAG_KEYS);
    }

    /** Push and pull images. */
    public static final List<String> IMAGE_PUSH = List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
            "ecr:BatchCheckLayerAvailability", "ecr:DescribeImages", "ecr:PutImage", "ecr:InitiateLayerUpload",
            "ecr:UploadLayerPart", "ecr:CompleteLayerUpload");

    /** Creating a Pod Identity association (a cluster action) only with the given tags and charge-back keys. */
    public static PolicyStatement podIdentityCreation(String clusterArn, Map<String, String> tags) {
        PolicyStatement st = onlyChargeBackTagKeys(PolicyStatement.allow("eks:CreatePodIdentityAssociation").on(clusterArn));
        for (Map.Entry<String, String> tag : new java.util.TreeMap<>(tags).entrySet()) {
            st = st.when("StringEquals", "aws:RequestTag/" + tag.getKey(), tag.getValue());
        }
        return st;
    }

    /**
     * Describe, update, delete and tag associations that already carry the given tags (never the
     * cluster, never another tenant's association); tag them only with charge-back keys, and never to
     * name another tenant. The tag conditions pass for the requests that carry no tags.
     */
    public static PolicyStatement podIdentityAssociations(String associations, Map<String, String> tags) {
        PolicyStatement st = onlyChargeBackTagKeys(PolicyStatement.allow(POD_IDENTITY_ASSOCIATION_ACTIONS, "eks:TagResource")
                .on(associations));
        for (Map.Entry<String, String> tag : new java.util.TreeMap<>(tags).entrySet()) {
            st = st.when("StringEquals", "aws:ResourceTag/" + tag.getKey(), tag.getValue())
                    .when("StringEqualsIfExists", "aws:RequestTag/" + tag.getKey(), tag.getValue());
        }
        return st;
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
        PolicyStatement deny = PolicyStatement.deny(PolicyStatement.union(OBJECT_READ, OBJECT_WRITE)).principal("AWS", "*")
                .on(bucketArn, bucketArn + "/*")
                .when("StringNotEquals", "aws:PrincipalTag/" + SITE_TAG, site)
                .sid("DenyDataToOtherSites");
        return platformAdmins.isEmpty() ? deny : deny.when("ArnNotLike", "aws:PrincipalArn", platformAdmins);
    }

    /** The site admin role: all of the site's data, key and secrets. */
    public static PolicyDocument admin(SiteArns arns) {
        return PolicyDocument.of(
                PolicyStatement.allow(PolicyStatement.union(OBJECT_READ, OBJECT_WRITE)).on(arns.bucketArn(), arns.bucketArn() + "/*").sid("SiteData"),
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


}
