package io.meltanodata.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The monthly bill of a whole platform from one bill per layer instance: one fabric, S sites,
 * P projects per site, E environments per project.
 */
public record ScaleProjection(double fabric, double site, double project, double environment) {

    public record Split(int sites, int projects, int environments, double total, Map<String, Double> byLayer,
                        double fabricPerProject) {
        public double share(String layer) {
            return byLayer.get(layer) / total;
        }
    }

    public Split at(int sites, int projectsPerSite, int environmentsPerProject) {
        int projects = sites * projectsPerSite;
        int environments = projects * environmentsPerProject;
        Map<String, Double> byLayer = new LinkedHashMap<>();
        byLayer.put("fabric", fabric);
        byLayer.put("sites", sites * site);
        byLayer.put("projects", projects * project);
        byLayer.put("environments", environments * environment);
        double total = byLayer.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Split(sites, projects, environments, total, byLayer, fabric / projects);
    }
}
