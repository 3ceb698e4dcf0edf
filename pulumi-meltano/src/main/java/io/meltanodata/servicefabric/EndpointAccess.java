package io.meltanodata.servicefabric;

import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.network.Ipv4Cidr;

import java.util.List;

/**
 * The private networks allowed to the cluster's private API endpoint, for pipeline runners inside
 * the VPC or a connected network ({@code meltanodata:endpointPrivateAccessCidrs}). EKS User Guide,
 * "Control network access to cluster API server endpoint", private-only access: "You must ensure
 * that your Amazon EKS control plane security group contains rules to allow ingress traffic on
 * port 443 from your connected network". The rules go on the cluster security group EKS creates.
 */
final class EndpointAccess {
    private EndpointAccess() {
    }

    static List<Resource> allow(ServiceFabricConfig config, Output<String> clusterSecurityGroupId, Resource parent) {
        return config.pipelines().privateAccessCidrs().stream().map(cidr -> (Resource) new SecurityGroupIngressRule(
                "api-from-" + name(cidr), SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(clusterSecurityGroupId)
                .ipProtocol("tcp").fromPort(443).toPort(443)
                .cidrIpv4(cidr.toString())
                .description("Kubernetes API from the pipeline runners' network " + cidr)
                .build(), CustomResourceOptions.builder().parent(parent).build())).toList();
    }

    /** {@code 10.99.0.0/24} -> {@code 10-99-0-0-24}: stable when the list is reordered. */
    static String name(Ipv4Cidr cidr) {
        return cidr.toString().replace('.', '-').replace('/', '-');
    }
}
