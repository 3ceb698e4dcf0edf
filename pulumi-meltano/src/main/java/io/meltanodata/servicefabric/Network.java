package io.meltanodata.servicefabric;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.iam.PolicyStatement;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fabric's VPC: public subnets (NAT, load balancers) and private subnets (nodes, pods) in
 * each of the zones AWS reports ({@link AvailabilityZones}), tagged for the EKS load balancer
 * controller; NAT per zone or shared; an S3 gateway endpoint so state and artifacts traffic never
 * pays NAT; flow logs of rejected and accepted traffic.
 */
final class Network {
    private final Vpc vpc;
    private final List<Subnet> privateSubnets = new ArrayList<>();
    private final List<Subnet> publicSubnets = new ArrayList<>();

    Network(ServiceFabricConfig config, Output<List<AvailabilityZones.Zone>> zones, Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        // AWS's answer can change (a zone impaired during a later `up`): a subnet never moves once created.
        var subnetOptions = CustomResourceOptions.builder().parent(parent).ignoreChanges("availabilityZoneId").build();
        String fabric = config.fabricName();
        SubnetPlan plan = SubnetPlan.of(config.vpcCidr(), config.availabilityZoneCount());

        vpc = new Vpc("vpc", VpcArgs.builder()
                .cidrBlock(config.vpcCidr().toString())
                .enableDnsHostnames(true)
                .enableDnsSupport(true)
                .tags(Map.of("Name", fabric))
                .build(), child);
        var igw = new InternetGateway("igw", InternetGatewayArgs.builder().vpcId(vpc.id())
                .tags(Map.of("Name", fabric)).build(), child);
        var publicRoutes = new RouteTable("public-routes", RouteTableArgs.builder().vpcId(vpc.id())
                .tags(Map.of("Name", fabric + "-public")).build(), child);
        new Route("public-default-route", RouteArgs.builder().routeTableId(publicRoutes.id())
                .destinationCidrBlock("0.0.0.0/0").gatewayId(igw.id()).build(), child);

        List<NatGateway> nats = new ArrayList<>();
        List<RouteTable> privateRouteTables = new ArrayList<>();
        for (int i = 0; i < config.availabilityZoneCount(); i++) {
            // Named by position: which zone is the i-th is AWS's answer, known only when the program runs.
            String n = String.valueOf(i + 1);
            int index = i;
            Output<String> zoneId = zones.applyValue(z -> z.get(index).id());
            var pub = new Subnet("public-" + n, SubnetArgs.builder().vpcId(vpc.id()).availabilityZoneId(zoneId)
                    .cidrBlock(plan.publicSubnets().get(i).toString())
                    .mapPublicIpOnLaunch(false)
                    .tags(Map.of("Name", fabric + "-public-" + n, "kubernetes.io/role/elb", "1"))
                    .build(), subnetOptions);
            publicSubnets.add(pub);
            new RouteTableAssociation("public-" + n, RouteTableAssociationArgs.builder()
                    .subnetId(pub.id()).routeTableId(publicRoutes.id()).build(), child);
            if (i == 0 || config.natGateways() == NatMode.PER_AZ) {
                var eip = new Eip("nat-" + n, EipArgs.builder().domain("vpc")
                        .tags(Map.of("Name", fabric + "-nat-" + n)).build(), child);
                nats.add(new NatGateway("nat-" + n, NatGatewayArgs.builder().allocationId(eip.id())
                        .subnetId(pub.id()).tags(Map.of("Name", fabric + "-" + n)).build(), child));
            }
            var priv = new Subnet("private-" + n, SubnetArgs.builder().vpcId(vpc.id()).availabilityZoneId(zoneId)
                    .cidrBlock(plan.privateSubnets().get(i).toString())
                    .mapPublicIpOnLaunch(false)
                    .tags(Map.of("Name", fabric + "-private-" + n, "kubernetes.io/role/internal-elb", "1"))
                    .build(), subnetOptions);
            privateSubnets.add(priv);
            var routes = new RouteTable("private-routes-" + n, RouteTableArgs.builder().vpcId(vpc.id())
                    .tags(Map.of("Name", fabric + "-private-" + n)).build(), child);
            privateRouteTables.add(routes);
            new Route("private-default-route-" + n, RouteArgs.builder().routeTableId(routes.id())
                    .destinationCidrBlock("0.0.0.0/0").natGatewayId(nats.get(nats.size() - 1).id()).build(), child);
            new RouteTableAssociation("private-" + n, RouteTableAssociationArgs.builder()
                    .subnetId(priv.id()).routeTableId(routes.id()).build(), child);
        }

        new VpcEndpoint("s3-endpoint", VpcEndpointArgs.builder()
                .vpcId(vpc.id())
                .serviceName("com.amazonaws." + config.region() + ".s3")
                .vpcEndpointType("Gateway")
                .routeTableIds(Output.all(privateRouteTables.stream().map(RouteTable::id).toList()))
                .build(), child);
        flowLogs(config, child);
    }

    private void flowLogs(ServiceFabricConfig config, CustomResourceOptions child) {
        String fabric = config.fabricName();
        var logGroup = new LogGroup("flow-logs", LogGroupArgs.builder()
                .name("/meltanodata/" + fabric + "/vpc-flow-logs")
                .retentionInDays(config.logRetentionDays())
                .build(), child);
        var role = new Role("flow-logs-role", RoleArgs.builder()
                .name(Names.of(NameKind.IAM_ROLE, "meltanodata", fabric, "flowlogs"))
                .assumeRolePolicy(PolicyDocument.of(PolicyStatement.allow("sts:AssumeRole")
                        .principal("Service", "vpc-flow-logs.amazonaws.com").sid("VpcFlowLogs")).toJson())
                .build(), child);
        new RolePolicy("flow-logs-role-policy", RolePolicyArgs.builder()
                .role(role.name())
                .policy(logGroup.arn().applyValue(arn -> PolicyDocument.of(PolicyStatement.allow(
                                "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams")
                        .on(arn + ":*").sid("WriteFlowLogs")).toJson()))
                .build(), child);
        new FlowLog("flow-log", FlowLogArgs.builder()
                .vpcId(vpc.id())
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(logGroup.arn())
                .iamRoleArn(role.arn())
                .maxAggregationInterval(60)
                .build(), child);
    }

    Vpc vpc() {
        return vpc;
    }

    Output<List<String>> privateSubnetIds() {
        return Output.all(privateSubnets.stream().map(Subnet::id).toList());
    }

    Output<List<String>> publicSubnetIds() {
        return Output.all(publicSubnets.stream().map(Subnet::id).toList());
    }
}
