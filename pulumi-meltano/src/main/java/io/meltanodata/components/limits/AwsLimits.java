package io.meltanodata.components.limits;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.meltanodata.components.limits.AwsLimit.Measure.BYTES;
import static io.meltanodata.components.limits.AwsLimit.Measure.CHARACTERS;
import static io.meltanodata.components.limits.AwsLimit.Measure.ITEMS;
import static io.meltanodata.components.limits.AwsLimit.Measure.LONGEST_KEY;
import static io.meltanodata.components.limits.AwsLimit.Measure.LONGEST_LABEL;
import static io.meltanodata.components.limits.AwsLimit.Measure.LONGEST_VALUE;
import static io.meltanodata.components.limits.AwsLimit.Measure.NON_WHITESPACE_CHARACTERS;
import static io.meltanodata.components.limits.AwsLimit.Measure.RESERVED_KEYS;
import static io.meltanodata.components.limits.AwsLimit.Measure.TOTAL_BYTES;

/**
 * The limits AWS and Kubernetes document for the inputs the layers send, each with its page: one
 * table, for every resource type the layers create that has one, read by the layers (which refuse to
 * render what AWS would refuse), by {@code meltanodata check} (one rule per service,
 * {@link Service#ruleId()}), by the recording AWS double of the real-engine suite (which answers a
 * breach with the service's own error) and by the configs (which refuse inputs that can only breach
 * one, e.g. {@code ProjectNamePrefix}). Counts across resources (per account, per cluster, per log
 * group) are {@link AwsQuotas}. Add a row here before relying on a limit anywhere else.
 */
public final class AwsLimits {
    static final String IAM_QUOTAS = "IAM User Guide, \"IAM and AWS STS quotas, name requirements, and character "
            + "limits\", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";
    static final String S3_NAMES = "Amazon S3 User Guide, \"General purpose bucket naming rules\", "
            + "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html";
    static final String S3_POLICIES = "Amazon S3 User Guide, \"Bucket policies and user policies\" (\"Bucket policies are "
            + "limited to 20 KB in size\"), https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html";
    static final String S3_LIFECYCLE = "Amazon S3 API Reference, \"LifecycleConfiguration\" (\"as many as 1000 rules\"), "
            + "https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleConfiguration.html";
    static final String S3_OBJECT_TAGS = "Amazon S3 User Guide, \"Managing object tags\" (\"You can associate up to 10 tags "
            + "with an object\"); errors: Amazon S3 API Reference, \"PutObjectTagging\" (InvalidTag), "
            + "https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-managing.html";
    static final String KMS_QUOTAS = "AWS KMS Developer Guide, \"Resource quotas\" (key policy document size), "
            + "https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html";
    static final String KMS_ALIAS = "AWS KMS API Reference, \"CreateAlias\" (AliasName: 1-256), "
            + "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html";
    static final String EKS_CLUSTER = "Amazon EKS API Reference, \"CreateCluster\" (name: 1-100), "
            + "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html";
    static final String ECR_REPOSITORY = "Amazon ECR API Reference, \"CreateRepository\" (repositoryName: 2-256), "
            + "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html";
    static final String SECRET_NAME = "AWS Secrets Manager API Reference, \"CreateSecret\" (Name: 1-512), "
            + "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html";
    static final String ALARM_NAME = "Amazon CloudWatch API Reference, \"PutMetricAlarm\" (AlarmName: 1-255), "
            + "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html";
    static final String LOG_GROUP_NAME = "Amazon CloudWatch Logs API Reference, \"CreateLogGroup\" (logGroupName: 1-512), "
            + "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html";
    static final String METRIC_FILTER = "Amazon CloudWatch Logs API Reference, \"PutMetricFilter\" (filterName: 1-512; "
            + "100 metric filters per log group), https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html";
    static final String SNS_TOPIC = "Amazon SNS API Reference, \"CreateTopic\" (Name: up to 256 characters), "
            + "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html";
    static final String BUDGET_NAME = "AWS Billing and Cost Management API Reference, \"Budget\" (BudgetName: 1-100), "
            + "https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html";
    static final String COGNITO_POOL = "Amazon Cognito API Reference, \"CreateUserPool\" (PoolName: 1-128), "
            + "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html";
    static final String COGNITO_GROUP = "Amazon Cognito API Reference, \"CreateGroup\" (GroupName: 1-128), "
            + "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html";
    static final String COGNITO_CLIENT = "Amazon Cognito API Reference, \"CreateUserPoolClient\" (ClientName: 1-128), "
            + "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html";
    static final String COGNITO_DOMAIN = "Amazon Cognito API Reference, \"CreateUserPoolDomain\" (Domain: 1-63), "
            + "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html";
    static final String CLOUDFRONT_COMMENT = "Amazon CloudFront API Reference, \"DistributionConfig\" (Comment: at most 128 "
            + "characters), https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html";
    static final String CLOUDFRONT_OAC = "Amazon CloudFront API Reference, \"OriginAccessControlConfig\" (Name: at most 64 "
            + "characters), https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_OriginAccessControlConfig.html";
    static final String ACM_DOMAIN = "AWS Certificate Manager API Reference, \"RequestCertificate\" (DomainName: \"the length "
            + "of the domain name (technically, the Common Name) that you provide cannot exceed 64 octets (characters), including "
            + "periods\", RFC 5280), https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html";
    static final String ROUTE53_NAMES = "Amazon Route 53 Developer Guide, \"DNS domain name format\" (\"Each label can be up "
            + "to 63 bytes long. The total length of a domain name cannot exceed 255 bytes, including the dots\"), "
            + "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html";
    static final String TAGS = "Tagging AWS Resources and Tag Editor User Guide, \"Tag naming limits and requirements\" "
            + "(50 user tags per resource, keys 128 and values 256 characters, aws: reserved), "
            + "https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html";
    static final String K8S_NAMES = "Kubernetes documentation, \"Object Names and IDs\" (DNS subdomain names 253, "
            + "RFC 1123 label names 63), https://kubernetes.io/docs/concepts/overview/working-with-objects/names/";
    static final String K8S_CRONJOB = "Kubernetes documentation, \"CronJob\" (\"the name must be no longer than 52 "
            + "characters\"), https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/";
    static final String K8S_LABELS = "Kubernetes documentation, \"Labels and Selectors\" (values: 63 characters or "
            + "less), https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/";
    static final String K8S_ANNOTATIONS = "Kubernetes API validation, k8s.io/apimachinery/pkg/api/validation/objectmeta.go "
            + "TotalAnnotationSizeLimitB (256 KiB, keys and values together), which the kube-apiserver of the real-engine "
            + "suite runs; Kubernetes documentation, \"Annotations\", "
            + "https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/";

