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
import io.meltanodata.components.storage.SecureBucket;
import io.meltanodata.siteinstances.SitePolicies;

import java.util.List;

/**
 * The environment's artifacts bucket (logs and data files of its runs), owned by the environment
 * stack so that {@code pulumi destroy} itself carries out the archive decision (Pulumi Java has no
 * delete hooks):
 * <ul>
 *   <li>archive on: the bucket and every setting of it (ownership, public-access block, encryption,
 *       policy, lifecycle) are {@code retainOnDelete}; {@code pulumi destroy} leaves the archive as it
 *       ran, TLS-only and closed to other sites, and its lifecycle moves artifacts to the archive
 *       storage class after {@code archiveAfterDays} and deletes them after {@code archiveRetentionDays}.
 *       Each activation names its own bucket ({@link ActivatedEnvironmentConfig#artifactsBucketName()}),
 *       so activating the ref again creates a new one beside the archive;</li>
 *   <li>archive off: the bucket is {@code forceDestroy}; {@code pulumi destroy} deletes it with
 *       everything in it.</li>
 * </ul>
 * Meltano state stays in the site bucket under the environment's prefix.
 */
final class EnvironmentStorage {
    /**
     * S3 no longer transitions objects under 128 KB by default (S3 User Guide, "Transitioning objects
     * using Amazon S3 Lifecycle", https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html;
     * S3 API Reference, PutBucketLifecycleConfiguration, TransitionDefaultMinimumObjectSize). Most run
     * logs are smaller. {@code varies_by_storage_class} transitions them to GLACIER and DEEP_ARCHIVE, and
     * keeps them in STANDARD where the archive class is GLACIER_IR, which bills every object as 128 KB.
     */
    static final String SMALL_OBJECTS = "varies_by_storage_class";

    private final BucketV2 artifacts;

    EnvironmentStorage(ActivatedEnvironmentConfig config, Output<String> siteKeyArn, Resource parent) {
        boolean archive = config.archiveOnDispose();
        // an archive keeps its settings: without them destroy would leave a bucket that never archives or
        // expires anything and has lost its TLS-only and site-deny statements
        var child = CustomResourceOptions.builder().parent(parent).retainOnDelete(archive).build();
        artifacts = new BucketV2("artifacts", BucketV2Args.builder().bucket(config.artifactsBucketName())
                .forceDestroy(!archive).build(),
                // the name is the activation's: a later up (a new activatedAt) keeps the bucket
                CustomResourceOptions.builder().parent(parent).retainOnDelete(archive).ignoreChanges("bucket").build());
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
                CustomResourceOptions.builder().parent(parent).retainOnDelete(archive).dependsOn(ownership, publicAccess).build());
        new BucketLifecycleConfigurationV2("artifacts-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(artifacts.id())
                .transitionDefaultMinimumObjectSize(SMALL_OBJECTS)
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id(archive ? "archive-then-expire" : "expire")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .transitions(archive
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
