package io.meltanodata.servicefabric;

import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.RegionZones;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.LayerHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.meltanodata.servicefabric.FabricFixtures.validConfig;
import static io.meltanodata.testing.LayerHarness.assertNoInput;
import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.named;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fabric's subnets go to the zones AWS reports for the account, never to letters derived from
 * the region's name. Sources: AWS RAM User Guide, "Availability Zone IDs for your AWS resources"
 * (https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html): a zone's letter maps
 * to a different physical zone in each account, its id does not; EC2 API Reference,
 * "DescribeAvailabilityZones" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html):
 * states, opt-in-status, and Local Zones being returned once opted into; EKS User Guide, "View Amazon
 * EKS networking requirements for VPC and subnets" (https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html):
 * subnets in at least two zones, and never in use1-az3, usw1-az2 or cac1-az3. The mocks answer as
 * {@link RegionZones} describes (one account's letter-to-id mapping).
 */
class AvailabilityZonesTest {

    static Rendering render(String region, int zones) {
        Map<String, String> config = validConfig();
        config.put("aws:region", region);
        config.put("meltanodata:availabilityZoneCount", String.valueOf(zones));
        ServiceFabricConfig typed = ServiceFabricConfig.load(FabricFixtures.source(config), "test");
        return LayerHarness.stack(ServiceFabricProgram.PROJECT, "test").region(region)
                .render(ctx -> ServiceFabricProgram.run(ctx, typed));
    }

    static List<Object> zoneIds(Rendering fabric, String kind, int zones) {
        return java.util.stream.IntStream.rangeClosed(1, zones)
                .mapToObj(i -> input(named(fabric, "aws:ec2/subnet:Subnet", kind + "-" + i), "availabilityZoneId"))
                .toList();
    }

    @Test
    void subnetsGoToTheZoneIdsAwsReportsNotToLetters() {
        Rendering fabric = render("eu-west-1", 3);
        // This account's eu-west-1a, b, c are euw1-az3, az1, az2.
        assertEquals(List.of("euw1-az3", "euw1-az1", "euw1-az2"), zoneIds(fabric, "private", 3));
        assertEquals(List.of("euw1-az3", "euw1-az1", "euw1-az2"), zoneIds(fabric, "public", 3));
        for (RecordedResource subnet : fabric.ofType("aws:ec2/subnet:Subnet")) {
            assertNoInput(subnet, "availabilityZone");
            assertEquals(List.of("availabilityZoneId"), subnet.ignoreChanges(),
                    "a later answer of AWS (a zone impaired) must never move, that is replace, a subnet");
        }
    }

    /** us-east-1: the opted-in Boston Local Zone sorts first, and us-east-1b is use1-az3, where EKS refuses subnets. */
    @Test
    void neitherLocalZonesNorZonesEksRefusesAreUsed() {
        assertEquals(List.of("use1-az2", "use1-az4", "use1-az6"), zoneIds(render("us-east-1", 3), "private", 3));
    }

    @Test
    void aRegionWithTooFewUsableZonesFailsWithOneLineBeforeAnyResource() {
        assertEquals(List.of("usw1-az1", "usw1-az3"), zoneIds(render("us-west-1", 2), "private", 2));
        Map<String, String> config = validConfig();
        config.put("aws:region", "us-west-1");
        RuntimeException error = LayerHarness.stack(ServiceFabricProgram.PROJECT, "test").region("us-west-1")
                .renderFailing(ctx -> ServiceFabricProgram.run(ctx,
                        ServiceFabricConfig.load(FabricFixtures.source(config), "test")));
        assertEquals("Pulumi.test.yaml: config key 'meltanodata:availabilityZoneCount' has value '3'; allowed: at most 2 "
                + "in us-west-1, the available zones AWS reports there that EKS can use (usw1-az1 us-west-1b, "
                + "usw1-az3 us-west-1c)", error.getMessage());
    }

    /** The mock answers like EC2: what the filters are for. */
    @Test
    void theMockAnswersTheQueryTheWayEc2Does() {
        Map<String, Object> plain = RegionZones.answer("us-east-1", Map.of());
        assertEquals("us-east-1-bos-1a", ((List<?>) plain.get("names")).get(0), "an opted-in Local Zone sorts first");
        assertEquals(7, ((List<?>) plain.get("names")).size(), "the not-opted-in Miami zone is left out");
        assertEquals(8, ((List<?>) RegionZones.answer("us-east-1", Map.of("allAvailabilityZones", true)).get("names")).size());
        Map<String, Object> query = Map.of("state", "available",
                "filters", List.of(Map.of("name", "opt-in-status", "values", List.of("opt-in-not-required"))),
                "excludeZoneIds", AvailabilityZones.EKS_UNSUPPORTED_ZONE_IDS);
        assertEquals(List.of("us-east-1a", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"),
                RegionZones.answer("us-east-1", query).get("names"));
        assertEquals(List.of("apse2-az1", "apse2-az2", "apse2-az3"),
                RegionZones.answer("ap-southeast-2", query).get("zoneIds"));
    }
}
