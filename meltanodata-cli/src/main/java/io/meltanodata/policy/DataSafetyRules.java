package io.meltanodata.policy;

import io.meltanodata.components.chargeback.Layer;

import java.util.List;

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
                        }));
    }
}
