package io.meltanodata.servicefabric;

import io.meltanodata.components.network.Ipv4Cidr;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How the VPC's address space is cut: the first three quarters are the private subnets (one per
 * AZ, where every pod gets a VPC address, so they are large); the last quarter is cut in four
 * and its first blocks are the small public subnets (NAT gateways and load balancers only).
 * A /16 gives private /18s (16k addresses) and public /20s; a /20 gives private /22s and public /24s.
 */
public record SubnetPlan(List<Ipv4Cidr> privateSubnets, List<Ipv4Cidr> publicSubnets) {

    public static SubnetPlan of(Ipv4Cidr vpc, int availabilityZones) {
        if (availabilityZones < 1 || availabilityZones > 3) {
            throw new IllegalArgumentException("1 to 3 availability zones, got " + availabilityZones);
        }
        Ipv4Cidr lastQuarter = vpc.subnet(vpc.prefix() + 2, 3);
        return new SubnetPlan(
                IntStream.range(0, availabilityZones).mapToObj(i -> vpc.subnet(vpc.prefix() + 2, i)).toList(),
                IntStream.range(0, availabilityZones).mapToObj(i -> lastQuarter.subnet(lastQuarter.prefix() + 2, i)).toList());
    }
}
