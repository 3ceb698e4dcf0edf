package io.meltanodata.billing;

import io.meltanodata.components.UserInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bill of a month of the example fleet, written in the CUR 2.0 column dictionary (AWS Data Exports User
 * Guide, "Cost and Usage Report (CUR) 2.0", https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2.html;
 * split lines as in "Understanding split cost allocation data",
 * https://docs.aws.amazon.com/cur/latest/userguide/split-cost-allocation-data.html): every cent of the
 * export lands on one line, and each line holds what the fixture put there.
 */
class BillReaderTest {
    static final double CENT = 0.005;

    @TempDir
    static Path dir;

    static CurFixture fixture = CurFixture.example();
    static Bill bill;

    @BeforeAll
    static void writeAndBill() throws Exception {
        fixture.write(dir);
        bill = new BillReader(dir).read("");
    }

    @Test
    void reconcilesWithTheExportToTheCent() {
        assertEquals("2026-11", bill.month());
        assertEquals(cents(fixture.expectedTotal()), cents(bill.total()));
        assertEquals(cents(bill.total()), cents(bill.attributed()), "every line item lands on exactly one line of the bill");
    }

    @Test
    void eachEnvironmentHoldsItsPodsUnusedCapacityAndTaggedResources() {
        for (CurFixture.Env env : fixture.envs()) {
            BillRow row = bill.environment(env.site(), env.project(), env.environment(), env.ref()).orElseThrow();
            double podHours = fixture.hours() * env.podsWithRequests();
            assertEquals(podHours * (env.cpuSplit() + env.memorySplit()), row.pods(), CENT, row.label());
            assertEquals(podHours * (env.cpuUnused() + env.memoryUnused()), row.unused(), CENT, row.label());
            assertEquals(fixture.days() * env.taggedPerDay(), row.tagged(), CENT, row.label());
            assertEquals(0, row.fabricShare(), row.label());
            assertEquals(cents(fixture.expectedEnvironment(env)), cents(row.total()), row.label());
        }
        assertEquals(fixture.envs().size(), bill.rows().stream().filter(r -> r.level().equals("environment")).count());
    }

    @Test
    void sitesKeepTheirIdleNodesAutoModeFeesAndKeysAndProjectsShareTheFabric() {
        for (CurFixture.Site site : fixture.sites()) {
            BillRow row = bill.rows().stream().filter(r -> r.site().equals(site.site()) && r.level().equals("site")).findFirst().orElseThrow();
            assertEquals(cents(fixture.expectedSite(site)), cents(row.total()), site.site());
            assertEquals(0, row.pods() + row.unused(), site.site());
        }
        for (CurFixture.Project project : fixture.projects()) {
            BillRow row = bill.rows().stream().filter(r -> r.project().equals(project.project()) && r.level().equals("project")).findFirst().orElseThrow();
            assertEquals(cents(fixture.expectedProject(project)), cents(row.total()));
            assertEquals(cents(fixture.expectedFabric() / fixture.projects().size()), cents(row.fabricShare()));
        }
        assertEquals(cents(fixture.expectedFabric()), cents(bill.fabric()));
        assertEquals(1, bill.projects());
        assertTrue(bill.rows().stream().noneMatch(r -> r.level().equals("fabric")), "the fabric is shared, not left on its own line");
    }

    @Test
    void untaggedUsageTaxAndCreditsAreShownNotChargedBack() {
        assertEquals(cents(fixture.expectedUntagged()), cents(bill.untagged()));
        assertEquals(Map.of("Credit", cents(fixture.credit()), "Tax", cents(fixture.tax())),
                Map.of("Credit", cents(bill.notAttributed().get("Credit")), "Tax", cents(bill.notAttributed().get("Tax"))));
    }

    @Test
    void podsWithoutRequestsAreCountedAndGetNoSplitCost() {
        assertEquals(fixture.expectedPodHoursWithoutRequests(), bill.podHoursWithoutRequests());
    }

    @Test
    void aMonthTheExportDoesNotHoldIsOneLine() {
        UserInputException e = assertThrows(UserInputException.class, () -> new BillReader(dir).read("2026-10"));
        assertEquals("--month has value '2026-10'; allowed: a billing period the export holds", e.getMessage());
        e = assertThrows(UserInputException.class, () -> new BillReader(dir).read("2026-13"));
        assertEquals("--month has value '2026-13'; allowed: a month as YYYY-MM", e.getMessage());
        e = assertThrows(UserInputException.class, () -> new BillReader(dir.resolve("missing")).read(""));
        assertTrue(e.getMessage().startsWith("--export has value '" + dir.resolve("missing") + "'; allowed: a folder"), e.getMessage());
    }

    static double cents(double usd) {
        return Math.round(usd * 100) / 100.0;
    }
}
