package io.meltanodata.billing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a month of a fleet's CUR 2.0 export as Parquet, with DuckDB's {@code COPY ... TO ... (FORMAT parquet)},
 * in the columns of the CUR 2.0 table dictionary (AWS Data Exports User Guide, "Cost and Usage Report (CUR) 2.0",
 * https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2.html) and the layout Data Exports
 * delivers ({@code <export>/data/BILLING_PERIOD=YYYY-MM/}):
 * <ul>
 *   <li>each environment's pods, two split cost allocation lines per pod and hour (vCPU and memory,
 *       "Understanding split cost allocation data"), {@code line_item_unblended_cost} 0, their
 *       {@code split_line_item_split_cost} and {@code split_line_item_unused_cost} adding up to the
 *       node's hour, and the pods' charge-back labels as imported tags in {@code resource_tags};
 *       pods without requests get no split cost (the "resource requests" basis);</li>
 *   <li>each environment's node (an Auto Mode EC2 instance, {@code RunInstances}, tagged with its site), its
 *       data transfer (billed on the instance, same hour and operation) and its EKS Auto Mode fee per hour;
 *       each site's idle node-hours (no pod, so no split lines);</li>
 *   <li>tagged resources per day: the environment's buckets, the project's registry, the site's key;</li>
 *   <li>the fabric: EKS cluster hours, NAT gateway hours and bytes; untagged data transfer; one tax and one
 *       credit line.</li>
 * </ul>
 * What each line of the bill must hold is computed here by plain arithmetic from the same figures.
 */
