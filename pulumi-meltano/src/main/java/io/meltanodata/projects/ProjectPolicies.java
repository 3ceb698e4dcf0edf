package io.meltanodata.projects;

import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.iam.ExactWildcards;
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
    /** What a project's roles may do to the project's roles, besides tagging, untagging and passing them. */
    static final List<String> PROJECT_ROLE_MANAGEMENT = List.of("iam:GetRole", "iam:DeleteRole", "iam:PutRolePolicy",
            "iam:GetRolePolicy", "iam:DeleteRolePolicy", ExactWildcards.of("iam:List*RolePolicies"),
            "iam:ListInstanceProfilesForRole", "iam:ListRoleTags");
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

    /**
     * The project boundary. Like the site's, it must stay under IAM's managed policy size quota for
     * the longest names the config accepts ({@code PermissionBoundarySizeTest}): one statement per
     * resource and condition, charge-back tag keys by their prefix, and {@code iam:*} denied on
     * what confines the project instead of a list of changes.
     */
    static PolicyDocument boundary(SiteArns site, String project, String boundaryArn, String deployRoleArn) {
        ProjectNames names = new ProjectNames(site, project);
        List<PolicyStatement> st = new ArrayList<>(List.of(
                // Statements without conditions are merged across services: an action only ever names a
                // resource of its own service, so no action meets another service's ARN.
                // S3: the project's state prefix of the site bucket, and its environments' artifacts
                // buckets and their objects (the pattern's * spans the object key). Bucket actions never
                // name an object ARN, so they reach the artifacts buckets only.
                PolicyStatement.allow(PolicyStatement.union(OBJECTS, List.of("s3:ListBucket"), SitePolicies.ENVIRONMENT_BUCKET_CONFIG,
                                SitePolicies.KEY_USE, List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret")))
                        .on(site.bucketArn() + "/" + dataPrefix(project) + "*", names.buckets(), site.keyArn(), names.secrets())
                        .sid("ProjectData"),
                PolicyStatement.allow("s3:ListBucket").on(site.bucketArn())
                        .when("StringLike", "s3:prefix", dataPrefix(project) + "*").sid("ListProjectState"),
                PolicyStatement.allow(PolicyStatement.union(SitePolicies.IMAGE_PUSH, List.of("eks:DescribeCluster"), SitePolicies.BUDGET_MANAGEMENT,
                                List.of("logs:CreateLogStream", "logs:PutLogEvents")))
                        .on(names.repository(), site.clusterArn(), names.budgets(),
                                site.jobLogStreamsArn(SiteArns.jobLogStreamPrefix(site.site(), project)))
                        .sid("ProjectOperations"),
                // No resource-level permissions exist for registry login.
                PolicyStatement.allow("ecr:GetAuthorizationToken").on("*").sid("RegistryLogin"),
                SitePolicies.podIdentityCreation(site.clusterArn(), tags(site, project)).sid("CreatePodIdentity"),
                SitePolicies.podIdentityAssociations(site.podIdentityAssociationsArnPattern(), tags(site, project))
                        .sid("ProjectPodIdentity"),
                SitePolicies.onlyChargeBackTagKeys(PolicyStatement.allow("iam:CreateRole").on(names.roles())
                        .when("StringEquals", "iam:PermissionsBoundary", boundaryArn)
                        .when("StringEquals", "aws:RequestTag/" + SITE_TAG, site.site())
                        .when("StringEquals", "aws:RequestTag/" + PROJECT_TAG, project))
                        .sid("CreateProjectRoles"),
                // Passed to EKS Pod Identity only; tagged only with this site's and project's values.
                SitePolicies.roleManagement(names.roles(), PROJECT_ROLE_MANAGEMENT, tags(site, project), "pods.eks.amazonaws.com")
                        .sid("ManageProjectRoles"),
                SitePolicies.roleUntagging(names.roles(), List.of(SITE_TAG, PROJECT_TAG)).sid("KeepChargeBackTags"),
                PolicyStatement.deny(SitePolicies.ROLE_BOUNDARY_CHANGES).on("*").sid("KeepRoleBoundaries"),
                PolicyStatement.deny(SitePolicies.ALL_IAM).on(site.boundariesArnPattern(), deployRoleArn).sid("KeepWhatConfines")));
        return new PolicyDocument(st);
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
            return site.budgetArn(namePrefix() + "*");
        }

        /** Layer 3 and 4 name roles {@code <fabric>-<site>-<project>-...} under the site's path. */
        String roles() {
            return site.roleArn(site.fabric() + "-" + site.site() + "-" + project + "-*");
        }

        String secrets() {
            return site.secretArn(SiteArns.secretsPrefix(site.fabric(), site.site()) + project + "/*");
        }

        String repository() {
            return site.repositoryArn(ProjectRegistry.repositoryName(site.fabric(), site.site(), project));
        }
    }
}
