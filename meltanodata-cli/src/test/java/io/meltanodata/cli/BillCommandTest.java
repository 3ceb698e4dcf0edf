package io.meltanodata.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.billing.CurFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.meltanodata.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code meltanodata bill} and {@code bill alerts} over a month of the example fleet's CUR 2.0 export. */
class BillCommandTest {
    @TempDir
    static Path dir;

    static String export;

    @BeforeAll
    static void writeExport() throws Exception {
        CurFixture.example().write(dir.resolve("export"));
        export = dir.resolve("export").toString();
    }

    @Test
    void printsEachLineWithItsPartsAndTheTotals() {
        InspectCommandTest.Run bill = run("bill", "--export", export);
        assertEquals(0, bill.exit(), bill.err());
        // main in prod: 6 pods with requests x 720 h x $0.0155 split + $0.0035 unused; $0.47 a day of buckets
        assertTrue(bill.out().contains("  acme.analytics.prod (main)                                66.96      15.12      14.10       0.00      96.18\n"), bill.out());
        assertTrue(bill.out().contains("  acme.analytics                                             0.00       0.00       2.20     117.90     120.10\n"), bill.out());
        assertTrue(bill.out().contains("  fabric: $117.90 shared by 1 projects, $117.90 each (in the projects' lines)\n"), bill.out());
        assertTrue(bill.out().contains("  not charged back (Credit): $-5.00\n  not charged back (Tax): $11.57\n"), bill.out());
        assertTrue(bill.out().contains("  2160 pod-hours had no CPU or memory requests"), bill.out());
        assertTrue(bill.out().startsWith("Bill for 2026-11 from " + export + " (data through 2026-12-01T00:00:00Z): $"), bill.out());
    }

