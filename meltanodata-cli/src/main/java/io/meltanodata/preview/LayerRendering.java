package io.meltanodata.preview;

import io.meltanodata.components.chargeback.Layer;

import java.nio.file.Path;

/** A rendered stack and where it came from. */
public record LayerRendering(Layer layer, Path stackFile, Rendering rendering) {
}
