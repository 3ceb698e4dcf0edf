package io.meltanodata.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bill as text, CSV and JSON. */
public final class BillFormats {

    private BillFormats() {
    }

    public static String text(Bill bill, String source, Estimates estimates) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Bill for %s from %s (data through %s): $%.2f%n", bill.month(), source,
                bill.dataThrough(), bill.total()));
        boolean withEstimate = !estimates.isEmpty();
        out.append(String.format(Locale.ROOT, "  %-52s %10s %10s %10s %10s %10s%s%n", "site.project.environment (ref)", "pods", "unused",
                "tagged", "fabric", "total", withEstimate ? String.format(Locale.ROOT, " %10s", "estimate") : ""));
        for (BillRow row : bill.rows()) {
            out.append(String.format(Locale.ROOT, "  %-52s %10.2f %10.2f %10.2f %10.2f %10.2f%s%n", abbreviate(row.label()), row.pods(),
                    row.unused(), row.tagged(), row.fabricShare(), row.total(),
                    withEstimate ? estimates.of(row).map(e -> String.format(Locale.ROOT, " %10.2f", e)).orElse(String.format(" %10s", "-")) : ""));
        }
        if (bill.projects() > 0) {
            out.append(String.format(Locale.ROOT, "  fabric: $%.2f shared by %d projects, $%.2f each (in the projects' lines)%n",
                    bill.fabric(), bill.projects(), bill.fabric() / bill.projects()));
        }
        out.append(String.format(Locale.ROOT, "  untagged usage: $%.2f%n", bill.untagged()));
        bill.notAttributed().forEach((type, usd) -> out.append(String.format(Locale.ROOT, "  not charged back (%s): $%.2f%n", type, usd)));
        out.append(String.format(Locale.ROOT, "  environments: $%.2f, %.1f%% of the bill%n", bill.environments(),
                bill.total() == 0 ? 0 : 100 * bill.environments() / bill.total()));
        if (bill.podHoursWithoutRequests() > 0) {
            out.append(String.format(Locale.ROOT, "  %d pod-hours had no CPU or memory requests: they were given no split cost, "
                    + "and their use is in the unused capacity the other pods pay%n", bill.podHoursWithoutRequests()));
        }
        return out.toString();
    }

    public static String csv(Bill bill, Estimates estimates) {
        StringBuilder out = new StringBuilder("month,level,site,project,environment,ref,pods_usd,unused_usd,tagged_usd,fabric_share_usd,total_usd");
        out.append(estimates.isEmpty() ? "\n" : ",estimate_usd\n");
        for (BillRow row : bill.rows()) {
            out.append(String.join(",", bill.month(), row.level(), csv(row.site()), csv(row.project()), csv(row.environment()), csv(row.ref()),
                    usd(row.pods()), usd(row.unused()), usd(row.tagged()), usd(row.fabricShare()), usd(row.total())));
            if (!estimates.isEmpty()) {
                out.append(',').append(estimates.of(row).map(BillFormats::usd).orElse(""));
            }
            out.append('\n');
        }
        out.append(String.join(",", bill.month(), "untagged", "", "", "", "", "", "", usd(bill.untagged()), "", usd(bill.untagged())));
        out.append(estimates.isEmpty() ? "\n" : ",\n");
        bill.notAttributed().forEach((type, usd) -> {
            out.append(String.join(",", bill.month(), "not-charged-back", "", "", "", csv(type), "", "", usd(usd), "", usd(usd)));
            out.append(estimates.isEmpty() ? "\n" : ",\n");
        });
        return out.toString();
    }

    public static String json(Bill bill, String source, Estimates estimates) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("month", bill.month());
        doc.put("source", source);
        doc.put("dataThrough", bill.dataThrough().toString());
        doc.put("totalUsd", cents(bill.total()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BillRow row : bill.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("level", row.level());
            r.put("site", row.site());
            r.put("project", row.project());
            r.put("environment", row.environment());
            r.put("ref", row.ref());
            r.put("podsUsd", cents(row.pods()));
            r.put("unusedUsd", cents(row.unused()));
            r.put("taggedUsd", cents(row.tagged()));
            r.put("fabricShareUsd", cents(row.fabricShare()));
            r.put("totalUsd", cents(row.total()));
            estimates.of(row).ifPresent(e -> r.put("estimateUsd", cents(e)));
            rows.add(r);
        }
        doc.put("lines", rows);
        doc.put("fabricUsd", cents(bill.fabric()));
        doc.put("projectsSharingFabric", bill.projects());
        doc.put("untaggedUsd", cents(bill.untagged()));
        Map<String, Object> other = new LinkedHashMap<>();
        bill.notAttributed().forEach((type, usd) -> other.put(type, cents(usd)));
        doc.put("notChargedBackUsd", other);
        doc.put("environmentsUsd", cents(bill.environments()));
        doc.put("podHoursWithoutRequests", bill.podHoursWithoutRequests());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static double cents(double usd) {
        return Math.round(usd * 100) / 100.0;
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String csv(String value) {
        return value.matches("[^,\"\\n]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String abbreviate(String name) {
        return name.length() > 52 ? name.substring(0, 49) + "..." : name;
    }
}