public record CurFixture(YearMonth month, String fabric, List<Env> envs, List<Site> sites, List<Project> projects,
                         double fabricPerHour, double natBytesPerDay, double untaggedPerDay, double tax, double credit) {

    /** An activated environment: its pods (with and without requests) and what a pod-hour and its tagged resources cost. */
    public record Env(String site, String project, String environment, String ref, int podsWithRequests, int podsWithoutRequests,
                      double cpuSplit, double memorySplit, double cpuUnused, double memoryUnused, double taggedPerDay) {
        double perPodHour() {
            return cpuSplit + memorySplit + cpuUnused + memoryUnused;
        }

        String namespace() {
            return site + "-" + project + "-" + environment + "-" + ref;
        }
    }

    /** A site: its nodes' Auto Mode fee per node-hour, its idle node-hours each day and their price, its key. */
    public record Site(String site, double autoModeFeePerNodeHour, int idleHoursPerDay, double idleNodeHour, double taggedPerDay,
                       double dataTransferPerNodeHour) {
    }

    public record Project(String site, String project, double taggedPerDay) {
    }

    /** The bundled example's fleet: fabric dev, sites acme and globex, acme.analytics with main in prod and feature/login in dev. */
    public static CurFixture example() {
        return new CurFixture(YearMonth.of(2026, 11), "dev",
                List.of(new Env("acme", "analytics", "prod", "main", 6, 2, 0.0124, 0.0031, 0.0026, 0.0009, 0.47),
                        new Env("acme", "analytics", "dev", "feature-login-78f299f7", 3, 1, 0.0124, 0.0031, 0.0051, 0.0013, 0.05)),
                List.of(new Site("acme", 0.0115, 2, 0.096, 0.0333, 0.0004), new Site("globex", 0.0115, 1, 0.096, 0.0333, 0.0004)),
                List.of(new Project("acme", "analytics", 0.0733)),
                0.145, 0.45, 0.09, 11.57, -5.00);
    }

    /** A synthetic fleet for the benchmark: sites x projects x environments, each environment with {@code pods} pods. */
    public static CurFixture fleet(int sites, int projectsPerSite, int envsPerProject, int pods) {
        List<Env> envs = new ArrayList<>();
        List<Site> siteList = new ArrayList<>();
        List<Project> projects = new ArrayList<>();
        for (int s = 1; s <= sites; s++) {
            String site = "site" + s;
            siteList.add(new Site(site, 0.0115, 2, 0.096, 0.0333, 0.0004));
            for (int p = 1; p <= projectsPerSite; p++) {
                projects.add(new Project(site, "project" + p, 0.0733));
                for (int e = 1; e <= envsPerProject; e++) {
                    envs.add(new Env(site, "project" + p, "env" + e, "main", pods - pods / 10, pods / 10, 0.0124, 0.0031, 0.0026, 0.0009, 0.47));
                }
            }
        }
        return new CurFixture(YearMonth.of(2026, 11), "prod", envs, siteList, projects, 0.145, 0.45, 0.09, 11.57, -5.00);
    }

    public int days() {
        return month.lengthOfMonth();
    }

    public int hours() {
        return days() * 24;
    }

    public double expectedEnvironment(Env env) {
        return hours() * env.podsWithRequests() * env.perPodHour() + days() * env.taggedPerDay();
    }

    public double expectedSite(Site site) {
        long nodes = envs.stream().filter(e -> e.site().equals(site.site())).count();
        return hours() * nodes * (site.autoModeFeePerNodeHour() + site.dataTransferPerNodeHour())
                + (double) days() * site.idleHoursPerDay() * (site.idleNodeHour() + site.autoModeFeePerNodeHour())
                + days() * site.taggedPerDay();
    }

    public double expectedFabric() {
        return hours() * fabricPerHour + days() * natBytesPerDay;
    }

    public double expectedProject(Project project) {
        return days() * project.taggedPerDay() + expectedFabric() / projects.size();
    }

    public double expectedUntagged() {
        return days() * untaggedPerDay;
    }

    public double expectedTotal() {
        return envs.stream().mapToDouble(this::expectedEnvironment).sum() + sites.stream().mapToDouble(this::expectedSite).sum()
                + projects.stream().mapToDouble(p -> days() * p.taggedPerDay()).sum() + expectedFabric() + expectedUntagged() + tax + credit;
    }

    public long expectedPodHoursWithoutRequests() {
        return (long) hours() * envs.stream().mapToInt(Env::podsWithoutRequests).sum();
    }

    /** Writes the export under {@code root}; returns the Parquet file. */
    public Path write(Path root) throws SQLException, java.io.IOException {
        return write(root, "");
    }

    /** Writes the export with its lines in the order of {@code orderBy} (SQL over the CUR columns; empty: as generated). */
    public Path write(Path root, String orderBy) throws SQLException, java.io.IOException {
        Path file = root.resolve("meltanodata-cur/data/BILLING_PERIOD=" + month + "/meltanodata-cur-00001.snappy.parquet");
        Files.createDirectories(file.getParent());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("SET preserve_insertion_order = false");
            s.execute("CREATE TABLE envs (i INTEGER, site VARCHAR, project VARCHAR, environment VARCHAR, ref VARCHAR, ns VARCHAR, "
                    + "req INTEGER, noreq INTEGER, cpu DOUBLE, mem DOUBLE, cpu_unused DOUBLE, mem_unused DOUBLE, tagged DOUBLE, fee DOUBLE, transfer DOUBLE)");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO envs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < envs.size(); i++) {
                    Env e = envs.get(i);
                    Site site = sites.stream().filter(x -> x.site().equals(e.site())).findFirst().orElseThrow();
                    Object[] values = {i, e.site(), e.project(), e.environment(), e.ref(), e.namespace(), e.podsWithRequests(),
                            e.podsWithoutRequests(), e.cpuSplit(), e.memorySplit(), e.cpuUnused(), e.memoryUnused(), e.taggedPerDay(),
                            site.autoModeFeePerNodeHour(), site.dataTransferPerNodeHour()};
                    for (int v = 0; v < values.length; v++) {
                        insert.setObject(v + 1, values[v]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            s.execute("CREATE TABLE sites (i INTEGER, site VARCHAR, fee DOUBLE, idle INTEGER, idle_cost DOUBLE, tagged DOUBLE)");
            s.execute("CREATE TABLE projects (site VARCHAR, project VARCHAR, tagged DOUBLE)");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO sites VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < sites.size(); i++) {
                    Site x = sites.get(i);
                    insert.setInt(1, i);
                    insert.setString(2, x.site());
                    insert.setDouble(3, x.autoModeFeePerNodeHour());
                    insert.setInt(4, x.idleHoursPerDay());
                    insert.setDouble(5, x.idleNodeHour());
                    insert.setDouble(6, x.taggedPerDay());
                    insert.execute();
                }
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO projects VALUES (?, ?, ?)")) {
                for (Project p : projects) {
                    insert.setString(1, p.site());
                    insert.setString(2, p.project());
                    insert.setDouble(3, p.taggedPerDay());
                    insert.execute();
                }
            }
            s.execute("CREATE TABLE pods AS SELECT e.*, unnest(range(e.req + e.noreq)) AS k FROM envs e");
            s.execute("CREATE TABLE hours AS SELECT i, TIMESTAMP '" + month.atDay(1) + " 00:00:00' + to_hours(i) AS t FROM range(" + hours() + ") h(i)");
            s.execute("CREATE TABLE days AS SELECT i, TIMESTAMP '" + month.atDay(1) + " 00:00:00' + to_days(i) AS t FROM range(" + days() + ") d(i)");
            String union = String.join("\nUNION ALL\n", parts());
            s.execute("COPY (SELECT * FROM (" + union + ")" + (orderBy.isEmpty() ? "" : " ORDER BY " + orderBy) + ") TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet, COMPRESSION snappy)");
        }
        return file;
    }

    static final Map<String, String> COLUMNS = columns();

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("bill_billing_period_start_date", "TIMESTAMP");
        c.put("bill_billing_period_end_date", "TIMESTAMP");
        c.put("bill_payer_account_id", "VARCHAR");
        c.put("line_item_usage_account_id", "VARCHAR");
        c.put("line_item_line_item_type", "VARCHAR");
        c.put("line_item_usage_start_date", "TIMESTAMP");
        c.put("line_item_usage_end_date", "TIMESTAMP");
        c.put("line_item_product_code", "VARCHAR");
        c.put("line_item_usage_type", "VARCHAR");
        c.put("line_item_operation", "VARCHAR");
        c.put("line_item_resource_id", "VARCHAR");
        c.put("line_item_usage_amount", "DOUBLE");
        c.put("line_item_unblended_cost", "DOUBLE");
        c.put("split_line_item_parent_resource_id", "VARCHAR");
        c.put("split_line_item_split_usage", "DOUBLE");
        c.put("split_line_item_reserved_usage", "DOUBLE");
        c.put("split_line_item_split_cost", "DOUBLE");
        c.put("split_line_item_unused_cost", "DOUBLE");
        c.put("resource_tags", "MAP(VARCHAR, VARCHAR)");
        return c;
    }

    private String select(String from, Map<String, String> values) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("bill_billing_period_start_date", "TIMESTAMP '" + month.atDay(1) + " 00:00:00'");
        row.put("bill_billing_period_end_date", "TIMESTAMP '" + month.plusMonths(1).atDay(1) + " 00:00:00'");
        row.put("bill_payer_account_id", "'111122223333'");
        row.put("line_item_usage_account_id", "'111122223333'");
        row.put("line_item_line_item_type", "'Usage'");
        row.putAll(values);
        String columns = COLUMNS.entrySet().stream()
                .map(c -> "CAST(" + row.getOrDefault(c.getKey(), "NULL") + " AS " + c.getValue() + ") AS " + c.getKey())
                .collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + from;
    }

    private static String tags(String... keyValues) {
        StringBuilder map = new StringBuilder("MAP {");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.append(i == 0 ? "" : ", ").append("'").append(keyValues[i]).append("': ").append(keyValues[i + 1]);
        }
        return map.append("}").toString();
    }

    private static String hourly(String t) {
        return t + " + INTERVAL 1 HOUR";
    }

    private List<String> parts() {
        String region = "'eu-west-1'";
        String node = "'i-0' || lpad(printf('%x', e.i), 16, '0')";
        String siteTags = tags(CurTags.tag("layer"), "'site-instance'", CurTags.tag("fabric"), "'" + fabric + "'", CurTags.tag("site"), "e.site");
        List<String> parts = new ArrayList<>();
        // each pod's vCPU and memory lines, per hour
        parts.add(select("pods e, hours h, (VALUES ('vCPU', 0.25), ('GB', 0.5)) r(kind, amount)", Map.ofEntries(
                Map.entry("line_item_usage_start_date", "h.t"), Map.entry("line_item_usage_end_date", hourly("h.t")),
                Map.entry("line_item_product_code", "'AmazonEKS'"),
                Map.entry("line_item_usage_type", "'EUW1-EKS-EC2-' || r.kind || '-Hours'"),
                Map.entry("line_item_operation", "'EKSPod-EC2'"),
                Map.entry("line_item_resource_id", "'arn:aws:eks:eu-west-1:111122223333:pod/meltanodata-" + fabric + "/' || e.ns || '/run-' || e.k || '/' || md5(e.ns || e.k)"),
                Map.entry("line_item_usage_amount", "r.amount"), Map.entry("line_item_unblended_cost", "0"),
                Map.entry("split_line_item_parent_resource_id", node),
                Map.entry("split_line_item_split_usage", "CASE WHEN e.k < e.req THEN r.amount ELSE 0 END"),
                Map.entry("split_line_item_reserved_usage", "CASE WHEN e.k < e.req THEN r.amount ELSE 0 END"),
                Map.entry("split_line_item_split_cost", "CASE WHEN e.k >= e.req THEN 0 WHEN r.kind = 'vCPU' THEN e.cpu ELSE e.mem END"),
                Map.entry("split_line_item_unused_cost", "CASE WHEN e.k >= e.req THEN 0 WHEN r.kind = 'vCPU' THEN e.cpu_unused ELSE e.mem_unused END"),
                Map.entry("resource_tags", tags("aws_eks_cluster_name", "'meltanodata-" + fabric + "'", "aws_eks_namespace", "e.ns",
                        CurTags.label("layer"), "'activated-environment'", CurTags.label("fabric"), "'" + fabric + "'",
                        CurTags.label("site"), "e.site", CurTags.label("project"), "e.project",
                        CurTags.label("environment"), "e.environment", CurTags.label("git-ref"), "e.ref")))));
        // each environment's node and its Auto Mode fee, per hour
        parts.add(select("envs e, hours h", Map.of("line_item_usage_start_date", "h.t", "line_item_usage_end_date", hourly("h.t"),
                "line_item_product_code", "'AmazonEC2'", "line_item_usage_type", "'EU-BoxUsage:m6i.large'", "line_item_operation", "'RunInstances'",
                "line_item_resource_id", node, "line_item_usage_amount", "1",
                "line_item_unblended_cost", "e.req * (e.cpu + e.mem + e.cpu_unused + e.mem_unused)", "resource_tags", siteTags)));
        parts.add(select("envs e, hours h", Map.of("line_item_usage_start_date", "h.t", "line_item_usage_end_date", hourly("h.t"),
                "line_item_product_code", "'AmazonEKS'", "line_item_usage_type", "'EU-AutoMode-Hours:m6i.large'", "line_item_operation", "'EKSAutoMode'",
                "line_item_resource_id", node, "line_item_usage_amount", "1", "line_item_unblended_cost", "e.fee", "resource_tags", siteTags)));
        // the data transfer of each environment's node: same resource id, hour and RunInstances operation as its usage
        parts.add(select("envs e, hours h", Map.of("line_item_usage_start_date", "h.t", "line_item_usage_end_date", hourly("h.t"),
                "line_item_product_code", "'AmazonEC2'", "line_item_usage_type", "'EU-DataTransfer-Regional-Bytes'", "line_item_operation", "'RunInstances'",
                "line_item_resource_id", node, "line_item_usage_amount", "0.04", "line_item_unblended_cost", "e.transfer", "resource_tags", siteTags)));
        // each site's idle node-hours (no pods: no split lines) and their Auto Mode fee
        String idle = "sites e, hours h WHERE h.i % 24 < e.idle";
        String idleNode = "'i-1' || lpad(printf('%x', e.i), 16, '0')";
        parts.add(select(idle, Map.of("line_item_usage_start_date", "h.t", "line_item_usage_end_date", hourly("h.t"),
                "line_item_product_code", "'AmazonEC2'", "line_item_usage_type", "'EU-BoxUsage:m6i.large'", "line_item_operation", "'RunInstances'",
                "line_item_resource_id", idleNode, "line_item_usage_amount", "1", "line_item_unblended_cost", "e.idle_cost", "resource_tags", siteTags)));
        parts.add(select(idle, Map.of("line_item_usage_start_date", "h.t", "line_item_usage_end_date", hourly("h.t"),
                "line_item_product_code", "'AmazonEKS'", "line_item_usage_type", "'EU-AutoMode-Hours:m6i.large'", "line_item_operation", "'EKSAutoMode'",
                "line_item_resource_id", idleNode, "line_item_usage_amount", "1", "line_item_unblended_cost", "e.fee", "resource_tags", siteTags)));
        // tagged resources, per day
        parts.add(select("envs e, days d", Map.of("line_item_usage_start_date", "d.t", "line_item_usage_end_date", "d.t + INTERVAL 1 DAY",
                "line_item_product_code", "'AmazonS3'", "line_item_usage_type", "'EU-TimedStorage-ByteHrs'", "line_item_operation", "'StandardStorage'",
                "line_item_resource_id", "'meltanodata-" + fabric + "-' || e.ns || '-artifacts'", "line_item_unblended_cost", "e.tagged",
                "resource_tags", tags(CurTags.tag("layer"), "'activated-environment'", CurTags.tag("fabric"), "'" + fabric + "'",
                        CurTags.tag("site"), "e.site", CurTags.tag("project"), "e.project", CurTags.tag("environment"), "e.environment",
                        CurTags.tag("git-ref"), "e.ref"))));
        parts.add(select("projects e, days d", Map.of("line_item_usage_start_date", "d.t", "line_item_usage_end_date", "d.t + INTERVAL 1 DAY",
                "line_item_product_code", "'AmazonECR'", "line_item_usage_type", "'EU-TimedStorage-ByteHrs'", "line_item_operation", "'PutImage'",
                "line_item_resource_id", "'arn:aws:ecr:eu-west-1:111122223333:repository/' || e.site || '/' || e.project",
                "line_item_unblended_cost", "e.tagged", "resource_tags", tags(CurTags.tag("layer"), "'hosted-project'",
                        CurTags.tag("fabric"), "'" + fabric + "'", CurTags.tag("site"), "e.site", CurTags.tag("project"), "e.project"))));
        parts.add(select("sites e, days d", Map.of("line_item_usage_start_date", "d.t", "line_item_usage_end_date", "d.t + INTERVAL 1 DAY",
                "line_item_product_code", "'awskms'", "line_item_usage_type", "'eu-west-1-KMS-Keys'", "line_item_operation", "'Unknown'",
                "line_item_resource_id", "'arn:aws:kms:eu-west-1:111122223333:key/' || md5(e.site)", "line_item_unblended_cost", "e.tagged",
                "resource_tags", siteTags)));
        // the fabric: cluster and NAT gateway hours, NAT bytes per day; untagged data transfer per day
        String fabricTags = tags(CurTags.tag("layer"), "'service-fabric'", CurTags.tag("fabric"), "'" + fabric + "'");
        parts.add(select("hours h", Map.of("line_item_usage_start_date", "h.t", "line_item_usage_end_date", hourly("h.t"),
                "line_item_product_code", "'AmazonEC2'", "line_item_usage_type", "'EU-NatGateway-Hours'", "line_item_operation", "'NatGateway'",
                "line_item_resource_id", "'arn:aws:ec2:eu-west-1:111122223333:natgateway/nat-0a1b2c3d4e5f60718'", "line_item_usage_amount", "1",
                "line_item_unblended_cost", String.valueOf(fabricPerHour - 0.10), "resource_tags", fabricTags)));
        parts.add(select("hours h", Map.of("line_item_usage_start_date", "h.t", "line_item_usage_end_date", hourly("h.t"),
                "line_item_product_code", "'AmazonEKS'", "line_item_usage_type", "'EU-AmazonEKS-Hours:perCluster'", "line_item_operation", "'CreateOperation'",
                "line_item_resource_id", "'arn:aws:eks:eu-west-1:111122223333:cluster/meltanodata-" + fabric + "'", "line_item_usage_amount", "1",
                "line_item_unblended_cost", "0.10", "resource_tags", fabricTags)));
        parts.add(select("days d", Map.of("line_item_usage_start_date", "d.t", "line_item_usage_end_date", "d.t + INTERVAL 1 DAY",
                "line_item_product_code", "'AmazonEC2'", "line_item_usage_type", "'EU-NatGateway-Bytes'", "line_item_operation", "'NatGateway'",
                "line_item_resource_id", "'arn:aws:ec2:eu-west-1:111122223333:natgateway/nat-0a1b2c3d4e5f60718'",
                "line_item_unblended_cost", String.valueOf(natBytesPerDay), "resource_tags", fabricTags)));
        parts.add(select("days d", Map.of("line_item_usage_start_date", "d.t", "line_item_usage_end_date", "d.t + INTERVAL 1 DAY",
                "line_item_product_code", "'AWSDataTransfer'", "line_item_usage_type", "'EU-DataTransfer-Out-Bytes'", "line_item_operation", "'RunInstances'",
                "line_item_unblended_cost", String.valueOf(untaggedPerDay), "resource_tags", "MAP {}")));
        parts.add(select("range(1)", Map.of("line_item_line_item_type", "'Tax'", "line_item_usage_start_date", "TIMESTAMP '" + month.atDay(1) + " 00:00:00'",
                "line_item_usage_end_date", "TIMESTAMP '" + month.plusMonths(1).atDay(1) + " 00:00:00'", "line_item_product_code", "'AmazonEC2'",
                "line_item_unblended_cost", String.valueOf(tax), "resource_tags", "MAP {}")));
        parts.add(select("range(1)", Map.of("line_item_line_item_type", "'Credit'", "line_item_usage_start_date", "TIMESTAMP '" + month.atDay(1) + " 00:00:00'",
                "line_item_usage_end_date", "TIMESTAMP '" + month.plusMonths(1).atDay(1) + " 00:00:00'", "line_item_product_code", "'AmazonEC2'",
                "line_item_unblended_cost", String.valueOf(credit), "resource_tags", "MAP {}")));
        return parts;
    }

    /** Writes the benchmark's fleet: {@code CurFixture FOLDER [PODS_PER_ENV]} (20 sites x 3 projects x 4 environments). */
    public static void main(String[] args) throws Exception {
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long start = System.nanoTime();
        CurFixture fleet = fleet(20, 3, 4, pods);
        Path file = fleet.write(Path.of(args[0]));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement();
             var r = s.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
            r.next();
            System.out.printf("wrote %,d line items (%,d bytes) to %s in %.1f s; expected total $%.2f%n", r.getLong(1), Files.size(file), file,
                    (System.nanoTime() - start) / 1e9, fleet.expectedTotal());
        }
    }
}
