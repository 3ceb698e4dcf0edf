package io.meltanodata.policy;

import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SCHED-003: a tenant pod whose CPU request exceeds the vCPUs of its site's largest node (the pool's
 * {@code eks.amazonaws.com/instance-cpu} requirement, EKS User Guide, "Create a Node Pool for EKS
 * Auto Mode", https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html) is never
 * scheduled (Kubernetes, "Resource Management for Pods and Containers"). The requests of a pod's
 * containers add up; {@code Lt 9} admits nodes of up to 8 vCPUs.
 */
class PodFitsNodeRuleTest {
    static final PolicyRule RULE = AutoModeRules.everyPodFitsItsSitesLargestNode();

    @Test
    void aPodWithinTheLargestNodePassesAndOneAboveItIsAFinding() {
        assertEquals(List.of(), RULE.check(run("Lt", "9", "6", "2")), "6 + 2 = 8 vCPUs fit an 8-vCPU node");
        List<Finding> findings = RULE.check(run("Lt", "9", "8", "500m"));
        assertEquals(List.of("SCHED-003 acme.analytics.prod.main kubernetes:batch/v1:CronJob run: its pods request 8.5 vCPU, "
                + "more than the 8 of site acme's largest node (pool meltanodata-acme): they stay Pending; lower the "
                + "environment's quota.podCpu or raise the site's nodeMaxCpu"), findings.stream().map(Finding::toString).toList());
        assertEquals(1, RULE.check(run("In", "4", "6", "0")).size(), "In [4]: 4 vCPUs at most");
    }

    @Test
    void aPoolWithoutASizeCapOrNotInTheRunIsNotJudged() {
        assertEquals(List.of(), RULE.check(run("Gt", "1", "64", "0")));
        assertEquals(List.of(), RULE.check(PolicyContext.of(List.of(environment("64", "0")))));
    }

    private static PolicyContext run(String operator, String bound, String cpu, String sidecarCpu) {
        RecordedResource pool = resource("kubernetes:karpenter.sh/v1:NodePool", "node-pool", Map.of(
                "metadata", Map.of("name", "meltanodata-acme"),
                "spec", Map.of("template", Map.of(
                        "metadata", Map.of("labels", Map.of("meltanodata.io/site", "acme")),
                        "spec", Map.of("requirements", List.of(
                                Map.of("key", "kubernetes.io/arch", "operator", "In", "values", List.of("amd64")),
                                Map.of("key", "eks.amazonaws.com/instance-cpu", "operator", operator, "values", List.of(bound))))))));
        LayerRendering site = new LayerRendering(Layer.SITE_INSTANCE, Path.of("Pulumi.acme.yaml"),
                new Rendering("p", "acme", List.of(pool), Map.of(), Set.of()));
        return PolicyContext.of(List.of(site, environment(cpu, sidecarCpu)));
    }

    private static LayerRendering environment(String cpu, String sidecarCpu) {
        RecordedResource cronJob = resource("kubernetes:batch/v1:CronJob", "run", Map.of("spec", Map.of("jobTemplate", Map.of("spec",
                Map.of("template", Map.of("spec", Map.of("containers", List.of(
                        Map.of("name", "meltano", "resources", Map.of("requests", Map.of("cpu", cpu, "memory", "1Gi"))),
                        Map.of("name", "sidecar", "resources", Map.of("requests", Map.of("cpu", sidecarCpu)))))))))));
        return new LayerRendering(Layer.ACTIVATED_ENVIRONMENT, Path.of("Pulumi.acme.analytics.prod.main.yaml"),
                new Rendering("p", "acme.analytics.prod.main", List.of(cronJob), Map.of(), Set.of()));
    }

    private static RecordedResource resource(String type, String name, Map<String, Object> inputs) {
        return new RecordedResource(type, name, inputs, Optional.empty(), false, false, Optional.empty());
    }
}
