package io.meltanodata.cost;

import io.meltanodata.preview.InputPath;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.projects.meltano.Interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each resource of a preview costs a month. Always-on resources cost their hours; usage
 * follows {@link Assumptions}; Meltano runs cost their cron's runs per month x average run time x
 * their pod's share of the reference node (the larger of its vCPU and memory share), plus the EKS
 * Auto Mode fee. A suspended (manual) CronJob costs nothing until it is run. A node pool kept
 * awake by always-on pods of its own stack (the fabric's platform pool) costs whole nodes.
 */
public final class CostModel {
    static final double REFERENCE_VCPU = 2;
    static final double REFERENCE_GIB = 8;

    private final PriceTable prices;
    private final Assumptions assume;

    public CostModel(PriceTable prices, Assumptions assumptions) {
        this.prices = prices;
        this.assume = assumptions;
    }

    public List<CostLine> lines(RecordedResource r) {
        double h = Assumptions.HOURS_PER_MONTH;
        return switch (r.type()) {
            case "aws:eks/cluster:Cluster" -> List.of(line(r, "eks.cluster", h, false));
            case "aws:ec2/natGateway:NatGateway" -> List.of(line(r, "vpc.nat.hour", h, false),
                    line(r, "vpc.nat.gb", assume.natGbPerGateway(), false));
            case "aws:ec2/eip:Eip" -> List.of(line(r, "vpc.ipv4", h, false));
            case "aws:kms/key:Key" -> List.of(line(r, "kms.key", 1, false));
            case "aws:secretsmanager/secret:Secret" -> List.of(line(r, "secretsmanager.secret", 1, false));
            case "aws:cloudwatch/metricAlarm:MetricAlarm" -> List.of(line(r, "cloudwatch.alarm", 1, false));
            case "aws:cloudwatch/logGroup:LogGroup" -> List.of(line(r, "cloudwatch.logs.ingest", assume.logGbPerGroup(), false));
            case "aws:s3/bucketV2:BucketV2" -> List.of(line(r, "s3.standard", assume.gbPerBucket(), false));
            case "aws:ecr/repository:Repository" -> List.of(line(r, "ecr.storage", assume.gbPerRegistry(), false));
            case "kubernetes:networking.k8s.io/v1:Ingress" -> List.of(line(r, "elb.alb.hour", h, false));
            case "aws:budgets/budget:Budget" -> List.of(line(r, "budgets.budget", 1, false));
            case "kubernetes:batch/v1:CronJob" -> cronJob(r);
            case "kubernetes:apps/v1:Deployment" -> deployment(r);
            default -> List.of();
        };
    }

    /** What one hour of a pod of this size costs on Auto Mode nodes. */
    public double podHour(double vcpu, double gib) {
        double share = Math.max(vcpu / REFERENCE_VCPU, gib / REFERENCE_GIB);
        return share * prices.price("ec2.m6i.large").usd() * (1 + prices.price("eks.automode.fee").usd());
    }

    private List<CostLine> cronJob(RecordedResource r) {
        if (Boolean.TRUE.equals(InputPath.get(r.inputs(), "spec.suspend").orElse(false))) {
            return List.of(new CostLine(r.type(), r.name(), "run-hour", "run-hour", 0, podHourOf(r, "spec.jobTemplate.spec.template.spec"), 0, true));
        }
        String cron = String.valueOf(InputPath.get(r.inputs(), "spec.schedule").orElse(""));
        double runs = Interval.parse(cron).map(Interval::runsPerMonth).orElse(0.0);
        double hours = runs * assume.averageRunMinutes() / 60;
        double perHour = podHourOf(r, "spec.jobTemplate.spec.template.spec");
        return List.of(new CostLine(r.type(), r.name(), "run-hour", "run-hour", hours, perHour, hours * perHour, true));
    }

    private List<CostLine> deployment(RecordedResource r) {
        double replicas = ((Number) InputPath.get(r.inputs(), "spec.replicas").orElse(1)).doubleValue();
        double perHour = podHourOf(r, "spec.template.spec");
        double hours = replicas * Assumptions.HOURS_PER_MONTH;
        return List.of(new CostLine(r.type(), r.name(), "pod-hour", "pod-hour", hours, perHour, hours * perHour, true));
    }

    private double podHourOf(RecordedResource r, String podSpec) {
        Optional<Object> requests = InputPath.get(r.inputs(), podSpec + ".containers[0].resources.requests");
        @SuppressWarnings("unchecked")
        Map<String, Object> req = (Map<String, Object>) requests.orElse(Map.of());
        return podHour(cpu(String.valueOf(req.getOrDefault("cpu", "1"))), gib(String.valueOf(req.getOrDefault("memory", "2Gi"))));
    }

    static double cpu(String quantity) {
        return quantity.endsWith("m") ? Double.parseDouble(quantity.substring(0, quantity.length() - 1)) / 1000
                : Double.parseDouble(quantity);
    }

    static double gib(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Double.parseDouble(quantity.substring(0, quantity.length() - 2));
        }
        if (quantity.endsWith("Mi")) {
            return Double.parseDouble(quantity.substring(0, quantity.length() - 2)) / 1024;
        }
        return Double.parseDouble(quantity) / (1024.0 * 1024 * 1024);
    }

    private CostLine line(RecordedResource r, String priceId, double quantity, boolean compute) {
        PriceTable.Price price = prices.price(priceId);
        return new CostLine(r.type(), r.name(), priceId, price.unit(), quantity, price.usd(), quantity * price.usd(), compute);
    }

    /**
     * The bill of one stack. A NodePool that Deployments of the same stack select costs its
     * always-on nodes, and those Deployments' pods nothing on top ({@link DedicatedPools}).
     */
    public List<CostLine> bill(List<RecordedResource> resources) {
        DedicatedPools pools = new DedicatedPools(resources);
        List<CostLine> all = new ArrayList<>();
        for (RecordedResource r : resources) {
            if (r.type().equals(DedicatedPools.NODE_POOL)) {
                all.addAll(nodePool(r, pools.nodes(r)));
            } else if (r.type().equals(DedicatedPools.DEPLOYMENT) && pools.poolOf(r).isPresent()) {
                double replicas = ((Number) InputPath.get(r.inputs(), "spec.replicas").orElse(1)).doubleValue();
                all.add(new CostLine(r.type(), r.name(), "on:" + pools.poolOf(r).get(), "pod-hour",
                        replicas * Assumptions.HOURS_PER_MONTH, 0, 0, true));
            } else {
                all.addAll(lines(r));
            }
        }
        return all;
    }

    /** Whole nodes of the reference size around the clock, with the Auto Mode fee. */
    private List<CostLine> nodePool(RecordedResource r, int nodes) {
        if (nodes == 0) {
            return List.of();
        }
        double perHour = podHour(REFERENCE_VCPU, REFERENCE_GIB);
        double hours = nodes * Assumptions.HOURS_PER_MONTH;
        return List.of(new CostLine(r.type(), r.name(), "node-hour", "node-hour", hours, perHour, hours * perHour, true));
    }
}
