package io.meltanodata.preview;

import java.util.Optional;

/** The prefix of AWS's ids for EC2 resources ({@code vpc-...}, {@code subnet-...}), by Pulumi type. */
public final class Ec2IdPrefixes {

    private Ec2IdPrefixes() {
    }

    public static Optional<String> of(String type) {
        return Optional.ofNullable(switch (type) {
            case "aws:ec2/vpc:Vpc" -> "vpc";
            case "aws:ec2/subnet:Subnet" -> "subnet";
            case "aws:ec2/internetGateway:InternetGateway" -> "igw";
            case "aws:ec2/natGateway:NatGateway" -> "nat";
            case "aws:ec2/eip:Eip" -> "eipalloc";
            case "aws:ec2/routeTable:RouteTable" -> "rtb";
            case "aws:ec2/route:Route" -> "r-rtb";
            case "aws:ec2/routeTableAssociation:RouteTableAssociation" -> "rtbassoc";
            case "aws:ec2/securityGroup:SecurityGroup" -> "sg";
            case "aws:ec2/vpcEndpoint:VpcEndpoint" -> "vpce";
            case "aws:ec2/flowLog:FlowLog" -> "fl";
            default -> null;
        });
    }
}
