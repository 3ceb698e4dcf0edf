package io.meltanodata.cost;

import io.meltanodata.preview.RecordedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostModelTest {
    static final CostModel MODEL = new CostModel(PriceTable.usEast1(), Assumptions.defaults());

    static RecordedResource resource(String type, String name, Map<String, Object> inputs) {
        return new RecordedResource(type, name, inputs, Optional.empty(), false, false, Optional.empty());
    }

    static Map<String, Object> cronJob(String schedule, boolean suspend, String cpu, String memory) {
        Map<String, Object> container = Map.of("resources", Map.of("requests", Map.of("cpu", cpu, "memory", memory)));
        Map<String, Object> template = Map.of("spec", Map.of("containers", List.of(container)));
        Map<String, Object> jobTemplate = Map.of("spec", Map.of("template", template));
        return Map.of("spec", Map.of("schedule", schedule, "suspend", suspend, "jobTemplate", jobTemplate));
    }

    static double total(List<CostLine> lines) {
        return lines.stream().mapToDouble(CostLine::monthly).sum();
    }

    @Test
    void aKnownResourceSetCostsTheHandComputedFigure() {
        List<RecordedResource> resources = List.of(
                resource("aws:eks/cluster:Cluster", "cluster", Map.of()),
                resource("aws:ec2/natGateway:NatGateway", "nat", Map.of()),
                resource("aws:ec2/eip:Eip", "nat-ip", Map.of()),
                resource("aws:kms/key:Key", "key", Map.of()),
                resource("aws:secretsmanager/secret:Secret", "token", Map.of()),
                resource("aws:iam/role:Role", "role", Map.of()));
        // cluster 730 x 0.10 = 73.00; NAT 730 x 0.045 = 32.85 + 50 GB x 0.045 = 2.25;
        // IPv4 730 x 0.005 = 3.65; key 1.00; secret 0.40; role 0  ->  113.15
        assertEquals(113.15, total(MODEL.bill(resources)), 1e-9);
    }

    @Test
    void anHourlyScheduleRunsAbout730TimesAMonth() {
        List<CostLine> lines = MODEL.lines(resource("kubernetes:batch/v1:CronJob", "hourly", cronJob("0 * * * *", false, "1", "2Gi")));
        CostLine run = lines.get(0);
        // 730 runs x 15 min = 182.5 run-hours; a 1 vCPU / 2 GiB pod is half an m6i.large: 0.5 x 0.096 x 1.12 = 0.05376/h
        assertEquals(182.5, run.quantity(), 1e-9);
        assertEquals(0.05376, run.unitPrice(), 1e-9);
        assertEquals(182.5 * 0.05376, run.monthly(), 1e-9);
        assertTrue(run.compute());
    }

    @Test
    void aManualScheduleCostsNothingUntilItRuns() {
        CostLine manual = MODEL.lines(resource("kubernetes:batch/v1:CronJob", "backfill", cronJob("0 0 31 2 *", true, "500m", "4Gi"))).get(0);
        assertEquals(0, manual.monthly());
        assertEquals(0.5 * 0.096 * 1.12, manual.unitPrice(), 1e-9, "memory binds: 4 GiB is half the reference node");
    }

    static Map<String, Object> deployment(int replicas, Map<String, String> nodeSelector, String cpu, String memory) {
        Map<String, Object> container = Map.of("resources", Map.of("requests", Map.of("cpu", cpu, "memory", memory)));
        return Map.of("spec", Map.of("replicas", replicas, "template", Map.of("spec",
                Map.of("nodeSelector", nodeSelector, "containers", List.of(container)))));
    }

    static Map<String, Object> nodePool(String name, Map<String, String> labels) {
        return Map.of("metadata", Map.of("name", name), "spec", Map.of("template", Map.of("metadata", Map.of("labels", labels))));
    }

    /**
     * The fabric's API runs on the platform pool, which Auto Mode keeps awake with whole nodes (EKS
     * pricing: the EC2 instance plus the Auto Mode fee, https://aws.amazon.com/eks/pricing/); a site's
     * pool, which no pod of its own stack selects, scales to zero and costs nothing by itself.
     */
    @Test
    void aPoolKeptAwakeByItsOwnDeploymentsCostsWholeNodesAndItsPodsNothingOnTop() {
        Map<String, String> platform = Map.of("meltanodata.io/platform", "true");
        List<CostLine> bill = MODEL.bill(List.of(
                resource("kubernetes:karpenter.sh/v1:NodePool", "platform-node-pool", nodePool("meltanodata-platform", platform)),
                resource("kubernetes:karpenter.sh/v1:NodePool", "node-pool", nodePool("meltanodata-acme", Map.of("meltanodata.io/site", "acme"))),
                resource("kubernetes:apps/v1:Deployment", "api", deployment(2, platform, "250m", "256Mi"))));
        assertEquals(2, bill.size(), "the idle site pool has no line: " + bill);
        CostLine nodes = bill.get(0);
        assertEquals("platform-node-pool", nodes.resourceName());
        // one m6i.large around the clock: 730 x 0.096 x 1.12 = 78.4896
        assertEquals(730, nodes.quantity(), 1e-9);
        assertEquals(0.096 * 1.12, nodes.unitPrice(), 1e-9);
        assertEquals(78.4896, nodes.monthly(), 1e-9);
        CostLine api = bill.get(1);
        assertEquals(1460, api.quantity(), 1e-9);
        assertEquals(0, api.monthly(), "the API's pods are inside the pool's nodes");

        // 3 pods of 1 vCPU need 1.5 reference nodes: 2 nodes
        assertEquals(2 * 78.4896, total(MODEL.bill(List.of(
                resource("kubernetes:karpenter.sh/v1:NodePool", "platform-node-pool", nodePool("meltanodata-platform", platform)),
                resource("kubernetes:apps/v1:Deployment", "api", deployment(3, platform, "1", "1Gi"))))), 1e-9);
        // selected by its pool's name label (karpenter.sh/nodepool) as well as by the pool's own labels
        assertEquals(78.4896, total(MODEL.bill(List.of(
                resource("kubernetes:karpenter.sh/v1:NodePool", "platform-node-pool", nodePool("meltanodata-platform", platform)),
                resource("kubernetes:apps/v1:Deployment", "api", deployment(1, Map.of("karpenter.sh/nodepool", "meltanodata-platform"), "250m", "256Mi"))))), 1e-9);
        // a Deployment whose pool is rendered elsewhere (a site's service, Layer 4) costs its share of a node
        assertEquals(2 * 730 * 0.125 * 0.096 * 1.12, total(MODEL.bill(List.of(
                resource("kubernetes:apps/v1:Deployment", "service", deployment(2, Map.of("meltanodata.io/site", "acme"), "250m", "256Mi"))))), 1e-9);
    }

    @Test
    void quantitiesParseLikeKubernetes() {
        assertEquals(0.25, CostModel.cpu("250m"));
        assertEquals(2, CostModel.cpu("2"));
        assertEquals(0.5, CostModel.gib("512Mi"));
        assertEquals(8, CostModel.gib("8Gi"));
    }

    @Test
    void everyPriceHasASourceAndADate() {
        PriceTable table = PriceTable.usEast1();
        assertEquals("us-east-1", table.region());
        for (String id : List.of("eks.cluster", "vpc.nat.hour", "vpc.nat.gb", "vpc.ipv4", "kms.key", "secretsmanager.secret",
                "cloudwatch.alarm", "cloudwatch.logs.ingest", "s3.standard", "s3.deep_archive", "ecr.storage", "elb.alb.hour",
                "budgets.budget", "ec2.m6i.large", "eks.automode.fee")) {
            PriceTable.Price p = table.price(id);
            assertTrue(p.source().startsWith("https://aws.amazon.com/"), id);
            assertTrue(p.asOf().matches("\\d{4}-\\d{2}-\\d{2}"), id);
        }
    }
}
