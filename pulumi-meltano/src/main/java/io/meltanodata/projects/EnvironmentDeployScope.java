package io.meltanodata.projects;

import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import io.meltanodata.siteinstances.SitePolicies;

import java.util.List;
import java.util.stream.Stream;

/**
 * What the project's pipeline needs in AWS to deploy and dispose its Activated Environments
 * (Layer 4), named down to this project: its environments' artifacts buckets, Pod Identity
 * roles, Pod Identity associations and budgets, by the name prefixes and tags Layer 4 gives
 * them. The deploy role's own ARN shares the roles' prefix, so it is denied changing itself.
 * Kubernetes access comes from the site's deployers group (EKS access entry), not from IAM.
 */
record EnvironmentDeployScope(String account, String region, String fabric, String site, String project,
                              String clusterName, String clusterArn, String boundaryArn, String deployRoleArn) {
    static final String SITE_TAG = ChargeBack.TAG_PREFIX + "site";
    static final String PROJECT_TAG = ChargeBack.TAG_PREFIX + "project";
    static final List<String> ROLE_MANAGEMENT = List.of("iam:GetRole", "iam:DeleteRole", "iam:TagRole", "iam:UntagRole",
            "iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy", "iam:ListRolePolicies",
            "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole");

    /** Layer 4 names buckets and budgets {@code meltanodata-<fabric>-<site>-<project>-...}. */
    String namePrefix() {
        return Names.of(NameKind.S3_BUCKET, "meltanodata", fabric, site, project) + "-";
    }

    /** Layer 4 names roles {@code <fabric>-<site>-<project>-...} under the site's path. */
    String rolesArnPattern() {
        return "arn:aws:iam::" + account + ":role/meltanodata/" + fabric + "/" + site + "/" + fabric + "-" + site + "-" + project + "-*";
    }

    PolicyDocument permissions() {
        String buckets = "arn:aws:s3:::" + namePrefix() + "*";
        String associations = "arn:aws:eks:" + region + ":" + account + ":podidentityassociation/" + clusterName + "/*";
        return PolicyDocument.of(
                PolicyStatement.allow(Stream.concat(Stream.of("s3:ListBucket"), SitePolicies.ENVIRONMENT_BUCKET_CONFIG.stream())
                        .toArray(String[]::new)).on(buckets).sid("EnvironmentArtifactBuckets"),
                // forceDestroy empties an unarchived environment's bucket before deleting it.
                PolicyStatement.allow("s3:DeleteObject", "s3:DeleteObjectVersion").on(buckets + "/*")
                        .sid("EmptyDisposedArtifactBuckets"),
                PolicyStatement.allow("iam:CreateRole").on(rolesArnPattern())
                        .when("StringEquals", "iam:PermissionsBoundary", boundaryArn)
                        .when("StringEquals", "aws:RequestTag/" + SITE_TAG, site)
                        .sid("CreateEnvironmentRolesUnderTheSiteBoundary"),
                PolicyStatement.allow(ROLE_MANAGEMENT.toArray(String[]::new)).on(rolesArnPattern()).sid("ManageEnvironmentRoles"),
                PolicyStatement.allow("iam:PassRole").on(rolesArnPattern())
                        .when("StringEquals", "iam:PassedToService", "pods.eks.amazonaws.com").sid("PassEnvironmentRolesToPods"),
                PolicyStatement.deny("iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
                        "iam:UpdateAssumeRolePolicy", "iam:DeleteRole", "iam:TagRole", "iam:UntagRole", "iam:PassRole")
                        .on(deployRoleArn).sid("DeployRoleCannotChangeItself"),
                PolicyStatement.allow("eks:CreatePodIdentityAssociation", "eks:TagResource").on(clusterArn, associations)
                        .when("StringEquals", "aws:RequestTag/" + SITE_TAG, site)
                        .when("StringEquals", "aws:RequestTag/" + PROJECT_TAG, project)
                        .sid("CreateTaggedPodIdentityAssociations"),
                PolicyStatement.allow("eks:DescribePodIdentityAssociation", "eks:UpdatePodIdentityAssociation",
                                "eks:DeletePodIdentityAssociation")
                        .on(associations)
                        .when("StringEquals", "aws:ResourceTag/" + SITE_TAG, site)
                        .when("StringEquals", "aws:ResourceTag/" + PROJECT_TAG, project)
                        .sid("ManageThisProjectsPodIdentityAssociations"),
                PolicyStatement.allow("budgets:ViewBudget", "budgets:ModifyBudget", "budgets:TagResource",
                                "budgets:UntagResource", "budgets:ListTagsForResource")
                        .on("arn:aws:budgets::" + account + ":budget/" + namePrefix() + "*").sid("EnvironmentBudgets"));
    }
}