    // IAM: a Query API; length checks answer ValidationError, quotas LimitExceeded.
    /** A customer managed policy (our permission boundaries): 6,144 characters, fixed. */
    public static final AwsLimit IAM_MANAGED_POLICY_SIZE = new AwsLimit("IAM-POLICY-SIZE", Service.IAM, "aws:iam/policy:Policy",
            "policy", 6_144, NON_WHITESPACE_CHARACTERS, false, "LimitExceeded: Cannot exceed quota for PolicySize: 6144", IAM_QUOTAS);
    /** A role's trust policy: 2,048 characters by default (adjustable; we stay under the default). */
    public static final AwsLimit IAM_ROLE_TRUST_POLICY_SIZE = new AwsLimit("IAM-TRUST-SIZE", Service.IAM, "aws:iam/role:Role",
            "assumeRolePolicy", 2_048, NON_WHITESPACE_CHARACTERS, true,
            "LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048", IAM_QUOTAS);
    /** One inline policy of a role (all of a role's inline policies together share the same 10,240). */
    public static final AwsLimit IAM_ROLE_INLINE_POLICY_SIZE = new AwsLimit("IAM-INLINE-SIZE", Service.IAM,
            "aws:iam/rolePolicy:RolePolicy", "policy", 10_240, NON_WHITESPACE_CHARACTERS, false,
            "LimitExceeded: Maximum policy size of 10240 bytes exceeded for role", IAM_QUOTAS);
    public static final AwsLimit IAM_ROLE_NAME = new AwsLimit("IAM-ROLE-NAME", Service.IAM, "aws:iam/role:Role", "name", 64,
            CHARACTERS, false, validationError("ValidationError", "roleName", 64), IAM_QUOTAS);
    public static final AwsLimit IAM_POLICY_NAME = new AwsLimit("IAM-POLICY-NAME", Service.IAM, "aws:iam/policy:Policy", "name",
            128, CHARACTERS, false, validationError("ValidationError", "policyName", 128), IAM_QUOTAS);
    public static final AwsLimit IAM_INLINE_POLICY_NAME = new AwsLimit("IAM-INLINE-NAME", Service.IAM,
            "aws:iam/rolePolicy:RolePolicy", "name", 128, CHARACTERS, false, validationError("ValidationError", "policyName", 128),
            IAM_QUOTAS);
    public static final AwsLimit IAM_ROLE_PATH = new AwsLimit("IAM-ROLE-PATH", Service.IAM, "aws:iam/role:Role", "path", 512,
            CHARACTERS, false, validationError("ValidationError", "path", 512), IAM_QUOTAS);
    public static final AwsLimit IAM_POLICY_PATH = new AwsLimit("IAM-POLICY-PATH", Service.IAM, "aws:iam/policy:Policy", "path",
            512, CHARACTERS, false, validationError("ValidationError", "path", 512), IAM_QUOTAS);

