package io.meltanodata.billing;

import io.meltanodata.cost.CostLine;
import io.meltanodata.cost.CostModel;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.RecordedResource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code meltanodata cost}'s monthly estimate of each rendered stack, keyed like the bill's lines by the
 * stack's charge-back tags (site, project, environment, git ref): what can be set beside the actual.
 */
public record Estimates(Map<List<String>, Double> byKey) {

    public static final Estimates NONE = new Estimates(Map.of());

    public Estimates {
        byKey = Map.copyOf(byKey);
    }

    public static Estimates of(List<LayerRendering> stacks, CostModel model) {
        Map<List<String>, Double> byKey = new HashMap<>();
        for (LayerRendering stack : stacks) {
            double monthly = model.bill(stack.rendering().resources()).stream().mapToDouble(CostLine::monthly).sum();
            byKey.merge(StackTags.of(stack).key(), monthly, Double::sum);
        }
        return new Estimates(byKey);
    }

    public Optional<Double> of(BillRow row) {
        return Optional.ofNullable(byKey.get(List.of(row.site(), row.project(), row.environment(), row.ref())));
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** The charge-back tags a stack's resources carry (the same on all of them). */
    record StackTags(Map<String, String> tags) {
        static StackTags of(LayerRendering stack) {
            for (RecordedResource resource : stack.rendering().resources()) {
                if (resource.inputs().get("tags") instanceof Map<?, ?> tags && tags.containsKey("meltanodata:layer")) {
                    Map<String, String> values = new HashMap<>();
                    tags.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
                    return new StackTags(values);
                }
            }
            return new StackTags(Map.of());
        }

        String get(String name) {
            return tags.getOrDefault("meltanodata:" + name, "");
        }

        List<String> key() {
            return List.of(get("site"), get("project"), get("environment"), get("git-ref"));
        }
    }
}
