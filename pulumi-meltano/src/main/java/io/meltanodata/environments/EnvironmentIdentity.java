package io.meltanodata.environments;

import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.siteinstances.SitePolicies;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import io.meltanodata.components.naming.ProjectNamePrefix;
import io.meltanodata.projects.HostedProjectOutputs;

import java.util.List;

/**
 * The AWS identity of the environment's pods: an IAM role (under the site's role path, with the
 * project's boundary and tags, as the project boundary requires; trusting EKS Pod Identity with its
 * own session tags only) bound to the namespace's {@code meltano}
 * service account by EKS Pod Identity (decision 0003).
 */
final class EnvironmentIdentity {
    private final Role role;
    private final PodIdentityAssociation association;

    EnvironmentIdentity(ActivatedEnvironmentConfig config, HostedProjectOutputs project, EnvironmentStorage storage,
                        EnvironmentNamespace namespace, Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        var site = project.site();
        role = new Role("role", RoleArgs.builder()
                .name(Names.keepingPrefix(NameKind.IAM_ROLE, ProjectNamePrefix.roles(config.fabric(), config.site(), config.project()),
                        List.of(config.environment().toLowerCase(java.util.Locale.ROOT), config.refSlug())))
                .path(site.rolePath())
                .permissionsBoundary(project.boundaryArn())
                .assumeRolePolicy(SitePolicies.podIdentityTrust().toJson())
                .maxSessionDuration(3600)
                .build(), child);
        Output<String> siteBucketArn = site.bucketName().applyValue(b -> "arn:aws:s3:::" + b);
        Output<String> secrets = Output.tuple(site.region(), site.accountId(), project.secretsPrefix())
                .applyValue(t -> "arn:aws:secretsmanager:" + t.t1 + ":" + t.t2 + ":secret:" + t.t3 + "*");
        String streams = config.jobLogStreamPrefix();
        Output<String> jobLogs = Output.tuple(site.region(), site.accountId(), site.jobLogGroupName())
                .applyValue(t -> "arn:aws:logs:" + t.t1 + ":" + t.t2 + ":log-group:" + t.t3 + ":log-stream:" + streams + "*");
        new RolePolicy("role-policy", RolePolicyArgs.builder().role(role.name())
                .policy(Output.tuple(siteBucketArn, storage.artifacts().arn(), site.keyArn(), secrets, jobLogs)
                        .applyValue(t -> EnvironmentPolicies.workload(t.t1, config.dataPrefix(), t.t2, t.t3, t.t4, t.t5).toJson()))
                .build(), child);
        association = new PodIdentityAssociation("pod-identity", PodIdentityAssociationArgs.builder()
                .clusterName(site.clusterName())
                .namespace(namespace.namespace().metadata().applyValue(m -> m.name().orElseThrow()))
                .serviceAccount(MeltanoPod.SERVICE_ACCOUNT)
                .roleArn(role.arn())
                .build(), CustomResourceOptions.builder().parent(parent).dependsOn(namespace.serviceAccount()).build());
    }

    Role role() {
        return role;
    }

    /**
     * The association of the role with the {@code meltano} service account. EKS reads it when a pod is
     * admitted, not later: "If a pod uses a service account that has an association, Amazon EKS sets
     * environment variables in the containers of the pod" (EKS API Reference,
     * CreatePodIdentityAssociation, https://docs.aws.amazon.com/eks/latest/APIReference/API_CreatePodIdentityAssociation.html;
     * EKS User Guide, "Learn how EKS Pod Identity grants pods access to AWS services",
     * https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html). A pod admitted before it exists
     * keeps running without credentials, so every workload waits for it.
     */
    PodIdentityAssociation association() {
        return association;
    }
}
