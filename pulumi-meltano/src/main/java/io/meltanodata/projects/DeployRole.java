package io.meltanodata.projects;

import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;
import io.meltanodata.components.limits.AwsLimits;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import io.meltanodata.components.naming.ProjectNamePrefix;
import io.meltanodata.siteinstances.SiteDeployers;

/**
 * The role the project's GitHub Actions assume (OIDC, no long-lived keys) to push the project's
 * image and to deploy and dispose its Activated Environments ({@link EnvironmentDeployScope};
 * Kubernetes through the site's deployers group). Capped by the project boundary
 * ({@link ProjectPolicies#boundary}), which every role of the project carries.
 */
final class DeployRole {
    static final int MAX_SESSION_SECONDS = 3600;

    private final Role role;
    private final Policy boundary;

    DeployRole(ProjectSpec spec, SiteContext site, ProjectRegistry registry, Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        String roleName = Names.keepingPrefix(NameKind.IAM_ROLE, ProjectNamePrefix.roles(spec.fabric(), spec.site(), spec.project()),
                java.util.List.of("deploy"));
        String boundaryName = Names.of(NameKind.IAM_POLICY, spec.fabric(), spec.site(), spec.project(), "boundary");
        // Both ARNs are known before either exists: the boundary names the role it protects, the role carries the boundary.
        Output<String> roleArn = site.accountId().applyValue(a -> "arn:aws:iam::" + a + ":role" + spec.rolePath() + roleName);
        Output<String> boundaryArn = site.accountId().applyValue(a -> "arn:aws:iam::" + a + ":policy" + spec.rolePath() + boundaryName);
        this.boundary = new Policy("project-boundary", PolicyArgs.builder()
                .name(boundaryName)
                .path(spec.rolePath())
                .description("Caps every role of MeltanoData project " + spec.site() + "/" + spec.project()
                        + " to the project's own state, environments, secrets, images and job logs")
                .policy(Output.tuple(site.arns(), boundaryArn, roleArn)
                        .applyValue(t -> ProjectPolicies.boundary(t.t1, spec.project(), t.t2, t.t3)
                                .toJson(AwsLimits.IAM_MANAGED_POLICY_SIZE, "project boundary " + boundaryName)))
                .build(), child);
        this.role = new Role("deploy-role", RoleArgs.builder()
                .name(roleName)
                .path(spec.rolePath())
                .description("GitHub Actions of " + spec.repository() + " deploying MeltanoData project "
                        + spec.site() + "/" + spec.project())
                .assumeRolePolicy(site.githubOidcProviderArn().applyValue(provider ->
                        GitHubDeployTrust.policy(provider, spec.repository(), spec.activatedRefPatterns(),
                                spec.defaultBranch()).toJson()))
                .permissionsBoundary(boundary.arn())
                .maxSessionDuration(MAX_SESSION_SECONDS)
                .build(), child);
        new RolePolicy("deploy-role-policy", RolePolicyArgs.builder()
                .role(role.name())
                .policy(Output.tuple(registry.repository().arn(), site.clusterArn())
                        .applyValue(t -> permissions(t.t1, t.t2).toJson()))
                .build(), child);
        new RolePolicy("environment-deploy-policy", RolePolicyArgs.builder()
                .role(role.name())
                .policy(Output.tuple(site.arns(), boundary.arn(), role.arn()).applyValue(t ->
                        new EnvironmentDeployScope(t.t1, spec.project(), t.t2, t.t3).permissions().toJson()))
                .build(), child);
        // Kubernetes: the site's deployers group, which admission control pins to the site's namespaces.
        new AccessEntry("deploy-access", AccessEntryArgs.builder()
                .clusterName(site.clusterName())
                .principalArn(role.arn())
                .type("STANDARD")
                .kubernetesGroups(SiteDeployers.group(spec.site()))
                .build(), child);
    }

    /** Push and pull this project's image only; describe the cluster. Nothing on other repositories. */
    static PolicyDocument permissions(String repositoryArn, String clusterArn) {
        return PolicyDocument.of(
                PolicyStatement.allow("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
                                "ecr:CompleteLayerUpload", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer",
                                "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart")
                        .on(repositoryArn).sid("PushProjectImage"),
                // GetAuthorizationToken has no resource-level permissions: AWS requires "*" here.
                PolicyStatement.allow("ecr:GetAuthorizationToken").on("*").sid("RegistryLogin"),
                PolicyStatement.allow("eks:DescribeCluster").on(clusterArn).sid("DescribeCluster"));
    }

    /** The project boundary: every role of the project (this one, its environments') carries it. */
    Policy boundary() {
        return boundary;
    }

    Role role() {
        return role;
    }
}
