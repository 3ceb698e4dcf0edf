package io.meltanodata.limits;

import io.meltanodata.components.limits.AwsLimit;
import io.meltanodata.components.limits.AwsLimits;
import io.meltanodata.components.limits.SummedLimit;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four layers at the longest names the configs accept hold every limit of the one table,
 * {@link AwsLimits} (each row names its AWS or Kubernetes page): rendered at three corners of the
 * names' budget (the longest site, the longest fabric with a project, the longest project; fabric,
 * site and project at most 40 together, {@code ProjectNamePrefix}), in the longest region, with a
 * 63-character Meltano environment, a 200-character branch and 128-character schedules. Prints the
 * smallest margin per limit over every resource it applies to.
 */
class LimitMarginsTest {
    static final List<RecordedResource> resources = new ArrayList<>();

    @BeforeAll
    static void renderTheLongestNames(@TempDir Path dir) {
        for (int[] corner : LongestNames.CORNERS) {
            LongestNames longest = LongestNames.render(corner[0], corner[1], corner[2], dir);
            longest.layers().stream().map(Rendering::resources).forEach(resources::addAll);
        }
    }

    @Test
    void everyLimitHoldsAtTheLongestNamesWithItsSmallestMarginPrinted() {
        Map<AwsLimit, int[]> smallest = new LinkedHashMap<>();
        List<String> breaches = new ArrayList<>();
        for (AwsLimit limit : AwsLimits.all()) {
            for (RecordedResource r : resources) {
                if (!limit.appliesTo(r.type())) {
                    continue;
                }
                limit.valueIn(r.inputs()).ifPresent(value -> {
                    int margin = limit.margin(value);
                    int[] seen = smallest.computeIfAbsent(limit, l -> new int[]{Integer.MAX_VALUE, 0});
                    seen[0] = Math.min(seen[0], margin);
                    seen[1]++;
                    if (margin < 0) {
                        breaches.add(r.type() + " " + r.name() + ": " + limit.breach("input '" + limit.input() + "'", value));
                    }
                });
            }
        }
        System.out.println("| limit | max | measured | smallest margin | resources |");
        System.out.println("|---|---|---|---|---|");
        for (AwsLimit limit : AwsLimits.all()) {
            int[] seen = smallest.get(limit);
            System.out.println("| " + limit.id() + " | " + limit.max() + " | " + limit.measure().unit() + " | "
                    + (seen == null ? "not set" : seen[0]) + " | " + (seen == null ? 0 : seen[1]) + " |");
        }
        assertEquals(List.of(), breaches);
        assertTrue(smallest.size() >= AwsLimits.all().size() - 2, "nearly every row is exercised: " + smallest.size());
    }

    /**
     * IAM User Guide, "IAM and AWS STS quotas" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html):
     * "Role policy size cannot exceed 10,240 characters", all of a role's inline policies together. Layer 3's deploy
     * role holds two (its own and the environments' deploy policy): the totals hold at the longest names, the
     * smallest margin printed.
     */
    @Test
    void everySummedLimitHoldsAtTheLongestNamesWithItsSmallestMarginPrinted() {
        System.out.println("| summed limit | max | measured | smallest margin | parents |");
        System.out.println("|---|---|---|---|---|");
        for (SummedLimit summed : AwsLimits.summed()) {
            Map<String, Integer> totals = summed.totals(resources, RecordedResource::type, RecordedResource::inputs);
            int largest = totals.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            System.out.println("| " + summed.limit().id() + " per " + summed.groupBy() + " | " + summed.limit().max() + " | "
                    + summed.limit().measure().unit() + " | " + (summed.limit().max() - largest) + " | " + totals.size() + " |");
            assertEquals(Map.of(), summed.breaches(resources, RecordedResource::type, RecordedResource::inputs));
            int largestAlone = resources.stream().filter(r -> summed.limit().appliesTo(r.type()))
                    .mapToInt(r -> summed.limit().valueIn(r.inputs()).map(summed.limit()::sizeOf).orElse(0)).max().orElseThrow();
            assertTrue(largest > largestAlone, "a parent holds several: the total (" + largest + ") is what AWS checks, not "
                    + "the largest alone (" + largestAlone + ")");
        }
    }

    /** Every AWS type the layers create that sends a name has that name's limit in the table. */
    @Test
    void everyRenderedNameHasItsLimitInTheTable() {
        Set<String> uncovered = new TreeSet<>();
        for (RecordedResource r : resources) {
            // A bucket's sub-resources name the bucket they configure, not themselves: only BucketV2's "bucket" is its name.
            List<String> own = switch (r.type()) {
                case "aws:s3/bucketV2:BucketV2" -> List.of("bucket");
                case "aws:cognito/userPoolDomain:UserPoolDomain" -> List.of("domain");
                default -> List.of("name", "comment");
            };
            for (String input : own) {
                boolean sent = r.inputs().get(input) instanceof String;
                boolean row = AwsLimits.all().stream().anyMatch(l -> l.appliesTo(r.type()) && l.input().equals(input));
                if (r.type().startsWith("aws:") && sent && !row) {
                    uncovered.add(r.type() + "." + input);
                }
            }
        }
        assertEquals(Set.of(), uncovered, "names with no row in AwsLimits");
    }
}