    // S3: a REST API; errors are the XML Code and Message.
    public static final AwsLimit S3_BUCKET_NAME = new AwsLimit("S3-BUCKET-NAME", Service.S3, "aws:s3/bucketV2:BucketV2", "bucket",
            63, CHARACTERS, false, "InvalidBucketName: The specified bucket is not valid.", S3_NAMES);
    public static final AwsLimit S3_BUCKET_POLICY_SIZE = new AwsLimit("S3-POLICY-SIZE", Service.S3, "aws:s3/bucketPolicy:BucketPolicy",
            "policy", 20 * 1024, BYTES, false, "MalformedPolicy: Policy exceeds the maximum allowed document size.", S3_POLICIES);
    public static final AwsLimit S3_LIFECYCLE_RULES = new AwsLimit("S3-LIFECYCLE-RULES", Service.S3,
            "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "rules", 1_000, ITEMS, false,
            "MalformedXML: The XML you provided was not well-formed or did not validate against our published schema",
            S3_LIFECYCLE);

    /** An object's tags (the UI's config.json gets the charge-back tags): 10, not the 50 of other resources. */
    public static final AwsLimit S3_OBJECT_TAGS_COUNT = new AwsLimit("S3-OBJECT-TAGS", Service.S3, "aws:s3/bucketObjectv2:BucketObjectv2",
            "tags", 10, ITEMS, false, "InvalidTag: The tag provided was not a valid tag.", S3_OBJECT_TAGS);

