package io.meltanodata.servicefabric;

import io.meltanodata.components.Json;
import io.meltanodata.components.kubernetes.AutoModeNodes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code configurationValues} of the amazon-cloudwatch-observability add-on: where its pods
 * may run on a cluster whose every node is tainted. "The add-on and the Helm chart use the same
 * configuration values" (CloudWatch User Guide, "Configuring the add-on and the Helm chart",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/eks-observability-addon-configure.html);
 * the chart's values.yaml (aws-observability/helm-charts, charts/amazon-cloudwatch-observability)
 * reads a root {@code tolerations} list for every component that sets none of its own (the agent
 * and Fluent Bit DaemonSets, which must run on every node) and {@code manager.tolerations} and
 * {@code manager.nodeSelector} for the operator, whose default tolerates nothing. Without the
 * operator no agent DaemonSet exists, Container Insights stays empty and the cluster alarms,
 * which treat missing data as OK, never fire.
 *
 * <p>Set explicitly rather than left to the add-on version's defaults (which changed between
 * versions): the node agents tolerate every site's taint (any value of {@code meltanodata.io/site}),
 * the platform pool's and the built-in {@code system} pool's {@code CriticalAddonsOnly}; the
 * operator runs on the platform pool only.
 */
final class ObservabilityAddonValues {
    private ObservabilityAddonValues() {
    }

    /** Tolerations of the node agents: every taint a node of this cluster can carry. */
    static List<Map<String, String>> agentTolerations() {
        return List.of(
                AutoModeNodes.anyValue(AutoModeNodes.SITE_KEY, "NoSchedule"),
                AutoModeNodes.toleration(PlatformCompute.TAINT),
                Map.of("key", AutoModeNodes.CRITICAL_ADDONS_KEY, "operator", "Exists"));
    }

    static Map<String, Object> values() {
        Map<String, Object> manager = new LinkedHashMap<>();
        manager.put("nodeSelector", PlatformCompute.NODE_SELECTOR);
        manager.put("tolerations", PlatformCompute.TOLERATIONS);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("tolerations", agentTolerations());
        values.put("manager", manager);
        return values;
    }

    static String json() {
        return Json.write(values());
    }
}
