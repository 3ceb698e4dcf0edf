package io.meltanodata.components.naming;

import io.meltanodata.components.limits.AwsLimits;

import java.util.regex.Pattern;

/**
 * The naming rules of each kind of cloud or Kubernetes name we create. A name built by
 * {@link Names} always satisfies its kind's rules. Lengths come from the one table of limits,
 * {@link AwsLimits}, where each has its page.
 */
public enum NameKind {
    /** Kubernetes namespace and most object names, label values aside: RFC 1123 label. */
    DNS_LABEL(AwsLimits.K8S_NAMESPACE_NAME.max(), true, "[^a-z0-9-]", '-'),
    /**
     * Kubernetes CronJob: a DNS label of at most 52 characters, since the CronJob controller appends 11
     * to name each Job, whose name holds 63 (Kubernetes documentation, "CronJob",
     * https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/).
     */
    CRONJOB(AwsLimits.K8S_CRONJOB_NAME.max(), true, "[^a-z0-9-]", '-'),
    /** Kubernetes label value; may also be used for the sanitised git ref. */
    LABEL_VALUE(AwsLimits.K8S_LABEL_VALUE.max(), false, "[^A-Za-z0-9._-]", '-'),
    /** S3 bucket: 3-63 lowercase letters, digits and hyphens (no dots: TLS and virtual hosting). */
    S3_BUCKET(AwsLimits.S3_BUCKET_NAME.max(), true, "[^a-z0-9-]", '-'),
    IAM_ROLE(AwsLimits.IAM_ROLE_NAME.max(), false, "[^A-Za-z0-9+=,.@_-]", '-'),
    IAM_POLICY(AwsLimits.IAM_POLICY_NAME.max(), false, "[^A-Za-z0-9+=,.@_-]", '-'),
    /** KMS alias without its mandatory {@code alias/} prefix. */
    KMS_ALIAS(AwsLimits.KMS_ALIAS_NAME.max() - "alias/".length(), false, "[^A-Za-z0-9/_-]", '-'),
    EKS_CLUSTER(AwsLimits.EKS_CLUSTER_NAME.max(), false, "[^A-Za-z0-9_-]", '-'),
    ECR_REPOSITORY(AwsLimits.ECR_REPOSITORY_NAME.max(), true, "[^a-z0-9._/-]", '-'),
    SNS_TOPIC(AwsLimits.SNS_TOPIC_NAME.max(), false, "[^A-Za-z0-9_-]", '-'),
    CLOUDWATCH_LOG_GROUP(AwsLimits.CLOUDWATCH_LOG_GROUP_NAME.max(), false, "[^A-Za-z0-9._/#-]", '-'),
    CLOUDWATCH_ALARM(AwsLimits.CLOUDWATCH_ALARM_NAME.max(), false, "[^A-Za-z0-9._/ -]", '-'),
    SECRETS_MANAGER(AwsLimits.SECRET_NAME_LENGTH.max(), false, "[^A-Za-z0-9/_+=.@-]", '-'),
    COGNITO_USER_POOL(AwsLimits.COGNITO_USER_POOL_NAME.max(), false, "[^A-Za-z0-9_+=,.@-]", '-'),
    COGNITO_GROUP(AwsLimits.COGNITO_GROUP_NAME.max(), false, "[^A-Za-z0-9_+=,.@-]", '-'),
    SECURITY_GROUP(255, false, "[^A-Za-z0-9 ._:/()#,@\\[\\]+=&;{}!$*-]", '-'),
    BUDGET(AwsLimits.BUDGET_NAME_LENGTH.max(), false, "[^A-Za-z0-9 ._-]", '-'),
    CLOUDFRONT_COMMENT(AwsLimits.CLOUDFRONT_DISTRIBUTION_COMMENT.max(), false, "[\\p{Cntrl}]", ' ');

    private final int maxLength;
    private final boolean lowercase;
    private final Pattern disallowed;
    private final char replacement;

    NameKind(int maxLength, boolean lowercase, String disallowedRegex, char replacement) {
        this.maxLength = maxLength;
        this.lowercase = lowercase;
        this.disallowed = Pattern.compile(disallowedRegex);
        this.replacement = replacement;
    }

    public int maxLength() {
        return maxLength;
    }

    boolean lowercase() {
        return lowercase;
    }

    Pattern disallowed() {
        return disallowed;
    }

    char replacement() {
        return replacement;
    }
}
