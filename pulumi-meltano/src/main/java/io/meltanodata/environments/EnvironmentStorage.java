package io.meltanodata.environments;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import io.meltanodata.components.naming.ProjectNamePrefix;
import io.meltanodata.components.storage.SecureBucket;
import io.meltanodata.siteinstances.SitePolicies;

import java.util.List;

/**
 * The environment's artifacts bucket (logs and data files of its runs), owned by the environment
 * stack so that {@code pulumi destroy} itself carries out the archive decision (Pulumi Java has no
 * delete hooks):
 * <ul>
 *   <li>archive on: the bucket is {@code retainOnDelete}; {@code pulumi destroy} leaves it, and its
 *       lifecycle (set at creation) moves artifacts to the archive storage class after
 *       {@code archiveAfterDays} and deletes them after {@code archiveRetentionDays};</li>
 *   <li>archive off: the bucket is {@code forceDestroy}; {@code pulumi destroy} deletes it with
 *       everything in it.</li>
 * </ul>
 * Meltano state stays in the site bucket under the environment's prefix.
 */
final class EnvironmentStorage {
    private final BucketV2 artifacts;

    EnvironmentStorage(ActivatedEnvironmentConfig config, Output<String> siteKeyArn, Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        String name = Names.keepingPrefix(NameKind.S3_BUCKET,
                ProjectNamePrefix.resources(config.fabric(), config.site(), config.project()),
                List.of(config.environment().toLowerCase(java.util.Locale.ROOT), config.refSlug()));
        artifacts = new BucketV2("artifacts", BucketV2Args.builder().bucket(name).forceDestroy(!config.archiveOnDispose()).build(),
                CustomResourceOptions.builder().parent(parent).retainOnDelete(config.archiveOnDispose()).build());
        var ownership = new BucketOwnershipControls("artifacts-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(artifacts.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build()).build(), child);
        var publicAccess = new BucketPublicAccessBlock("artifacts-public-access", BucketPublicAccessBlockArgs.builder()
                .bucket(artifacts.id()).blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true)
                .restrictPublicBuckets(true).build(), child);
        new BucketServerSideEncryptionConfigurationV2("artifacts-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder().bucket(artifacts.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder().bucketKeyEnabled(true)
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                                                .builder().sseAlgorithm("aws:kms").kmsMasterKeyId(siteKeyArn).build())
                                .build()).build(), child);
        new BucketPolicy("artifacts-policy", BucketPolicyArgs.builder().bucket(artifacts.id())
                .policy(artifacts.arn().applyValue(arn -> SecureBucket.policy(arn,
                        List.of(SitePolicies.denyDataToOtherSites(config.site(), arn, List.of()))).toJson())).build(),
                CustomResourceOptions.builder().parent(parent).dependsOn(ownership, publicAccess).build());
        new BucketLifecycleConfigurationV2("artifacts-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(artifacts.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id(config.archiveOnDispose() ? "archive-then-expire" : "expire")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .transitions(config.archiveOnDispose()
                                ? List.of(BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                                .days(config.archiveAfterDays()).storageClass(config.archiveStorageClass()).build())
                                : List.of())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                                .days(config.archiveRetentionDays()).build())
                        .build())
                .build(), child);
    }

    BucketV2 artifacts() {
        return artifacts;
    }
}
