package io.meltanodata.components.limits;

import java.util.List;

/**
 * The quotas on how many of a resource may exist together that the layers' resources count
 * against, with their defaults and pages. The companion of {@link AwsLimits}, which limits one
 * resource's inputs.
 */
public final class AwsQuotas {
    static final String EKS_QUOTAS = "Amazon EKS User Guide, \"View and manage Amazon EKS and AWS Fargate service quotas\" "
            + "(Access entries per cluster: 3,000, not adjustable), https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html";
    static final String POD_IDENTITY = "Amazon EKS User Guide, \"Learn how EKS Pod Identity grants pods access to AWS services\" "
            + "(\"Up to 5,000 EKS Pod Identity associations per cluster\"; not adjustable in Service Quotas), "
            + "https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html";
    static final String BUDGETS = "AWS Cost Management User Guide, \"Quotas and restrictions\" (budgets per account: 20,000), "
            + "https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-limits.html";
    static final String ECR = "Amazon ECR User Guide, \"Amazon ECR service quotas\" (registered repositories per Region), "
            + "https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html";
    static final String SNS_FILTER_POLICIES = "Amazon SNS Developer Guide, \"Filter policy constraints in Amazon SNS\" (\"up to 200 "
            + "filter policies per topic, and 10,000 filter policies per AWS account\"; adjustable in Service Quotas), "
            + "https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html";
    static final String VPC = "Amazon VPC User Guide, \"Amazon VPC quotas\", https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html";

    public static final AwsQuota IAM_ROLES = new AwsQuota("IAM-ROLES", "IAM roles per account", "aws:iam/role:Role", null, false,
            1_000, true, AwsLimits.IAM_QUOTAS);
    public static final AwsQuota IAM_MANAGED_POLICIES = new AwsQuota("IAM-POLICIES", "Customer managed policies per account",
            "aws:iam/policy:Policy", null, false, 1_500, true, AwsLimits.IAM_QUOTAS);
    public static final AwsQuota IAM_POLICIES_PER_ROLE = new AwsQuota("IAM-POLICIES-PER-ROLE", "Managed policies attached to an IAM role",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role", false, 10, true, AwsLimits.IAM_QUOTAS);
    public static final AwsQuota EKS_POD_IDENTITY = new AwsQuota("EKS-POD-IDENTITY", "Pod Identity associations per cluster",
            "aws:eks/podIdentityAssociation:PodIdentityAssociation", "clusterName", false, 5_000, false, POD_IDENTITY);
    public static final AwsQuota EKS_ACCESS_ENTRIES = new AwsQuota("EKS-ACCESS-ENTRIES", "Access entries per cluster",
            "aws:eks/accessEntry:AccessEntry", "clusterName", false, 3_000, false, EKS_QUOTAS);
    public static final AwsQuota BUDGETS_PER_ACCOUNT = new AwsQuota("BUDGETS", "Budgets per account", "aws:budgets/budget:Budget",
            null, false, 20_000, false, BUDGETS);
    public static final AwsQuota ECR_REPOSITORIES = new AwsQuota("ECR-REPOSITORIES", "Registered repositories per Region",
            "aws:ecr/repository:Repository", null, false, 100_000, true, ECR);
    public static final AwsQuota METRIC_FILTERS = new AwsQuota("CW-METRIC-FILTERS", "Metric filters per log group",
            "aws:cloudwatch/logMetricFilter:LogMetricFilter", "logGroupName", false, 100, false, AwsLimits.METRIC_FILTER);
    /**
     * Each site admin's subscription to the fabric's alert topic has a filter policy (Layer 2,
     * SiteAlertSubscriptions). Counted: every subscription of the topic, so the operators' few
     * unfiltered ones (Layer 1's alertEmails) count too, a little more than AWS counts.
     */
    public static final AwsQuota SNS_TOPIC_FILTER_POLICIES = new AwsQuota("SNS-FILTER-POLICIES", "Filter policies per topic",
            "aws:sns/topicSubscription:TopicSubscription", "topic", false, 200, true, SNS_FILTER_POLICIES);
    public static final AwsQuota ELASTIC_IPS = new AwsQuota("VPC-EIPS", "Elastic IP addresses per Region", "aws:ec2/eip:Eip", null,
            true, 5, true, VPC);
    public static final AwsQuota NAT_GATEWAYS = new AwsQuota("VPC-NAT-GATEWAYS", "NAT gateways per Availability Zone",
            "aws:ec2/natGateway:NatGateway", "subnetId", true, 5, true, VPC);
    public static final AwsQuota VPCS = new AwsQuota("VPC-VPCS", "VPCs per Region", "aws:ec2/vpc:Vpc", null, true, 5, true, VPC);
    public static final AwsQuota SECURITY_GROUPS = new AwsQuota("VPC-SECURITY-GROUPS", "VPC security groups per Region",
            "aws:ec2/securityGroup:SecurityGroup", null, false, 2_500, true, VPC);

    private static final List<AwsQuota> ALL = List.of(IAM_ROLES, IAM_MANAGED_POLICIES, IAM_POLICIES_PER_ROLE, EKS_POD_IDENTITY,
            EKS_ACCESS_ENTRIES, BUDGETS_PER_ACCOUNT, ECR_REPOSITORIES, METRIC_FILTERS, SNS_TOPIC_FILTER_POLICIES, ELASTIC_IPS, NAT_GATEWAYS, VPCS,
            SECURITY_GROUPS);

    private AwsQuotas() {
    }

    public static List<AwsQuota> all() {
        return ALL;
    }
}