    // KMS, EKS, ECR, Secrets Manager, CloudWatch Logs, Budgets, Cognito: JSON APIs.
    public static final AwsLimit KMS_KEY_POLICY_SIZE = new AwsLimit("KMS-POLICY-SIZE", Service.KMS, "aws:kms/keyPolicy:KeyPolicy",
            "policy", 32_768, BYTES, false, "LimitExceededException: The key policy exceeds the key policy document size quota "
            + "(32768 bytes)", KMS_QUOTAS);
    public static final AwsLimit KMS_KEY_INLINE_POLICY_SIZE = new AwsLimit("KMS-KEY-POLICY-SIZE", Service.KMS, "aws:kms/key:Key",
            "policy", 32_768, BYTES, false, "LimitExceededException: The key policy exceeds the key policy document size quota "
            + "(32768 bytes)", KMS_QUOTAS);
    /** {@code alias/} included. */
    public static final AwsLimit KMS_ALIAS_NAME = new AwsLimit("KMS-ALIAS-NAME", Service.KMS, "aws:kms/alias:Alias", "name", 256,
            CHARACTERS, false, validationError("ValidationException", "aliasName", 256), KMS_ALIAS);
    public static final AwsLimit EKS_CLUSTER_NAME = new AwsLimit("EKS-CLUSTER-NAME", Service.EKS, "aws:eks/cluster:Cluster", "name",
            100, CHARACTERS, false, validationError("InvalidParameterException", "name", 100), EKS_CLUSTER);
    public static final AwsLimit ECR_REPOSITORY_NAME = new AwsLimit("ECR-REPOSITORY-NAME", Service.ECR, "aws:ecr/repository:Repository",
            "name", 256, CHARACTERS, false, validationError("InvalidParameterException", "repositoryName", 256), ECR_REPOSITORY);
    public static final AwsLimit SECRET_NAME_LENGTH = new AwsLimit("SECRET-NAME", Service.SECRETS_MANAGER,
            "aws:secretsmanager/secret:Secret", "name", 512, CHARACTERS, false, validationError("ValidationException", "name", 512),
            SECRET_NAME);
    public static final AwsLimit CLOUDWATCH_ALARM_NAME = new AwsLimit("CW-ALARM-NAME", Service.CLOUDWATCH,
            "aws:cloudwatch/metricAlarm:MetricAlarm", "name", 255, CHARACTERS, false,
            validationError("ValidationError", "alarmName", 255), ALARM_NAME);
    public static final AwsLimit CLOUDWATCH_LOG_GROUP_NAME = new AwsLimit("CW-LOG-GROUP-NAME", Service.CLOUDWATCH,
            "aws:cloudwatch/logGroup:LogGroup", "name", 512, CHARACTERS, false,
            validationError("InvalidParameterException", "logGroupName", 512), LOG_GROUP_NAME);
    public static final AwsLimit CLOUDWATCH_METRIC_FILTER_NAME = new AwsLimit("CW-METRIC-FILTER-NAME", Service.CLOUDWATCH,
            "aws:cloudwatch/logMetricFilter:LogMetricFilter", "name", 512, CHARACTERS, false,
            validationError("InvalidParameterException", "filterName", 512), METRIC_FILTER);
    public static final AwsLimit SNS_TOPIC_NAME = new AwsLimit("SNS-TOPIC-NAME", Service.SNS, "aws:sns/topic:Topic", "name", 256,
            CHARACTERS, false, "InvalidParameter: Invalid parameter: Topic Name", SNS_TOPIC);
    public static final AwsLimit BUDGET_NAME_LENGTH = new AwsLimit("BUDGET-NAME", Service.BUDGETS, "aws:budgets/budget:Budget", "name",
            100, CHARACTERS, false, validationError("InvalidParameterException", "budget.budgetName", 100), BUDGET_NAME);
    public static final AwsLimit COGNITO_USER_POOL_NAME = new AwsLimit("COGNITO-POOL-NAME", Service.COGNITO,
            "aws:cognito/userPool:UserPool", "name", 128, CHARACTERS, false,
            validationError("InvalidParameterException", "poolName", 128), COGNITO_POOL);
    public static final AwsLimit COGNITO_GROUP_NAME = new AwsLimit("COGNITO-GROUP-NAME", Service.COGNITO,
            "aws:cognito/userGroup:UserGroup", "name", 128, CHARACTERS, false,
            validationError("InvalidParameterException", "groupName", 128), COGNITO_GROUP);
    public static final AwsLimit COGNITO_CLIENT_NAME = new AwsLimit("COGNITO-CLIENT-NAME", Service.COGNITO,
            "aws:cognito/userPoolClient:UserPoolClient", "name", 128, CHARACTERS, false,
            validationError("InvalidParameterException", "clientName", 128), COGNITO_CLIENT);
    public static final AwsLimit COGNITO_DOMAIN_PREFIX = new AwsLimit("COGNITO-DOMAIN", Service.COGNITO,
            "aws:cognito/userPoolDomain:UserPoolDomain", "domain", 63, CHARACTERS, false,
            validationError("InvalidParameterException", "domain", 63), COGNITO_DOMAIN);
    public static final AwsLimit CLOUDFRONT_DISTRIBUTION_COMMENT = new AwsLimit("CLOUDFRONT-COMMENT", Service.CLOUDFRONT,
            "aws:cloudfront/distribution:Distribution", "comment", 128, CHARACTERS, false,
            "InvalidArgument: The parameter Comment is too long.", CLOUDFRONT_COMMENT);
    public static final AwsLimit CLOUDFRONT_OAC_NAME = new AwsLimit("CLOUDFRONT-OAC-NAME", Service.CLOUDFRONT,
            "aws:cloudfront/originAccessControl:OriginAccessControl", "name", 64, CHARACTERS, false,
            "InvalidArgument: The parameter Name is too long.", CLOUDFRONT_OAC);

