package io.meltanodata.preview;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A Mermaid flowchart: one box per stack holding its resources grouped by type (with counts),
 * and an arrow from each stack to the stacks that reference it.
 */
public final class MermaidFormat {

    private MermaidFormat() {
    }

    public static String format(List<LayerRendering> renderings) {
        StringBuilder out = new StringBuilder("flowchart TB\n");
        for (int i = 0; i < renderings.size(); i++) {
            LayerRendering lr = renderings.get(i);
            Rendering r = lr.rendering();
            out.append(String.format("  subgraph s%d[\"Layer %d %s: %s\"]%n", i, lr.layer().number(),
                    lr.layer().slug(), r.stack()));
            Map<String, Long> byType = r.resources().stream().filter(res -> !res.isComponent())
                    .filter(res -> !res.type().equals(OfflineStack.STACK_REFERENCE_TYPE))
                    .collect(Collectors.groupingBy(MermaidFormat::shortType, TreeMap::new, Collectors.counting()));
            int n = 0;
            for (Map.Entry<String, Long> e : byType.entrySet()) {
                out.append(String.format("    s%dr%d[\"%s%s\"]%n", i, n++, e.getKey(),
                        e.getValue() > 1 ? " x" + e.getValue() : ""));
            }
            out.append("  end\n");
        }
        for (int child = 0; child < renderings.size(); child++) {
            for (int parent = 0; parent < renderings.size(); parent++) {
                if (references(renderings.get(child).rendering(), renderings.get(parent).rendering())) {
                    out.append(String.format("  s%d -- StackReference --> s%d%n", parent, child));
                }
            }
        }
        return out.toString();
    }

    private static boolean references(Rendering child, Rendering parent) {
        String suffix = "/" + parent.project() + "/" + parent.stack();
        return child.ofType(OfflineStack.STACK_REFERENCE_TYPE).stream()
                .anyMatch(ref -> String.valueOf(ref.inputs().get("name")).endsWith(suffix));
    }

    /** {@code aws:eks/cluster:Cluster} -> {@code eks Cluster}; {@code kubernetes:batch/v1:CronJob} -> {@code k8s CronJob}. */
    static String shortType(RecordedResource res) {
        String[] parts = res.type().split(":");
        String module = parts.length > 1 ? parts[1].split("/")[0] : "";
        String provider = parts[0].equals("kubernetes") ? "k8s" : module;
        return provider + " " + parts[parts.length - 1];
    }
}
