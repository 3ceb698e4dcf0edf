package io.meltanodata.policy;

import io.meltanodata.components.chargeback.Layer;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.meltanodata.policy.PolicyRule.ofType;
import static io.meltanodata.policy.PolicyRule.perResource;

/** What holds data survives a mistaken delete, as the design says. */
final class DataSafetyRules {
    private DataSafetyRules() {
    }

    static List<PolicyRule> all() {
        return List.of(
                perResource("DATA-001", "keys, site buckets, registries and secrets are protected or retained",
                        ofType("aws:kms/key:Key", "aws:s3/bucketV2:BucketV2", "aws:ecr/repository:Repository",
                                "aws:secretsmanager/secret:Secret", "aws:cognito/userPool:UserPool"),
                        (s, r) -> {
                            if (r.type().equals("aws:s3/bucketV2:BucketV2") && s.layer() == Layer.ACTIVATED_ENVIRONMENT) {
                                return null; // DATA-002 decides for artifacts buckets
                            }
                            return r.protect() || r.retainOnDelete() ? null : "neither protected nor retained on delete";
                        }),
                perResource("DATA-002", "an environment's artifacts are either archived (retained) or deliberately destroyed",
                        ofType("aws:s3/bucketV2:BucketV2"), (s, r) -> {
                            if (s.layer() != Layer.ACTIVATED_ENVIRONMENT) {
                                return null;
                            }
                            boolean destroyed = Inputs.isTrue(r, "forceDestroy");
                            return r.retainOnDelete() != destroyed ? null
                                    : destroyed ? "both retained and force-destroyed" : "neither retained (archive) nor force-destroyed";
                        }),
                PolicyRule.of("DATA-003", "a retained bucket keeps its settings (lifecycle, policy, public-access block, encryption, ownership)",
                        context -> context.stacks().stream().flatMap(stack -> {
                            var resources = stack.rendering().rendering().resources();
                            // a protected bucket stops pulumi destroy before anything is deleted; a retained one
                            // lets destroy delete its settings first (they depend on it)
                            Set<Object> retained = resources.stream()
                                    .filter(r -> r.type().equals("aws:s3/bucketV2:BucketV2") && r.retainOnDelete() && !r.protect())
                                    .map(r -> r.inputs().get("bucket")).collect(Collectors.toSet());
                            return resources.stream().filter(r -> BUCKET_SETTINGS.contains(r.type())
                                            && retained.contains(r.inputs().get("bucket")) && !r.retainOnDelete() && !r.protect())
                                    .map(r -> new Finding("DATA-003", stack.name(), r.type(), r.name(),
                                            "pulumi destroy deletes it from retained bucket " + r.inputs().get("bucket")));
                        }).toList()));
    }

    /** S3 settings that are resources of their own, which {@code pulumi destroy} removes from a bucket it keeps. */
    static final Set<String> BUCKET_SETTINGS = Set.of("aws:s3/bucketOwnershipControls:BucketOwnershipControls",
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
            "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
            "aws:s3/bucketVersioningV2:BucketVersioningV2");
}
