package io.meltanodata.components.naming;

import java.util.regex.Pattern;

/**
 * The naming rules of each kind of cloud or Kubernetes name we create. A name built by
 * {@link Names} always satisfies its kind's rules.
 */
public enum NameKind {
    /** Kubernetes namespace and most object names, label values aside: RFC 1123 label. */
    DNS_LABEL(63, true, "[^a-z0-9-]", '-'),
    /**
     * Kubernetes CronJob: a DNS label of at most 52 characters, since the CronJob controller appends 11
     * to name each Job, whose name holds 63 (Kubernetes documentation, "CronJob",
     * https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/).
     */
    CRONJOB(52, true, "[^a-z0-9-]", '-'),
    /** Kubernetes label value; may also be used for the sanitised git ref. */
    LABEL_VALUE(63, false, "[^A-Za-z0-9._-]", '-'),
    /** S3 bucket: 3-63 lowercase letters, digits and hyphens (no dots: TLS and virtual hosting). */
    S3_BUCKET(63, true, "[^a-z0-9-]", '-'),
    IAM_ROLE(64, false, "[^A-Za-z0-9+=,.@_-]", '-'),
    IAM_POLICY(128, false, "[^A-Za-z0-9+=,.@_-]", '-'),
    /** KMS alias without its mandatory {@code alias/} prefix. */
    KMS_ALIAS(250, false, "[^A-Za-z0-9/_-]", '-'),
    EKS_CLUSTER(100, false, "[^A-Za-z0-9_-]", '-'),
    ECR_REPOSITORY(256, true, "[^a-z0-9._/-]", '-'),
    SNS_TOPIC(256, false, "[^A-Za-z0-9_-]", '-'),
    CLOUDWATCH_LOG_GROUP(512, false, "[^A-Za-z0-9._/#-]", '-'),
    CLOUDWATCH_ALARM(255, false, "[^A-Za-z0-9._/ -]", '-'),
    SECRETS_MANAGER(512, false, "[^A-Za-z0-9/_+=.@-]", '-'),
    COGNITO_USER_POOL(128, false, "[^A-Za-z0-9_+=,.@-]", '-'),
    COGNITO_GROUP(128, false, "[^A-Za-z0-9_+=,.@-]", '-'),
    SECURITY_GROUP(255, false, "[^A-Za-z0-9 ._:/()#,@\\[\\]+=&;{}!$*-]", '-'),
    BUDGET(100, false, "[^A-Za-z0-9 ._-]", '-'),
    CLOUDFRONT_COMMENT(128, false, "[\\p{Cntrl}]", ' ');

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
