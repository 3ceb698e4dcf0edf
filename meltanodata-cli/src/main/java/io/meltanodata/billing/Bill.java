package io.meltanodata.billing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A month of a CUR 2.0 export, charged back.
 *
 * @param month                  the billing period, {@code YYYY-MM}
 * @param dataThrough            the end of the latest usage hour in the export for the month
 * @param total                  every line item's unblended cost
 * @param rows                   per site, project and environment; the fabric's cost is in the projects' lines
 * @param fabric                 the fabric's own cost (shared by the projects)
 * @param projects               how many projects share it
 * @param untagged               cost of usage carrying no charge-back tag
 * @param notAttributed          cost of the line item types that are not usage (tax, credits, refunds, fees), by type
 * @param podHoursWithoutRequests pod-hours whose pods requested no CPU or memory: with requests as the split basis
 *                               they get no split cost, and their use falls into the node's unused capacity
 */
public record Bill(String month, Instant dataThrough, double total, List<BillRow> rows, double fabric, int projects,
                   double untagged, Map<String, Double> notAttributed, long podHoursWithoutRequests) {

    public Bill {
        rows = List.copyOf(rows);
        notAttributed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notAttributed));
    }

    /** What the lines add up to; equals {@link #total()} (to the cent) when nothing is lost. */
    public double attributed() {
        return rows.stream().mapToDouble(BillRow::total).sum() + untagged
                + notAttributed.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public double environments() {
        return rows.stream().filter(r -> r.level().equals("environment")).mapToDouble(BillRow::total).sum();
    }

    public java.util.Optional<BillRow> environment(String site, String project, String environment, String ref) {
        return rows.stream().filter(r -> r.site().equals(site) && r.project().equals(project)
                && r.environment().equals(environment) && r.ref().equals(ref)).findFirst();
    }
}
