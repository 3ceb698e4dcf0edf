package io.meltanodata.projects;

import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;
import io.meltanodata.siteinstances.SiteArns;
import io.meltanodata.siteinstances.SitePolicies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The project boundary: what any role of one project (its deploy role, its environments' roles,
 * and any role its pipeline creates) can do at most. It sits inside the site boundary statement by
 * statement, each narrowed from the site to this project: its prefix of the site bucket, its
 * environments' buckets, budgets, roles and Pod Identity associations, its secrets, its registry,
 * its job log streams. It lets a role create roles only under itself, and no role change the
 * deploy role or any boundary of the site. A feature-branch pipeline is therefore its project,
 * never the site.
 */
public final class ProjectPolicies {
    static final String SITE_TAG = ChargeBack.TAG_PREFIX + "site";
    static final String PROJECT_TAG = ChargeBack.TAG_PREFIX + "project";
    static final List<String> OBJECTS = List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject",
            "s3:DeleteObjectVersion", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:RestoreObject");
    static final List<String> ROLE_MANAGEMENT = List.of("iam:GetRole", "iam:DeleteRole", "iam:TagRole", "iam:UntagRole",
            "iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy", "iam:ListRolePolicies",
            "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:ListRoleTags");

    private ProjectPolicies() {
    }

    /** {@code projects/<project>/}: the project's environments keep their state under it in the site bucket. */
    public static String dataPrefix(String project) {
        return "projects/" + project + "/";
    }

    /** The tags every Pod Identity association and role of the project carries. */
    static Map<String, String> tags(SiteArns site, String project) {
        return Map.of(SITE_TAG, site.site(), PROJECT_TAG, project);
    }

    static PolicyDocument boundary(SiteArns site, String project, String boundaryArn, String deployRoleArn) {
        ProjectNames names = new ProjectNames(site, project);
        List<PolicyStatement> st = new ArrayList<>(List.of(
                PolicyStatement.allow(OBJECTS.toArray(String[]::new)).on(site.bucketArn() + "/" + dataPrefix(project) + "*")
                        .sid("ProjectState"),
                PolicyStatement.allow("s3:ListBucket").on(site.bucketArn())
                        .when("StringLike", "s3:prefix", dataPrefix(project) + "*").sid("ListProjectState"),
                PolicyStatement.allow(OBJECTS.toArray(String[]::new)).on(names.buckets() + "/*").sid("EnvironmentArtifacts"),
                PolicyStatement.allow(concat(List.of("s3:ListBucket"), SitePolicies.ENVIRONMENT_BUCKET_CONFIG))
                        .on(names.buckets()).sid("EnvironmentBuckets"),
                PolicyStatement.allow("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey")
                        .on(site.keyArn()).sid("SiteKey"),
                PolicyStatement.allow("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret")
                        .on(names.secrets()).sid("ProjectSecrets"),
                PolicyStatement.allow(SitePolicies.IMAGE_PUSH.toArray(String[]::new)).on(names.repository()).sid("ProjectImages"),
                // No resource-level permissions exist for registry login.
                PolicyStatement.allow("ecr:GetAuthorizationToken").on("*").sid("RegistryLogin"),
                PolicyStatement.allow("eks:DescribeCluster").on(site.clusterArn()).sid("DescribeCluster"),
                PolicyStatement.allow("logs:CreateLogStream", "logs:PutLogEvents")
                        .on(site.jobLogStreamsArn(SiteArns.jobLogStreamPrefix(site.site(), project))).sid("ProjectJobLogStreams"),
                SitePolicies.podIdentityCreation(site.clusterArn(), tags(site, project)).sid("CreateProjectPodIdentityAssociations"),
                SitePolicies.podIdentityManagement(site.podIdentityAssociationsArnPattern(), tags(site, project))
                        .sid("ProjectPodIdentityAssociations"),
                SitePolicies.podIdentityTagging(site.podIdentityAssociationsArnPattern(), tags(site, project))
                        .sid("TagProjectPodIdentityAssociations"),
                PolicyStatement.allow("budgets:ViewBudget", "budgets:ModifyBudget", "budgets:TagResource",
                        "budgets:UntagResource", "budgets:ListTagsForResource").on(names.budgets()).sid("EnvironmentBudgets"),
                PolicyStatement.allow("iam:CreateRole").on(names.roles())
                        .when("StringEquals", "iam:PermissionsBoundary", boundaryArn)
                        .when("StringEquals", "aws:RequestTag/" + SITE_TAG, site.site())
                        .when("StringEquals", "aws:RequestTag/" + PROJECT_TAG, project)
                        .when("ForAllValues:StringEquals", "aws:TagKeys", SitePolicies.CHARGE_BACK_TAG_KEYS)
                        .sid("CreateProjectRolesUnderThisBoundaryOnly"),
                PolicyStatement.allow(ROLE_MANAGEMENT.toArray(String[]::new)).on(names.roles()).sid("ManageProjectRoles"),
                PolicyStatement.allow("iam:PassRole").on(names.roles())
                        .when("StringEquals", "iam:PassedToService", "pods.eks.amazonaws.com").sid("PassProjectRolesToPods"),
                PolicyStatement.deny("iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary").on("*")
                        .sid("BoundaryCannotBeRemovedOrReplaced"),
                PolicyStatement.deny(SitePolicies.BOUNDARY_CHANGES.toArray(String[]::new)).on(site.boundariesArnPattern())
                        .sid("BoundariesCannotBeChanged"),
                PolicyStatement.deny(SitePolicies.ROLE_CHANGES.toArray(String[]::new)).on(deployRoleArn)
                        .sid("DeployRoleCannotBeChanged"),
                SitePolicies.chargeBackTagCannotNameAnother("iam:TagRole", SITE_TAG, site.site()).sid("SiteTagNamesOnlyThisSite"),
                SitePolicies.chargeBackTagCannotNameAnother("iam:TagRole", PROJECT_TAG, project).sid("ProjectTagNamesOnlyThisProject"),
                PolicyStatement.deny("iam:UntagRole").on("*")
                        .when("ForAnyValue:StringEquals", "aws:TagKeys", List.of(SITE_TAG, PROJECT_TAG))
                        .sid("ChargeBackTagsCannotBeRemoved")));
        return new PolicyDocument(st);
    }

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    /** The name patterns of one project's resources, derived from the site's as Layers 3 and 4 name them. */
    record ProjectNames(SiteArns site, String project) {
        /** Layer 4 names buckets and budgets {@code <site bucket>-<project>-...}; project names have no {@code -}. */
        String namePrefix() {
            return site.bucket() + "-" + project + "-";
        }

        String buckets() {
            return "arn:aws:s3:::" + namePrefix() + "*";
        }

        String budgets() {
            return "arn:aws:budgets::" + site.account() + ":budget/" + namePrefix() + "*";
        }

        /** Layer 3 and 4 name roles {@code <fabric>-<site>-<project>-...} under the site's path. */
        String roles() {
            return "arn:aws:iam::" + site.account() + ":role" + site.rolePath() + site.fabric() + "-" + site.site() + "-"
                    + project + "-*";
        }

        String secrets() {
            return "arn:aws:secretsmanager:" + site.region() + ":" + site.account() + ":secret:"
                    + SiteArns.secretsPrefix(site.fabric(), site.site()) + project + "/*";
        }

        String repository() {
            return "arn:aws:ecr:" + site.region() + ":" + site.account() + ":repository/" + site.fabric() + "/" + site.site()
                    + "/" + project;
        }
    }
}