    @Test
    void csvAndJsonCarryTheSameLines() throws Exception {
        InspectCommandTest.Run csv = run("bill", "--export", export, "--format", "csv");
        assertEquals(0, csv.exit(), csv.err());
        List<String> lines = csv.out().lines().toList();
        assertEquals("month,level,site,project,environment,ref,pods_usd,unused_usd,tagged_usd,fabric_share_usd,total_usd", lines.get(0));
        assertTrue(lines.contains("2026-11,environment,acme,analytics,prod,main,66.96,15.12,14.10,0.00,96.18"), csv.out());
        InspectCommandTest.Run json = run("bill", "--export", export, "--format", "json");
        assertEquals(0, json.exit(), json.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = new ObjectMapper().readValue(json.out(), Map.class);
        assertEquals(Math.round(CurFixture.example().expectedTotal() * 100) / 100.0, doc.get("totalUsd"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) doc.get("lines");
        assertEquals(96.18, rows.stream().filter(r -> "main".equals(r.get("ref"))).findFirst().orElseThrow().get("totalUsd"));
    }

    @Test
    void setsCostsEstimateBesideTheActualAndPlotsIt() throws Exception {
        Path svg = dir.resolve("bill.svg");
        InspectCommandTest.Run bill = run("bill", "--export", export, "--estimate", "--root", "..", "--plot", svg.toString());
        assertEquals(0, bill.exit(), bill.err());
        // `meltanodata cost` estimates main in prod at $60.30 a month (docs/cost.md)
        assertTrue(bill.out().contains("  acme.analytics.prod (main)                                66.96      15.12      14.10       0.00      96.18      60.30\n"), bill.out());
        String plot = Files.readString(svg);
        assertTrue(plot.contains("<title>estimate $60.30</title>"), plot);
        assertTrue(plot.contains(">acme.analytics.prod (main)</text>"), plot);
    }

    @Test
    void alertsTheEnvironmentPastEightyPercentOfItsBudget() {
        InspectCommandTest.Run alerts = run("bill", "alerts", "--export", export, "--root", "..");
        assertEquals(0, alerts.exit(), alerts.err());
        // feature/login in dev: 3 pods x 720 h x $0.0219 + $0.05 a day = $48.80 of its $50 budget
        assertEquals("2 environments checked against the export for 2026-11 (data through 2026-12-01T00:00:00Z): 1 alerts\n"
                + "ACTUAL acme.analytics.dev.feature-login-78f299f7 (acme.analytics.dev, ref feature-login-78f299f7): actual cost $48.80 in 2026-11 "
                + "is 98% of its monthly budget of $50 (alert above 80%); month to date $48.80, forecast $48.80.\n", alerts.out());
    }

    /**
     * The bill-alerts workflow's fresh checkout has no Layer 4 stack file: CI created the stacks in other
     * checkouts. With --backend, each budget is the config the stack's last update recorded; the fake
     * pulumi (src/test/fake-pulumi) keeps the backend in the work directory's .fake-pulumi, here a link to
     * the backend the deploying checkout wrote.
     */
    @Test
    void withBackendTheBudgetsAreTheBackendsNotTheWorkingTrees(@TempDir Path scratch) throws Exception {
        Path deploying = Files.createDirectories(scratch.resolve("deploying"));
        Files.copy(Path.of("../deployments/04_environments/Pulumi.yaml"), deploying.resolve("Pulumi.yaml"));
        var lifecycle = new io.meltanodata.lifecycle.EnvironmentLifecycle(deploying, "organization", Map.of(), line -> { });
        lifecycle.up(io.meltanodata.billing.EnvironmentBudgetTest.upConfig("feature/login", Map.of("meltanodata:monthlyBudgetUsd", "50")));
        lifecycle.up(io.meltanodata.billing.EnvironmentBudgetTest.upConfig("main", Map.of()));
        Path fresh = Files.createDirectories(scratch.resolve("fresh"));
        Files.copy(Path.of("../deployments/04_environments/Pulumi.yaml"), fresh.resolve("Pulumi.yaml"));
        Files.createSymbolicLink(fresh.resolve(".fake-pulumi"), deploying.resolve(".fake-pulumi"));

        InspectCommandTest.Run alerts = run("bill", "alerts", "--export", export, "--backend", "--work-dir", fresh.toString());

        assertEquals(0, alerts.exit(), alerts.err());
        // main sets no monthlyBudgetUsd in the backend: Layer 4's default $100, not the $400 of the working tree's example file
        assertEquals("2 environments checked against the export for 2026-11 (data through 2026-12-01T00:00:00Z): 2 alerts\n"
                + "ACTUAL acme.analytics.dev.feature-login-78f299f7 (acme.analytics.dev, ref feature-login-78f299f7): actual cost $48.80 in 2026-11 "
                + "is 98% of its monthly budget of $50 (alert above 80%); month to date $48.80, forecast $48.80.\n"
                + "ACTUAL acme.analytics.prod.main (acme.analytics.prod, ref main): actual cost $96.18 in 2026-11 "
                + "is 96% of its monthly budget of $100 (alert above 80%); month to date $96.18, forecast $96.18.\n", alerts.out());
    }

    @Test
    void badInputIsOneLine() {
        InspectCommandTest.Run bill = run("bill", "--export", export, "--format", "xml");
        assertEquals(ExitCodes.INVALID_INPUT, bill.exit());
        assertEquals("error: --format has value 'xml'; allowed: text, csv, json\n", bill.err());
        bill = run("bill", "--export", export, "--month", "2026-10");
        assertEquals(ExitCodes.INVALID_INPUT, bill.exit());
        assertEquals("error: --month has value '2026-10'; allowed: a billing period the export holds\n", bill.err());
        bill = run("bill");
        assertEquals(ExitCodes.INVALID_INPUT, bill.exit());
        assertEquals("error: --export is missing; allowed: a folder of CUR 2.0 Parquet files or s3://bucket/prefix\n", bill.err());
        InspectCommandTest.Run alerts = run("bill", "alerts", "--export", export, "--topic-arn", "not-an-arn", "--root", "..");
        assertEquals(ExitCodes.INVALID_INPUT, alerts.exit());
        assertEquals("error: --topic-arn has value 'not-an-arn'; allowed: an SNS topic ARN, arn:aws:sns:<region>:<account>:<name>\n", alerts.err());
        alerts = run("bill", "alerts", "--export", export, "--org", "acme-org", "--root", "..");
        assertEquals(ExitCodes.INVALID_INPUT, alerts.exit());
        assertEquals("error: --org and --work-dir are read only with --backend\n", alerts.err());
    }
}
