package io.meltanodata.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A dependency-free SVG line chart: total monthly cost and cost per project against the number
 * of projects (each series on its own axis: left total, right per project).
 */
public final class SvgPlot {
    static final int WIDTH = 720;
    static final int HEIGHT = 420;
    static final int LEFT = 80;
    static final int RIGHT = 80;
    static final int TOP = 40;
    static final int BOTTOM = 60;

    /** One point of the series: projects, total monthly USD, USD per project. */
    public record Point(int projects, double total, double perProject) {
    }

    private SvgPlot() {
    }

    /** The series for 1..maxSites sites at the given projects and environments per site and project. */
    public static List<Point> series(ScaleProjection bills, int maxSites, int projectsPerSite, int envsPerProject) {
        List<Point> points = new ArrayList<>();
        for (int sites = 1; sites <= maxSites; sites++) {
            ScaleProjection.Split split = bills.at(sites, projectsPerSite, envsPerProject);
            points.add(new Point(split.projects(), split.total(), split.total() / split.projects()));
        }
        return points;
    }

    public static String render(List<Point> points) {
        double maxX = points.stream().mapToDouble(Point::projects).max().orElse(1);
        double maxTotal = points.stream().mapToDouble(Point::total).max().orElse(1);
        double maxPer = points.stream().mapToDouble(Point::perProject).max().orElse(1);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title>MeltanoData monthly cost against the number of projects</title>\n");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, TOP, plotW, plotH));
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n", LEFT, y, LEFT + plotW, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">$%,.0f</text>%n", LEFT - 6, y + 4, maxTotal * i / 4));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\">$%,.2f</text>%n", LEFT + plotW + 6, y + 4, maxPer * i / 4));
            double x = LEFT + plotW * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>%n", x, TOP + plotH + 18, maxX * i / 4));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">projects</text>%n", LEFT + plotW / 2, HEIGHT - 16));
        svg.append(polyline(points, maxX, maxTotal, plotW, plotH, true, "#1f77b4"));
        svg.append(polyline(points, maxX, maxPer, plotW, plotH, false, "#d62728"));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" fill=\"#1f77b4\">total a month (left)</text>%n", LEFT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" fill=\"#d62728\">per project a month (right)</text>%n", LEFT + 220));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String polyline(List<Point> points, double maxX, double maxY, int plotW, int plotH, boolean total, String color) {
        StringBuilder coords = new StringBuilder();
        for (Point p : points) {
            double value = total ? p.total() : p.perProject();
            coords.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + plotW * p.projects() / maxX, TOP + plotH - plotH * value / maxY));
        }
        return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                color, coords.toString().trim());
    }
}
