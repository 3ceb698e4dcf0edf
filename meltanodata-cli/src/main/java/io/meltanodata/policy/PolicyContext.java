package io.meltanodata.policy;

import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.preview.LayerRendering;

import java.util.List;
import java.util.Optional;

/** The rendered stacks a policy run sees, with the tenant each belongs to. */
public record PolicyContext(List<Stack> stacks) {
    public PolicyContext {
        stacks = List.copyOf(stacks);
    }

    public static PolicyContext of(List<LayerRendering> layers) {
        return new PolicyContext(layers.stream().map(Stack::new).toList());
    }

    /** Every site seen in the run. */
    public List<String> sites() {
        return stacks.stream().flatMap(s -> s.site().stream()).distinct().sorted().toList();
    }

    public record Stack(LayerRendering rendering) {
        public String name() {
            return rendering.rendering().stack();
        }

        public Layer layer() {
            return rendering.layer();
        }

        /** Layers 2-4 belong to a site: the first part of their stack name. */
        public Optional<String> site() {
            return layer() == Layer.SERVICE_FABRIC ? Optional.empty() : Optional.of(name().split("\\.")[0]);
        }

        public boolean isTenant() {
            return site().isPresent();
        }
    }
}
