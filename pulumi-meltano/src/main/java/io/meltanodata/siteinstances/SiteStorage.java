package io.meltanodata.siteinstances;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.kms.KeyPolicy;
import com.pulumi.aws.kms.KeyPolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.limits.AwsLimits;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import io.meltanodata.components.storage.SecureBucket;

import java.util.List;
import java.util.Optional;

/**
 * The site's data boundary: its KMS key, its data bucket, the permissions boundary every site
 * role carries, and the site admin and workload roles.
 */
final class SiteStorage {
    static final int KEY_DELETION_WINDOW_DAYS = 30;
    static final int ABORT_UPLOADS_AFTER_DAYS = 7;

    private final Key key;
    private final String bucketName;
    private final Policy boundary;
    private final Role adminRole;
    private final Role workloadRole;
    private final Output<SiteArns> arns;

    SiteStorage(SiteInstanceConfig config, FabricContext fabric, String fabricName, Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        String site = config.site();
        key = new Key("site-key", KeyArgs.builder()
                .description("MeltanoData site " + site + ": data, secrets and images")
                .enableKeyRotation(true)
                .deletionWindowInDays(KEY_DELETION_WINDOW_DAYS)
                .build(), CustomResourceOptions.builder().parent(parent).protect(true).build());
        new Alias("site-key-alias", AliasArgs.builder()
                .name("alias/" + Names.of(NameKind.KMS_ALIAS, "meltanodata", fabricName, site))
                .targetKeyId(key.keyId()).build(), child);

        bucketName = Names.of(NameKind.S3_BUCKET, "meltanodata", fabricName, site);
        var bucket = new SecureBucket("site-data", bucketName, Optional.of(key.arn()), parent);
        arns = fabric.arns(site, bucket.bucket().bucket(), key.arn());
        String boundaryName = Names.of(NameKind.IAM_POLICY, fabricName, site, "boundary");
        String rolePath = SiteArns.rolePath(fabricName, site);

        boundary = new Policy("site-boundary", PolicyArgs.builder()
                .name(boundaryName)
                .path(rolePath)
                .description("Caps every role of MeltanoData site " + site + " to the site's own data, key and secrets")
                .policy(arns.applyValue(a -> SitePolicies.boundary(a,
                        "arn:aws:iam::" + a.account() + ":policy" + rolePath + boundaryName)
                        .toJson(AwsLimits.IAM_MANAGED_POLICY_SIZE, "site boundary " + boundaryName)))
                .build(), child);

        List<String> adminPrincipals = config.group("admin").principals();
        adminRole = new Role("site-admin-role", RoleArgs.builder()
                .name(Names.of(NameKind.IAM_ROLE, fabricName, site, "admin"))
                .path(rolePath)
                .assumeRolePolicy(adminPrincipals.isEmpty()
                        ? fabric.fabric().platformAdminArns().applyValue(admins -> SitePolicies.trust(admins).toJson())
                        : Output.of(SitePolicies.trust(adminPrincipals).toJson()))
                .permissionsBoundary(boundary.arn())
                .maxSessionDuration(3600)
                .build(), child);
        new RolePolicy("site-admin-role-policy", RolePolicyArgs.builder().role(adminRole.name())
                .policy(arns.applyValue(a -> SitePolicies.admin(a).toJson())).build(), child);
        workloadRole = new Role("site-workload-role", RoleArgs.builder()
                .name(Names.of(NameKind.IAM_ROLE, fabricName, site, "workload"))
                .path(rolePath)
                .assumeRolePolicy(SitePolicies.podIdentityTrust().toJson())
                .permissionsBoundary(boundary.arn())
                .build(), child);
        new RolePolicy("site-workload-role-policy", RolePolicyArgs.builder().role(workloadRole.name())
                .policy(arns.applyValue(a -> SitePolicies.workload(a).toJson())).build(), child);

        // Set after the roles exist: KMS rejects a policy naming principals that do not.
        new KeyPolicy("site-key-policy", KeyPolicyArgs.builder()
                .keyId(key.id())
                .policy(Output.tuple(arns, fabric.fabric().platformAdminArns(), adminRole.arn(), workloadRole.arn())
                        .applyValue(t -> SitePolicies.key(t.t1, t.t2, List.of(t.t3, t.t4)).toJson()))
                .build(), child);

        bucket.policy(bucketArn -> Output.tuple(arns, fabric.fabric().platformAdminArns())
                .applyValue(t -> SitePolicies.bucket(t.t1, t.t2)));
        bucket.expireNoncurrentVersions("site-data-lifecycle", config.noncurrentVersionDays(), ABORT_UPLOADS_AFTER_DAYS);
    }

    /** The ARNs of this site's created key and bucket and of the fabric, for every policy of the site. */
    Output<SiteArns> arns() {
        return arns;
    }

    Key key() {
        return key;
    }

    String bucketName() {
        return bucketName;
    }

    Policy boundary() {
        return boundary;
    }

    Role adminRole() {
        return adminRole;
    }

    Role workloadRole() {
        return workloadRole;
    }
}
