package io.meltanodata.components.storage;

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
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;

import java.util.List;
import java.util.Optional;

/**
 * An S3 bucket with the defaults every MeltanoData bucket has: owner-enforced (no ACLs), all
 * public access blocked, encrypted (SSE-KMS with the given key and bucket keys, else SSE-S3),
 * versioned, a policy that denies any request without TLS, and {@code retainOnDelete} +
 * {@code protect} so data survives a mistaken destroy.
 *
 * <p>Two steps, because a policy often names resources that need the bucket first (a CloudFront
 * distribution): construct, then call {@link #policy} once with the caller's statements.
 */
public final class SecureBucket {
    private final String name;
    private final Resource parent;
    private final BucketV2 bucket;
    private final List<Resource> controls;

    public SecureBucket(String name, String physicalName, Optional<Output<String>> kmsKeyArn, Resource parent) {
        this.name = name;
        this.parent = parent;
        var child = CustomResourceOptions.builder().parent(parent).build();
        this.bucket = new BucketV2(name, BucketV2Args.builder().bucket(physicalName).forceDestroy(false).build(),
                CustomResourceOptions.builder().parent(parent).protect(true).retainOnDelete(true).build());
        var ownership = new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), child);
        var publicAccess = new BucketPublicAccessBlock(name + "-public-access", BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id()).blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true)
                .restrictPublicBuckets(true).build(), child);
        var byDefault = BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder();
        kmsKeyArn.ifPresentOrElse(key -> byDefault.sseAlgorithm("aws:kms").kmsMasterKeyId(key),
                () -> byDefault.sseAlgorithm("AES256"));
        new BucketServerSideEncryptionConfigurationV2(name + "-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder().bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(byDefault.build())
                                .bucketKeyEnabled(kmsKeyArn.isPresent()).build())
                        .build(), child);
        new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder().bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), child);
        this.controls = List.of(ownership, publicAccess);
    }

    /** {@code arn:aws:s3:::<name>}: known before the bucket exists, for policies that name it. */
    public static String arnOf(String physicalName) {
        return "arn:aws:s3:::" + physicalName;
    }

    /** Attaches the bucket policy: TLS only, plus the caller's statements (given the bucket ARN). */
    public BucketPolicy policy(java.util.function.Function<String, Output<List<PolicyStatement>>> extraStatements) {
        return new BucketPolicy(name + "-policy", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(bucket.arn().apply(arn -> extraStatements.apply(arn)
                        .applyValue(extra -> policy(arn, extra).toJson())))
                .build(), CustomResourceOptions.builder().parent(parent).dependsOn(controls).build());
    }

    /**
     * Overwritten and deleted objects are kept {@code days} days, then expire; unfinished multipart
     * uploads are aborted after {@code abortUploadsAfterDays}.
     */
    public BucketLifecycleConfigurationV2 expireNoncurrentVersions(String resourceName, int days, int abortUploadsAfterDays) {
        return new BucketLifecycleConfigurationV2(resourceName, BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire-noncurrent-versions")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs
                                .builder().noncurrentDays(days).build())
                        .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs
                                .builder().daysAfterInitiation(abortUploadsAfterDays).build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }

    /** Denies plain-HTTP requests, then whatever the caller adds. */
    public static PolicyDocument policy(String bucketArn, List<PolicyStatement> extra) {
        PolicyDocument doc = PolicyDocument.of(PolicyStatement.deny("s3:*")
                .principal("AWS", "*")
                .on(bucketArn, bucketArn + "/*")
                .when("Bool", "aws:SecureTransport", "false")
                .sid("DenyInsecureTransport"));
        for (PolicyStatement statement : extra) {
            doc = doc.and(statement);
        }
        return doc;
    }

    public BucketV2 bucket() {
        return bucket;
    }
}
