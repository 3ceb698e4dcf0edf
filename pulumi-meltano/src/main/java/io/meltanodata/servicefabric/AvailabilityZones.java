package io.meltanodata.servicefabric;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesFilterArgs;
import com.pulumi.core.Output;
import io.meltanodata.components.UserInputException;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The zones the fabric's subnets go to, as AWS reports them for the account: letters map to
 * different physical zones in each account and regions differ in their zones, so nothing is
 * derived from the region's name. Asked of EC2 (DescribeAvailabilityZones) with:
 * <ul>
 *   <li>{@code state = available}: never a new subnet in an impaired or unavailable zone;</li>
 *   <li>{@code opt-in-status = opt-in-not-required}: availability zones only. Without it EC2 also
 *       returns the Local and Wavelength Zones the account opted into, whose names sort before the
 *       region's zones (us-east-1-bos-1a); EKS cluster subnets "can't reside in ... Amazon
 *       Wavelength", and a Local Zone is not where a fabric's NAT and nodes belong;</li>
 *   <li>without the zone ids EKS refuses cluster subnets in (EKS User Guide, "View Amazon EKS
 *       networking requirements for VPC and subnets", subnet requirements).</li>
 * </ul>
 * The first {@code availabilityZoneCount} by name are used. EKS needs subnets in at least two
 * zones, which the config's minimum of 2 guarantees once the region has that many.
 */
final class AvailabilityZones {
    /** "The subnets can't reside in the following Availability Zones": us-east-1, us-west-1, ca-central-1. */
    static final List<String> EKS_UNSUPPORTED_ZONE_IDS = List.of("use1-az3", "usw1-az2", "cac1-az3");

    record Zone(String name, String id) {
    }

    private AvailabilityZones() {
    }

    static GetAvailabilityZonesArgs query() {
        return GetAvailabilityZonesArgs.builder()
                .state("available")
                .filters(GetAvailabilityZonesFilterArgs.builder().name("opt-in-status").values("opt-in-not-required").build())
                .excludeZoneIds(EKS_UNSUPPORTED_ZONE_IDS)
                .build();
    }

    /** The zones for this fabric; fails with one line when the region reports too few. */
    static Output<List<Zone>> of(ServiceFabricConfig config, String origin) {
        return AwsFunctions.getAvailabilityZones(query())
                .applyValue(answer -> pick(config, origin, answer.names(), answer.zoneIds()));
    }

    static List<Zone> pick(ServiceFabricConfig config, String origin, List<String> names, List<String> ids) {
        List<Zone> zones = IntStream.range(0, names.size()).mapToObj(i -> new Zone(names.get(i), ids.get(i))).toList();
        int wanted = config.availabilityZoneCount();
        if (zones.size() < wanted) {
            throw new UserInputException(origin + ": config key 'meltanodata:availabilityZoneCount' has value '"
                    + wanted + "'; allowed: at most " + zones.size() + " in " + config.region()
                    + ", the available zones AWS reports there that EKS can use ("
                    + String.join(", ", zones.stream().map(z -> z.id() + " " + z.name()).toList()) + ")");
        }
        return zones.subList(0, wanted);
    }
}
