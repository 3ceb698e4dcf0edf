package io.meltanodata.components.limits;

/**
 * A service whose limits {@link AwsLimits} records: the {@code meltanodata check} rule that reports
 * its breaches, and how its API shapes an error (a Query API such as IAM's answers
 * {@code Code: message}; the recording AWS double of the real-engine suite answers the same).
 */
public enum Service {
    IAM("LIMIT-001", "IAM"),
    S3("LIMIT-002", "S3"),
    KMS("LIMIT-003", "KMS"),
    EKS("LIMIT-004", "EKS"),
    ECR("LIMIT-005", "ECR"),
    SECRETS_MANAGER("LIMIT-006", "Secrets Manager"),
    CLOUDWATCH("LIMIT-007", "CloudWatch"),
    SNS("LIMIT-008", "SNS"),
    BUDGETS("LIMIT-009", "AWS Budgets"),
    COGNITO("LIMIT-010", "Cognito"),
    CLOUDFRONT("LIMIT-011", "CloudFront"),
    /** Tags on every taggable AWS resource: each service checks them, with its own error code. */
    TAGS("LIMIT-012", "AWS"),
    /** Checked by the API server, which answers 422 Invalid; the real-engine suite runs a real one. */
    KUBERNETES("LIMIT-013", "Kubernetes"),
    /** LIMIT-014 is the quotas' rule (AwsQuotas); ids are never reused, so ACM came after it. */
    ACM("LIMIT-015", "ACM"),
    ROUTE53("LIMIT-016", "Route 53");

    private final String ruleId;
    private final String owner;

    Service(String ruleId, String owner) {
        this.ruleId = ruleId;
        this.owner = owner;
    }

    /** The {@code meltanodata check} rule that reports this service's breaches. */
    public String ruleId() {
        return ruleId;
    }

    /** Who refuses: "IAM", "S3", "Kubernetes". */
    public String owner() {
        return owner;
    }
}
