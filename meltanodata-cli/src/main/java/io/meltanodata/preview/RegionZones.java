package io.meltanodata.preview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What {@code aws:index/getAvailabilityZones} (EC2 DescribeAvailabilityZones) answers for a region,
 * for the offline preview and the AWS test double: zone names and zone ids, in AWS's formats and
 * sorted by name as the provider returns them, with the arguments applied the way EC2 applies them
 * (EC2 API Reference, "DescribeAvailabilityZones"): {@code state}, {@code filters} on
 * {@code opt-in-status}, {@code zone-type}, {@code zone-name}, {@code zone-id}, {@code region-name},
 * {@code group-name}, {@code excludeNames}, {@code excludeZoneIds}; without
 * {@code allAvailabilityZones}, Local and Wavelength Zones the account has not opted into are left out.
 *
 * <p>Which letter names which zone id is decided per account (EC2 User Guide, "AZ IDs"); the
 * mappings below are one account's, and deliberately not letter-ordered. The regions the
 * documentation's EKS exceptions concern carry those zones ({@code use1-az3}, {@code usw1-az2},
 * {@code cac1-az3}); {@code us-east-1} also has an opted-in Local Zone, which sorts before its
 * availability zones. Any other region answers three zones, a to c, ids {@code <code>-az1..3}.
 */
public final class RegionZones {
    /** One zone as EC2 describes it. */
    public record Zone(String name, String id, String type, String optInStatus, String state, String groupName,
                       String region) {
        static Zone standard(String name, String id, String region) {
            return new Zone(name, id, "availability-zone", "opt-in-not-required", "available", region, region);
        }

        String attribute(String filter) {
            return switch (filter) {
                case "opt-in-status" -> optInStatus;
                case "zone-type" -> type;
                case "zone-name" -> name;
                case "zone-id" -> id;
                case "state" -> state;
                case "group-name" -> groupName;
                case "region-name" -> region;
                default -> throw new IllegalArgumentException("DescribeAvailabilityZones has no filter named " + filter);
            };
        }
    }

    private RegionZones() {
    }

    /** Every zone of the region, opted in or not, sorted by name. */
    public static List<Zone> of(String region) {
        List<Zone> zones = new ArrayList<>(switch (region) {
            case "us-east-1" -> List.of(
                    Zone.standard("us-east-1a", "use1-az2", region), Zone.standard("us-east-1b", "use1-az3", region),
                    Zone.standard("us-east-1c", "use1-az4", region), Zone.standard("us-east-1d", "use1-az6", region),
                    Zone.standard("us-east-1e", "use1-az1", region), Zone.standard("us-east-1f", "use1-az5", region),
                    new Zone("us-east-1-bos-1a", "use1-bos1-az1", "local-zone", "opted-in", "available", "us-east-1-bos-1", region),
                    new Zone("us-east-1-mia-2a", "use1-mia2-az1", "local-zone", "not-opted-in", "available", "us-east-1-mia-2",
                            region));
            case "us-west-1" -> List.of(
                    Zone.standard("us-west-1a", "usw1-az2", region), Zone.standard("us-west-1b", "usw1-az1", region),
                    Zone.standard("us-west-1c", "usw1-az3", region));
            case "ca-central-1" -> List.of(
                    Zone.standard("ca-central-1a", "cac1-az1", region), Zone.standard("ca-central-1b", "cac1-az3", region),
                    Zone.standard("ca-central-1d", "cac1-az4", region));
            case "eu-west-1" -> List.of(
                    Zone.standard("eu-west-1a", "euw1-az3", region), Zone.standard("eu-west-1b", "euw1-az1", region),
                    Zone.standard("eu-west-1c", "euw1-az2", region));
            default -> IntStream.rangeClosed(1, 3).mapToObj(i -> Zone.standard(region + (char) ('a' + i - 1),
                    code(region) + "-az" + i, region)).toList();
        });
        zones.sort(Comparator.comparing(Zone::name));
        return List.copyOf(zones);
    }

    /** The invoke's answer for its arguments. */
    public static Map<String, Object> answer(String region, Map<String, Object> args) {
        boolean all = Boolean.TRUE.equals(args.get("allAvailabilityZones"));
        List<?> excludeNames = list(args.get("excludeNames"));
        List<?> excludeIds = list(args.get("excludeZoneIds"));
        List<Zone> matching = of(region).stream()
                .filter(z -> all || !z.optInStatus().equals("not-opted-in"))
                .filter(z -> !(args.get("state") instanceof String s) || z.state().equals(s))
                .filter(z -> !excludeNames.contains(z.name()) && !excludeIds.contains(z.id()))
                .filter(z -> list(args.get("filters")).stream().allMatch(f -> {
                    Map<?, ?> filter = (Map<?, ?>) f;
                    return list(filter.get("values")).contains(z.attribute(String.valueOf(filter.get("name"))));
                }))
                .toList();
        return Map.of("id", region,
                "names", matching.stream().map(Zone::name).toList(),
                "zoneIds", matching.stream().map(Zone::id).toList(),
                "groupNames", matching.stream().map(Zone::groupName).distinct().sorted().toList());
    }

    /** {@code eu-west-1} -> {@code euw1}, {@code ap-southeast-2} -> {@code apse2}: the zone id prefix. */
    static String code(String region) {
        String[] parts = region.split("-");
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            out.append(switch (parts[i]) {
                case "northeast" -> "ne";
                case "southeast" -> "se";
                case "northwest" -> "nw";
                case "southwest" -> "sw";
                case "gov" -> "g";
                default -> parts[i].substring(0, 1);
            });
        }
        return out.append(parts[parts.length - 1]).toString();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
