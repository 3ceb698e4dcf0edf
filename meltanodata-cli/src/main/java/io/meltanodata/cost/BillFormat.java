package io.meltanodata.cost;

import io.meltanodata.preview.LayerRendering;

import java.util.List;

/** The {@code cost} command's text: one bill per layer instance, line by line, then the split at a scale. */
public final class BillFormat {

    private BillFormat() {
    }

    public static String text(List<LayerRendering> stacks, CostModel model, ScaleProjection.Split split) {
        StringBuilder out = new StringBuilder();
        for (LayerRendering lr : stacks) {
            List<CostLine> lines = model.bill(lr.rendering().resources());
            double total = lines.stream().mapToDouble(CostLine::monthly).sum();
            double compute = lines.stream().filter(CostLine::compute).mapToDouble(CostLine::monthly).sum();
            out.append(String.format("Layer %d %s %s: $%.2f a month%s%n", lr.layer().number(), lr.layer().slug(),
                    lr.rendering().stack(), total, compute > 0 ? String.format(" (fixed $%.2f, compute $%.2f)", total - compute, compute) : ""));
            out.append(String.format("  %-44s %-12s %10s %10s %10s%n", "resource", "unit", "quantity", "price", "monthly"));
            for (CostLine line : lines) {
                out.append(String.format("  %-44s %-12s %10.2f %10.5f %10.2f%n", abbreviate(line.resourceName()), line.unit(),
                        line.quantity(), line.unitPrice(), line.monthly()));
            }
            out.append('\n');
        }
        out.append(String.format("At %d sites x %d projects x %d environments: $%.2f a month%n", split.sites(),
                split.projects() / Math.max(1, split.sites()), split.environments() / Math.max(1, split.projects()), split.total()));
        split.byLayer().forEach((layer, usd) -> out.append(String.format("  %-13s $%10.2f  %5.1f%%%n", layer, usd, 100 * usd / split.total())));
        out.append(String.format("  fabric cost per project: $%.2f%n", split.fabricPerProject()));
        return out.toString();
    }

    private static String abbreviate(String name) {
        return name.length() > 44 ? name.substring(0, 41) + "..." : name;
    }
}
