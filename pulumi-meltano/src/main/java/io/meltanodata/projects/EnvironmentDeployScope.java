package io.meltanodata.projects;

import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;
import io.meltanodata.siteinstances.SiteArns;
import io.meltanodata.siteinstances.SitePolicies;

import java.util.stream.Stream;

/**
 * What the project's pipeline needs in AWS to deploy and dispose its Activated Environments
 * (Layer 4), named down to this project: its environments' artifacts buckets, Pod Identity
 * roles (created only under the project boundary), Pod Identity associations (created, changed and
 * tagged only with and under this project's tags) and budgets. The deploy role's own ARN shares
 * the roles' prefix, so it is denied changing itself. Kubernetes access comes from the site's
 * deployers group (EKS access entry), not from IAM.
 */
record EnvironmentDeployScope(SiteArns site, String project, String projectBoundaryArn, String deployRoleArn) {

    PolicyDocument permissions() {
        ProjectPolicies.ProjectNames names = new ProjectPolicies.ProjectNames(site, project);
        var tags = ProjectPolicies.tags(site, project);
        return PolicyDocument.of(
                PolicyStatement.allow(Stream.concat(Stream.of("s3:ListBucket"), SitePolicies.ENVIRONMENT_BUCKET_CONFIG.stream())
                        .toArray(String[]::new)).on(names.buckets()).sid("EnvironmentArtifactBuckets"),
                // forceDestroy empties an unarchived environment's bucket before deleting it.
                PolicyStatement.allow("s3:DeleteObject", "s3:DeleteObjectVersion").on(names.buckets() + "/*")
                        .sid("EmptyDisposedArtifactBuckets"),
                SitePolicies.onlyChargeBackTagKeys(PolicyStatement.allow("iam:CreateRole").on(names.roles())
                        .when("StringEquals", "iam:PermissionsBoundary", projectBoundaryArn)
                        .when("StringEquals", "aws:RequestTag/" + ProjectPolicies.SITE_TAG, site.site())
                        .when("StringEquals", "aws:RequestTag/" + ProjectPolicies.PROJECT_TAG, project))
                        .sid("CreateEnvironmentRolesUnderTheProjectBoundary"),
                PolicyStatement.allow(ProjectPolicies.ROLE_MANAGEMENT.toArray(String[]::new)).on(names.roles())
                        .sid("ManageEnvironmentRoles"),
                PolicyStatement.allow("iam:PassRole").on(names.roles())
                        .when("StringEquals", "iam:PassedToService", "pods.eks.amazonaws.com").sid("PassEnvironmentRolesToPods"),
                PolicyStatement.deny(SitePolicies.ALL_IAM).on(deployRoleArn)
                        .sid("DeployRoleCannotChangeItself"),
                SitePolicies.podIdentityCreation(site.clusterArn(), tags).sid("CreateTaggedPodIdentityAssociations"),
                SitePolicies.podIdentityAssociations(site.podIdentityAssociationsArnPattern(), tags)
                        .sid("ManageAndTagThisProjectsPodIdentityAssociations"),
                PolicyStatement.allow(SitePolicies.BUDGET_MANAGEMENT.toArray(String[]::new)).on(names.budgets()).sid("EnvironmentBudgets"));
    }
}
