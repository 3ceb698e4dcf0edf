package io.meltanodata.servicefabric;

import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;

/**
 * What the cluster role needs so that EKS Auto Mode may launch nodes whose NodeClass sets
 * {@code spec.tags} (the platform's and every site's do: charge-back): AWS's managed cluster
 * policies allow only EKS's own tags. The statements are the documented ones (EKS User Guide,
 * "Amazon EKS Auto Mode cluster IAM role", section "Custom AWS tags for EKS Auto resources",
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-cluster-iam-role.html#tag-prop), with
 * their actions and conditions unchanged, and narrowed in two ways the page leaves open:
 * <ul>
 *   <li>only the two statements for what a NodeClass tags: {@code Compute} (instances, their
 *   volumes and network interfaces, launch templates) and {@code Networking} (the interfaces Auto
 *   Mode attaches to a node later). The page's {@code Storage}, {@code LoadBalancer},
 *   {@code ShieldProtection} and {@code ShieldTagResource} statements serve tags set in a
 *   StorageClass or IngressClassParams, and the platform sets none;</li>
 *   <li>{@code Resource} is the fabric's account and region instead of {@code "*"}: everything
 *   these actions create for the cluster lives there.</li>
 * </ul>
 * The condition on {@code aws:PrincipalTag/eks:eks-cluster-name} (the session tag EKS sets when it
 * assumes the role, which its trust policy allows with {@code sts:TagSession}) keeps each grant to
 * resources EKS tags for this cluster.
 */
final class AutoModeTagging {
    static final String CLUSTER_TAG = "aws:RequestTag/eks:eks-cluster-name";
    static final String THIS_CLUSTER = "${aws:PrincipalTag/eks:eks-cluster-name}";

    private AutoModeTagging() {
    }

    static PolicyDocument policy(String region, String accountId) {
        String inAccount = "arn:aws:ec2:" + region + ":" + accountId + ":*";
        return PolicyDocument.of(
                PolicyStatement.allow("ec2:CreateFleet", "ec2:RunInstances", "ec2:CreateLaunchTemplate").sid("Compute")
                        .on(inAccount)
                        .when("StringEquals", CLUSTER_TAG, THIS_CLUSTER)
                        .when("StringLike", "aws:RequestTag/eks:kubernetes-node-class-name", "*")
                        .when("StringLike", "aws:RequestTag/eks:kubernetes-node-pool-name", "*"),
                PolicyStatement.allow("ec2:CreateNetworkInterface").sid("Networking")
                        .on(inAccount)
                        .when("StringEquals", CLUSTER_TAG, THIS_CLUSTER)
                        .when("StringLike", "aws:RequestTag/eks:kubernetes-cni-node-name", "*"));
    }

    /** The account of an IAM ARN ({@code arn:aws:iam::111122223333:role/x}). */
    static String accountOf(String arn) {
        return arn.split(":")[4];
    }
}
