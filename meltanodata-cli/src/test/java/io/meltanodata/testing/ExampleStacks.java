package io.meltanodata.testing;

import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.Layers;
import io.meltanodata.preview.Rendering;
import io.meltanodata.preview.TopologyPreview;

import java.nio.file.Path;
import java.util.List;

/** Every example stack under {@code deployments/}, rendered once per test JVM as {@code meltanodata preview} renders them. */
public final class ExampleStacks {
    private static List<LayerRendering> rendered;

    private ExampleStacks() {
    }

    public static synchronized List<LayerRendering> all() {
        if (rendered == null) {
            TopologyPreview preview = new TopologyPreview(Layers.all());
            rendered = List.copyOf(preview.render(preview.exampleStackFiles(Path.of(".."))));
        }
        return rendered;
    }

    /** One stack's rendering, by its stack name ({@code dev}, {@code acme.analytics.prod.main}). */
    public static Rendering stack(String name) {
        return all().stream().map(LayerRendering::rendering).filter(r -> r.stack().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no example stack " + name));
    }
}
