package io.meltanodata.billing;

import io.meltanodata.components.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Charges back a month of a CUR 2.0 export (a folder of Parquet files) with DuckDB.
 *
 * <p>Columns read, as the CUR 2.0 table dictionary names them (AWS Data Exports User Guide, "Cost and
 * Usage Report (CUR) 2.0", https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2.html):
 * {@code bill_billing_period_start_date}, {@code line_item_line_item_type}, {@code line_item_resource_id},
 * {@code line_item_operation}, {@code line_item_usage_start_date}, {@code line_item_usage_end_date},
 * {@code line_item_unblended_cost}, {@code split_line_item_parent_resource_id},
 * {@code split_line_item_split_cost}, {@code split_line_item_unused_cost},
 * {@code split_line_item_reserved_usage} and {@code resource_tags}.
 *
 * <p>Split cost allocation data adds, per pod and hour, usage lines whose parent is the EC2 instance the
 * pod ran on ("Understanding split cost allocation data",
 * https://docs.aws.amazon.com/cur/latest/userguide/split-cost-allocation-data.html): the instance's cost
 * for that hour is split between its pods ({@code split_cost}) and the unused capacity, which is shared
 * among the same pods ({@code unused_cost}). The bill therefore gives the pods their split and unused
 * cost, and the instance's own line (tagged with its site) only what the pods were not given; an
 * instance-hour with no pod stays with the site. The sum is unchanged: every line item's unblended cost
 * lands on exactly one line of the bill.
 */
public final class BillReader {
    static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    /** The usage line item types; the others (tax, credits, refunds, fees, discounts) are not charged back. */
    static final List<String> USAGE = List.of("Usage", "DiscountedUsage", "SavingsPlanCoveredUsage");

    /**
     * The instance's own usage line of an hour: EC2 data transfer is billed on the same resource id, hour and
     * {@code RunInstances} operation, so the usage type tells the instance-hour (on-demand, spot, dedicated) apart.
     */
    static final String INSTANCE_HOURS = "m.product = 'AmazonEC2' AND m.op LIKE 'RunInstances%' AND regexp_matches(m.usage_type, '(Box|Spot|Dedicated)Usage')";

    private final Path folder;

    public BillReader(Path folder) {
        this.folder = folder;
    }

    /** The month's bill; {@code month} empty: the latest billing period in the export. */
    public Bill read(String month) {
        if (!month.isEmpty() && !MONTH.matcher(month).matches()) {
            throw new UserInputException("--month has value '" + month + "'; allowed: a month as YYYY-MM");
        }
        if (!Files.isDirectory(folder)) {
            throw new UserInputException("--export has value '" + folder + "'; allowed: a folder of CUR 2.0 Parquet files or s3://bucket/prefix");
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = db.createStatement()) {
                s.execute("SET preserve_insertion_order = false");
                s.execute("CREATE TEMP VIEW cur AS SELECT * FROM read_parquet('"
                        + folder.toAbsolutePath().toString().replace("'", "''") + "/**/*.parquet', union_by_name = true, hive_partitioning = false)");
            } catch (SQLException e) {
                throw new UserInputException("--export has value '" + folder + "'; allowed: a folder of CUR 2.0 Parquet files ("
                        + firstLine(e) + ")");
            }
            String period = month.isEmpty() ? latestMonth(db) : month;
            return bill(db, period);
        } catch (SQLException e) {
            throw new UserInputException("--export has value '" + folder + "'; allowed: CUR 2.0 Parquet files with the columns of the "
                    + "CUR 2.0 table dictionary (" + firstLine(e) + ")");
        }
    }

    private static String latestMonth(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT max(strftime(bill_billing_period_start_date, '%Y-%m')) FROM cur")) {
            r.next();
            String month = r.getString(1);
            if (month == null) {
                throw new UserInputException("--export holds no line items");
            }
            return month;
        }
    }

    private static Bill bill(Connection db, String month) throws SQLException {
        Map<String, String> keys = CurTags.spellings(tagKeys(db, month));
        String m = "SELECT line_item_line_item_type AS type, line_item_resource_id AS rid, line_item_usage_start_date AS hour, "
                + "line_item_operation AS op, line_item_product_code AS product, line_item_usage_type AS usage_type, " + money("line_item_unblended_cost") + " AS cost, "
                + "split_line_item_parent_resource_id AS parent, " + money("split_line_item_split_cost") + " AS split, "
                + money("split_line_item_unused_cost") + " AS unused, coalesce(split_line_item_reserved_usage, 0) AS reserved, "
                + CurTags.sql("site", keys) + " AS site, " + CurTags.sql("project", keys) + " AS project, "
                + CurTags.sql("environment", keys) + " AS environment, " + CurTags.sql("git-ref", keys) + " AS ref, "
                + CurTags.sql("layer", keys) + " AS layer, " + CurTags.sql("fabric", keys) + " AS fabric "
                + "FROM cur WHERE strftime(bill_billing_period_start_date, '%Y-%m') = ?";
        // `allocated` reads the export on its own: a CTE used twice would be materialized, every row of the month held in memory
        String sql = "WITH allocated AS (SELECT split_line_item_parent_resource_id AS rid, line_item_usage_start_date AS hour, "
                + "sum(" + money("split_line_item_split_cost") + " + " + money("split_line_item_unused_cost") + ") AS allocated FROM cur "
                + "WHERE strftime(bill_billing_period_start_date, '%Y-%m') = ? AND split_line_item_parent_resource_id IS NOT NULL GROUP BY ALL), "
                + "m AS (" + m + "), "
                + "lines AS (SELECT m.type, site, project, environment, ref, layer, fabric, "
                + "  CASE WHEN m.parent IS NULL THEN 0 ELSE split END AS pods, CASE WHEN m.parent IS NULL THEN 0 ELSE unused END AS unused, "
                + "  m.cost - coalesce(a.allocated, 0) AS tagged "
                + "  FROM m LEFT JOIN allocated a ON m.parent IS NULL AND " + INSTANCE_HOURS + " AND m.rid = a.rid AND m.hour = a.hour) "
                + "SELECT CASE WHEN type IN (" + String.join(", ", USAGE.stream().map(t -> "'" + t + "'").toList()) + ") THEN '' ELSE type END AS other, "
                + "coalesce(site, ''), coalesce(project, ''), coalesce(environment, ''), coalesce(ref, ''), "
                + "(layer IS NULL AND fabric IS NULL AND site IS NULL) AS untagged, sum(pods), sum(unused), sum(tagged) "
                + "FROM lines GROUP BY ALL ORDER BY ALL";
        Map<List<String>, BillRow> rows = new TreeMap<>(Comparator.comparing((List<String> k) -> String.join("\u0000", k)));
        Map<String, Double> notAttributed = new TreeMap<>();
        double untagged = 0;
        double fabric = 0;
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, month);
            q.setString(2, month);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    String other = r.getString(1);
                    double pods = r.getDouble(7);
                    double unused = r.getDouble(8);
                    double tagged = r.getDouble(9);
                    if (!other.isEmpty()) {
                        notAttributed.merge(other, pods + unused + tagged, Double::sum);
                    } else if (r.getBoolean(6)) {
                        untagged += pods + unused + tagged;
                    } else if (r.getString(2).isEmpty()) {
                        fabric += pods + unused + tagged;
                    } else {
                        String site = r.getString(2);
                        String project = r.getString(3);
                        String environment = project.isEmpty() ? "" : r.getString(4);
                        String ref = environment.isEmpty() ? "" : r.getString(5);
                        BillRow row = new BillRow(site, project, environment, ref, pods, unused, tagged, 0);
                        rows.merge(List.of(site, project, environment, ref), row, BillRow::plus);
                        if (!project.isEmpty()) {
                            rows.putIfAbsent(List.of(site, project, "", ""), new BillRow(site, project, "", "", 0, 0, 0, 0));
                        }
                    }
                }
            }
        }
        List<List<String>> projects = rows.keySet().stream().filter(k -> !k.get(1).isEmpty() && k.get(2).isEmpty()).toList();
        if (projects.isEmpty()) {
            if (fabric != 0) {
                rows.put(List.of("", "", "", ""), new BillRow("", "", "", "", 0, 0, fabric, 0));
            }
        } else {
            double share = fabric / projects.size();
            projects.forEach(k -> rows.computeIfPresent(k, (key, row) -> row.withFabricShare(share)));
        }
        return new Bill(month, dataThrough(db, month), total(db, month), new ArrayList<>(rows.values()), fabric,
                projects.size(), untagged, new LinkedHashMap<>(notAttributed), podHoursWithoutRequests(db, month));
    }

    /**
     * A cost column as a fixed-point decimal. DuckDB sums DOUBLEs in parallel in whatever order its threads finish,
     * so a line that sits on a half cent printed 24.58 in one run and 24.59 in the next; decimal sums are exact,
     * and ten places hold every digit CUR writes.
     */
    private static String money(String column) {
        return "coalesce(" + column + ", 0)::DECIMAL(38, 10)";
    }

    /** The resource_tags keys the month's line items carry. */
    private static List<String> tagKeys(Connection db, String month) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT DISTINCT unnest(map_keys(resource_tags)) FROM cur "
                + "WHERE strftime(bill_billing_period_start_date, '%Y-%m') = ?")) {
            q.setString(1, month);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getString(1));
                }
            }
        }
        return keys;
    }

    private static double total(Connection db, String month) throws SQLException {
        return scalar(db, "SELECT coalesce(sum(" + money("line_item_unblended_cost") + "), 0) FROM cur WHERE strftime(bill_billing_period_start_date, '%Y-%m') = ?", month)
                .getDouble(1);
    }

    private static Instant dataThrough(Connection db, String month) throws SQLException {
        Timestamp end = scalar(db, "SELECT max(line_item_usage_end_date)::TIMESTAMP FROM cur WHERE strftime(bill_billing_period_start_date, '%Y-%m') = ?",
                month).getTimestamp(1);
        if (end == null) {
            throw new UserInputException("--month has value '" + month + "'; allowed: a billing period the export holds");
        }
        return end.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
    }

    private static long podHoursWithoutRequests(Connection db, String month) throws SQLException {
        return scalar(db, "SELECT count(DISTINCT (line_item_resource_id, line_item_usage_start_date)) FROM cur "
                + "WHERE strftime(bill_billing_period_start_date, '%Y-%m') = ? AND split_line_item_parent_resource_id IS NOT NULL "
                + "AND coalesce(split_line_item_reserved_usage, 0) = 0", month).getLong(1);
    }

    private static ResultSet scalar(Connection db, String sql, String month) throws SQLException {
        PreparedStatement q = db.prepareStatement(sql);
        q.closeOnCompletion();
        q.setString(1, month);
        ResultSet r = q.executeQuery();
        r.next();
        return r;
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(message).trim();
    }
}
