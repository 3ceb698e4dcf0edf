package io.meltanodata.components.limits;

import java.util.List;
import java.util.Optional;

import static io.meltanodata.components.limits.AwsLimit.Measure.CHARACTERS;
import static io.meltanodata.components.limits.AwsLimit.Measure.NON_WHITESPACE_CHARACTERS;

/**
 * The limits AWS documents for the inputs the layers send, each with its page: one table, read by
 * the layers (which refuse to render what AWS would refuse), {@code meltanodata check} (rule
 * {@code LIMIT-001}) and the recording AWS double of the real-engine suite (which answers a breach
 * with AWS's own error). Add a row here before relying on a limit anywhere else.
 */
public final class AwsLimits {
    private static final String IAM_QUOTAS = "IAM User Guide, \"IAM and AWS STS quotas, name requirements, and character "
            + "limits\", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";

    /** A customer managed policy (our permission boundaries): 6,144 characters, fixed. */
    public static final AwsLimit IAM_MANAGED_POLICY_SIZE = new AwsLimit("IAM-POLICY-SIZE", "aws:iam/policy:Policy", "policy",
            6_144, NON_WHITESPACE_CHARACTERS, false, "LimitExceeded: Cannot exceed quota for PolicySize: 6144", IAM_QUOTAS);
    /** A role's trust policy: 2,048 characters by default (adjustable; we stay under the default). */
    public static final AwsLimit IAM_ROLE_TRUST_POLICY_SIZE = new AwsLimit("IAM-TRUST-SIZE", "aws:iam/role:Role",
            "assumeRolePolicy", 2_048, NON_WHITESPACE_CHARACTERS, true,
            "LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048", IAM_QUOTAS);
    /** One inline policy of a role (all of a role's inline policies together share the same 10,240). */
    public static final AwsLimit IAM_ROLE_INLINE_POLICY_SIZE = new AwsLimit("IAM-INLINE-SIZE", "aws:iam/rolePolicy:RolePolicy",
            "policy", 10_240, NON_WHITESPACE_CHARACTERS, false,
            "LimitExceeded: Maximum policy size of 10240 bytes exceeded for role", IAM_QUOTAS);
    public static final AwsLimit IAM_ROLE_NAME = new AwsLimit("IAM-ROLE-NAME", "aws:iam/role:Role", "name", 64, CHARACTERS, false,
            "ValidationError: 1 validation error detected: Value at 'roleName' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 64", IAM_QUOTAS);
    public static final AwsLimit IAM_POLICY_NAME = new AwsLimit("IAM-POLICY-NAME", "aws:iam/policy:Policy", "name", 128, CHARACTERS,
            false, "ValidationError: 1 validation error detected: Value at 'policyName' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 128", IAM_QUOTAS);

    private static final List<AwsLimit> ALL = List.of(IAM_MANAGED_POLICY_SIZE, IAM_ROLE_TRUST_POLICY_SIZE,
            IAM_ROLE_INLINE_POLICY_SIZE, IAM_ROLE_NAME, IAM_POLICY_NAME);

    private AwsLimits() {
    }

    public static List<AwsLimit> all() {
        return ALL;
    }

    /** The limits on the inputs of one resource type. */
    public static List<AwsLimit> of(String resourceType) {
        return ALL.stream().filter(l -> l.resourceType().equals(resourceType)).toList();
    }

    /** The first limit a resource's inputs breach, if any; non-text inputs are not measured. */
    public static Optional<AwsLimit> breached(String resourceType, java.util.Map<String, ?> inputs) {
        return of(resourceType).stream()
                .filter(l -> inputs.get(l.input()) instanceof String value && !l.admits(value))
                .findFirst();
    }
}