    /**
     * A certificate's first domain name, its Common Name. ACM answers with
     * InvalidDomainValidationOptionsException and this message (as relayed by the SDKs and by
     * CloudFormation, e.g. convox/praxis#204).
     */
    public static final AwsLimit ACM_DOMAIN_NAME = new AwsLimit("ACM-DOMAIN-NAME", Service.ACM, "aws:acm/certificate:Certificate",
            "domainName", 64, CHARACTERS, false,
            "InvalidDomainValidationOptionsException: The first domain name can be no longer than 64 characters.", ACM_DOMAIN);

    /**
     * Route 53 answers a ChangeResourceRecordSets batch with a name it cannot hold with InvalidChangeBatch
     * and a FATAL problem naming the name, e.g. DomainLabelTooLong (as quoted in
     * ministryofjustice/cloud-platform#4294); the code for a whole name too long follows the same shape.
     */
    public static final AwsLimit ROUTE53_RECORD_NAME = new AwsLimit("ROUTE53-RECORD-NAME", Service.ROUTE53, "aws:route53/record:Record",
            "name", 255, BYTES, false, "InvalidChangeBatch: FATAL problem: DomainNameTooLong (Domain name is too long) encountered "
            + "with '{name}'", ROUTE53_NAMES);
    public static final AwsLimit ROUTE53_RECORD_LABEL = new AwsLimit("ROUTE53-RECORD-LABEL", Service.ROUTE53,
            "aws:route53/record:Record", "name", 63, LONGEST_LABEL, false, "InvalidChangeBatch: FATAL problem: DomainLabelTooLong "
            + "(Domain label is too long) encountered with '{name}'", ROUTE53_NAMES);

    // Tags of every taggable AWS resource, as the charge-back transformation writes them.
    public static final AwsLimit TAGS_PER_RESOURCE = new AwsLimit("TAGS-COUNT", Service.TAGS, "aws:*", "tags", 50, ITEMS, false,
            "TooManyTagsException: the resource would have more than 50 tags", TAGS);
    public static final AwsLimit TAG_KEY_LENGTH = new AwsLimit("TAG-KEY", Service.TAGS, "aws:*", "tags", 128, LONGEST_KEY, false,
            validationError("ValidationException", "tags", 128), TAGS);
    public static final AwsLimit TAG_VALUE_LENGTH = new AwsLimit("TAG-VALUE", Service.TAGS, "aws:*", "tags", 256, LONGEST_VALUE, false,
            validationError("ValidationException", "tags", 256), TAGS);
    public static final AwsLimit TAG_RESERVED_PREFIX = new AwsLimit("TAG-RESERVED", Service.TAGS, "aws:*", "tags", 0, RESERVED_KEYS,
            false, "InvalidParameterException: Tag keys starting with 'aws:' are reserved for system use", TAGS);

    // Kubernetes: the API server answers 422 Invalid.
    public static final AwsLimit K8S_CRONJOB_NAME = new AwsLimit("K8S-CRONJOB-NAME", Service.KUBERNETES,
            "kubernetes:batch/v1:CronJob", "metadata.name", 52, CHARACTERS, false,
            invalid("CronJob", "metadata.name", "must be no more than 52 characters"), K8S_CRONJOB);
    public static final AwsLimit K8S_NAMESPACE_NAME = new AwsLimit("K8S-NAMESPACE-NAME", Service.KUBERNETES,
            "kubernetes:core/v1:Namespace", "metadata.name", 63, CHARACTERS, false,
            invalid("Namespace", "metadata.name", "must be no more than 63 characters"), K8S_NAMES);
    public static final AwsLimit K8S_SERVICE_NAME = new AwsLimit("K8S-SERVICE-NAME", Service.KUBERNETES,
            "kubernetes:core/v1:Service", "metadata.name", 63, CHARACTERS, false,
            invalid("Service", "metadata.name", "must be no more than 63 characters"), K8S_NAMES);
    public static final AwsLimit K8S_OBJECT_NAME = new AwsLimit("K8S-NAME", Service.KUBERNETES, "kubernetes:*", "metadata.name",
            253, CHARACTERS, false, invalid("object", "metadata.name", "must be no more than 253 characters"), K8S_NAMES);
    public static final AwsLimit K8S_LABEL_VALUE = new AwsLimit("K8S-LABEL-VALUE", Service.KUBERNETES, "kubernetes:*",
            "metadata.labels", 63, LONGEST_VALUE, false, invalid("object", "metadata.labels", "must be no more than 63 characters"),
            K8S_LABELS);
    public static final AwsLimit K8S_ANNOTATIONS_SIZE = new AwsLimit("K8S-ANNOTATIONS", Service.KUBERNETES, "kubernetes:*",
            "metadata.annotations", 256 * 1024, TOTAL_BYTES, false,
            invalid("object", "metadata.annotations", "Too long: must have at most 262144 bytes"), K8S_ANNOTATIONS);

