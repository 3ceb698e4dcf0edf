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
    /** Sums agree to a millionth of a dollar: rounding both sides to cents would flip on totals that sit on a half cent. */
    static final double EXACT = 1e-6;

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
        assertEquals(fixture.expectedTotal(), bill.total(), EXACT);
        assertEquals(bill.total(), bill.attributed(), EXACT, "every line item lands on exactly one line of the bill");
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
            assertEquals(fixture.expectedEnvironment(env), row.total(), EXACT, row.label());
        }
        assertEquals(fixture.envs().size(), bill.rows().stream().filter(r -> r.level().equals("environment")).count());
    }

    @Test
    void sitesKeepTheirIdleNodesAutoModeFeesAndKeysAndProjectsShareTheFabric() {
        for (CurFixture.Site site : fixture.sites()) {
            BillRow row = bill.rows().stream().filter(r -> r.site().equals(site.site()) && r.level().equals("site")).findFirst().orElseThrow();
            assertEquals(fixture.expectedSite(site), row.total(), EXACT, site.site());
            assertEquals(0, row.pods() + row.unused(), site.site());
        }
        for (CurFixture.Project project : fixture.projects()) {
            BillRow row = bill.rows().stream().filter(r -> r.project().equals(project.project()) && r.level().equals("project")).findFirst().orElseThrow();
            assertEquals(fixture.expectedProject(project), row.total(), EXACT);
            assertEquals(fixture.expectedFabric() / fixture.projects().size(), row.fabricShare(), EXACT);
        }
        assertEquals(fixture.expectedFabric(), bill.fabric(), EXACT);
        assertEquals(1, bill.projects());
        assertTrue(bill.rows().stream().noneMatch(r -> r.level().equals("fabric")), "the fabric is shared, not left on its own line");
    }

    @Test
    void theBillDoesNotDependOnTheOrderOfTheExportsLines(@TempDir Path shuffled) throws Exception {
        // Data Exports promises no order, and DuckDB sums in whatever order its threads finish: one total that sits
        // on a half cent (acme's 24.585) printed 24.58 in one CI run and 24.59 in the next
        fixture.write(shuffled, "hash(line_item_resource_id, line_item_usage_start_date, line_item_line_item_type, line_item_usage_type)");
        Bill again = new BillReader(shuffled).read("");
        assertEquals(bill.rows(), again.rows());
        assertEquals(bill.total(), again.total());
        assertEquals(bill.fabric(), again.fabric());
        assertEquals(bill.untagged(), again.untagged());
    }

    /**
     * No AWS page states how a user-defined tag key is spelled as a key of resource_tags (AWS Data Exports User
     * Guide, "Resource tags columns", https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2-resource-tags.html,
     * says only map&lt;string, string&gt; of the activated cost allocation tags; docs/cost.md). The month written
     * with the keys as legacy CUR names user-defined tags ({@code user:meltanodata.io/site}, "Data dictionary",
     * resourceTags/user:) bills the same as with the inferred {@code user_meltanodata_io_site}.
     */
    @Test
    void anExportSpellingTheTagKeysOtherwiseBillsTheSame(@TempDir Path respelled) throws Exception {
        StringBuilder respell = new StringBuilder("CASE e.key");
        for (String name : java.util.List.of("layer", "fabric", "site", "project", "environment", "git-ref")) {
            respell.append(" WHEN '").append(CurTags.label(name)).append("' THEN 'user:meltanodata.io/").append(name).append("'")
                    .append(" WHEN '").append(CurTags.tag(name)).append("' THEN 'user:meltanodata:").append(name).append("'");
        }
        respell.append(" ELSE e.key END");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = db.createStatement()) {
            st.execute("COPY (SELECT * REPLACE (map_from_entries(list_transform(map_entries(resource_tags), lambda e: {'key': " + respell
                    + ", 'value': e.value})) AS resource_tags) FROM read_parquet('" + dir + "/**/*.parquet', union_by_name = true)) TO '"
                    + respelled.resolve("respelled.parquet") + "' (FORMAT parquet)");
            try (java.sql.ResultSet r = st.executeQuery("SELECT count(*) FROM (SELECT unnest(map_keys(resource_tags)) AS k FROM read_parquet('"
                    + respelled.resolve("respelled.parquet") + "')) WHERE starts_with(k, 'user_meltanodata')")) {
                r.next();
                assertEquals(0, r.getLong(1), "no key keeps the inferred spelling");
            }
        }
        Bill again = new BillReader(respelled).read("");
        assertEquals(bill.rows(), again.rows());
        assertEquals(bill.untagged(), again.untagged());
        assertEquals(bill.fabric(), again.fabric());
    }

    @Test
    void untaggedUsageTaxAndCreditsAreShownNotChargedBack() {
        assertEquals(fixture.expectedUntagged(), bill.untagged(), EXACT);
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
