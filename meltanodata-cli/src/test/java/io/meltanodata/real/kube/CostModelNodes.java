package io.meltanodata.real.kube;

import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.cost.Assumptions;
import io.meltanodata.cost.CostLine;
import io.meltanodata.cost.CostModel;
import io.meltanodata.cost.PriceTable;
import io.meltanodata.preview.LayerRendering;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The nodes {@link CostModel} assumes, in its reference nodes (m6i.large, 2 vCPU and 8 GiB: a pod
 * costs the larger of its vCPU and memory share of one), per site of fabric {@value RenderedCluster#FABRIC}:
 * <ul>
 *   <li>{@code alwaysOn}: the Deployments' pods of the site's environments, around the clock
 *       (their {@code pod-hour} lines: replicas x 730 h at a share of a node);</li>
 *   <li>{@code oneRunEach}: that plus one run of every CronJob at once (each {@code run-hour} line's
 *       share of a node), which is what the benchmark makes happen;</li>
 * </ul>
 * and, for the fabric's own pool, the whole nodes its {@code node-hour} line bills
 * ({@code DedicatedPools}: enough reference nodes for the API's requests, at least one).
 */
record CostModelNodes(Map<String, double[]> sites, double platformNodes) {
    private static final String CRON_JOB = "kubernetes:batch/v1:CronJob";
    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    private static final String NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";

    static CostModelNodes of(List<LayerRendering> stacks) {
        CostModel model = new CostModel(PriceTable.usEast1(), Assumptions.defaults());
        double referenceNode = model.podHour(2, 8);
        Map<String, double[]> sites = new TreeMap<>();
        double platform = 0;
        for (LayerRendering stack : stacks) {
            String name = stack.rendering().stack();
            if (stack.layer() == Layer.SERVICE_FABRIC && name.equals(RenderedCluster.FABRIC)) {
                platform = model.bill(stack.rendering().resources()).stream().filter(l -> l.resourceType().equals(NODE_POOL))
                        .mapToDouble(l -> l.quantity() / Assumptions.HOURS_PER_MONTH).sum();
            }
            if (stack.layer() != Layer.ACTIVATED_ENVIRONMENT || !fabricOf(stack)) {
                continue;
            }
            double[] nodes = sites.computeIfAbsent(name.substring(0, name.indexOf('.')), k -> new double[2]);
            for (CostLine line : model.bill(stack.rendering().resources())) {
                if (line.resourceType().equals(DEPLOYMENT)) {
                    double share = line.quantity() / Assumptions.HOURS_PER_MONTH * line.unitPrice() / referenceNode;
                    nodes[0] += share;
                    nodes[1] += share;
                } else if (line.resourceType().equals(CRON_JOB)) {
                    nodes[1] += line.unitPrice() / referenceNode;
                }
            }
        }
        return new CostModelNodes(sites, platform);
    }

    private static boolean fabricOf(LayerRendering stack) {
        return stack.rendering().resources().stream().filter(r -> r.type().startsWith("kubernetes:"))
                .map(r -> new Manifest(stack.layer(), stack.rendering().stack(), r.name(), r.inputs()))
                .anyMatch(m -> RenderedCluster.FABRIC.equals(m.label(RenderedCluster.FABRIC_LABEL)));
    }

    double alwaysOn(String site) {
        return sites.getOrDefault(site, new double[2])[0];
    }

    double oneRunEach(String site) {
        return sites.getOrDefault(site, new double[2])[1];
    }
}