    private static final List<AwsLimit> ALL = List.of(IAM_MANAGED_POLICY_SIZE, IAM_ROLE_TRUST_POLICY_SIZE,
            IAM_ROLE_INLINE_POLICY_SIZE, IAM_ROLE_NAME, IAM_POLICY_NAME, IAM_INLINE_POLICY_NAME, IAM_ROLE_PATH, IAM_POLICY_PATH,
            S3_BUCKET_NAME, S3_BUCKET_POLICY_SIZE, S3_LIFECYCLE_RULES, S3_OBJECT_TAGS_COUNT, KMS_KEY_POLICY_SIZE,
            KMS_KEY_INLINE_POLICY_SIZE, KMS_ALIAS_NAME, EKS_CLUSTER_NAME, ECR_REPOSITORY_NAME, SECRET_NAME_LENGTH,
            CLOUDWATCH_ALARM_NAME, CLOUDWATCH_LOG_GROUP_NAME, CLOUDWATCH_METRIC_FILTER_NAME, SNS_TOPIC_NAME, BUDGET_NAME_LENGTH,
            COGNITO_USER_POOL_NAME, COGNITO_GROUP_NAME, COGNITO_CLIENT_NAME, COGNITO_DOMAIN_PREFIX,
            CLOUDFRONT_DISTRIBUTION_COMMENT, CLOUDFRONT_OAC_NAME, ACM_DOMAIN_NAME, ROUTE53_RECORD_NAME, ROUTE53_RECORD_LABEL,
            TAGS_PER_RESOURCE, TAG_KEY_LENGTH, TAG_VALUE_LENGTH, TAG_RESERVED_PREFIX, K8S_CRONJOB_NAME, K8S_NAMESPACE_NAME,
            K8S_SERVICE_NAME, K8S_OBJECT_NAME, K8S_LABEL_VALUE, K8S_ANNOTATIONS_SIZE);

    /** IAM: a role's inline policies together hold the same 10,240 characters as one alone (IAM User Guide, quotas). */
    public static final SummedLimit IAM_ROLE_INLINE_POLICIES_TOGETHER = new SummedLimit(IAM_ROLE_INLINE_POLICY_SIZE, "role");
    private static final List<SummedLimit> SUMMED = List.of(IAM_ROLE_INLINE_POLICIES_TOGETHER);

    private AwsLimits() {
    }

    /** The limits AWS applies to a total over the resources of one parent. */
    public static List<SummedLimit> summed() {
        return SUMMED;
    }

    public static List<AwsLimit> all() {
        return ALL;
    }

    /** The limits on the inputs of one resource type. */
    public static List<AwsLimit> of(String resourceType) {
        return ALL.stream().filter(l -> l.appliesTo(resourceType)).toList();
    }

    /** The limits a resource's inputs breach, in table order; unset inputs are not measured. */
    public static List<AwsLimit> breaches(String resourceType, Map<String, ?> inputs) {
        return of(resourceType).stream().filter(l -> l.valueIn(inputs).map(v -> !l.admits(v)).orElse(false)).toList();
    }

    /** The first limit a resource's inputs breach, if any. */
    public static Optional<AwsLimit> breached(String resourceType, Map<String, ?> inputs) {
        return breaches(resourceType, inputs).stream().findFirst();
    }

    /** The message shape of AWS's JSON and Query APIs for a length constraint; {name} is the value. */
    private static String validationError(String code, String member, int max) {
        return code + ": 1 validation error detected: Value '{name}' at '" + member + "' failed to satisfy constraint: "
                + "Member must have length less than or equal to " + max;
    }

    /** The API server's 422 for an invalid field. */
    private static String invalid(String kind, String field, String detail) {
        return "422 Invalid: " + kind + " \"{name}\" is invalid: " + field + ": Invalid value: \"{name}\": " + detail;
    }
}
