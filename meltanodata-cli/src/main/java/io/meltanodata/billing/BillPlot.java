package io.meltanodata.billing;

import java.util.List;
import java.util.Locale;

/**
 * A dependency-free SVG of the bill: one horizontal bar per line, stacked pods / unused capacity /
 * tagged resources / fabric share, with the estimate (when given) as a tick.
 */
public final class BillPlot {
    static final int WIDTH = 900;
    static final int LEFT = 320;
    static final int RIGHT = 40;
    static final int TOP = 50;
    static final int BAR = 18;
    static final int GAP = 8;
    static final String[] COLORS = {"#1f77b4", "#aec7e8", "#ff7f0e", "#7f7f7f"};
    static final String[] PARTS = {"pods", "unused capacity", "tagged resources", "fabric share"};

    private BillPlot() {
    }

    public static String render(Bill bill, Estimates estimates) {
        List<BillRow> rows = bill.rows();
        double highest = rows.stream().mapToDouble(r -> Math.max(r.total(), estimates.of(r).orElse(0.0))).max().orElse(1);
        double max = highest <= 0 ? 1 : highest;
        int height = TOP + rows.size() * (BAR + GAP) + 40;
        int plotW = WIDTH - LEFT - RIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<title>MeltanoData bill for %s: $%.2f</title>%n", bill.month(), bill.total()));
        for (int i = 0; i < PARTS.length; i++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"14\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"24\">%s</text>%n",
                    LEFT + i * 140, COLORS[i], LEFT + i * 140 + 16, PARTS[i]));
        }
        int y = TOP;
        for (BillRow row : rows) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 8, y + 13, escape(row.label())));
            double x = LEFT;
            double[] parts = {row.pods(), row.unused(), row.tagged(), row.fabricShare()};
            for (int i = 0; i < parts.length; i++) {
                double w = Math.max(0, parts[i]) / max * plotW;
                if (w > 0) {
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", x, y, w, BAR, COLORS[i]));
                }
                x += w;
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">$%.2f</text>%n", x + 4, y + 13, row.total()));
            int top = y;
            estimates.of(row).ifPresent(e -> svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d62728\" stroke-width=\"2\"><title>estimate $%.2f</title></line>%n",
                    LEFT + e / max * plotW, top - 2, LEFT + e / max * plotW, top + BAR + 2, e)));
            y += BAR + GAP;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
