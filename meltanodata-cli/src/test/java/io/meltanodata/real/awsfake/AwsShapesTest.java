package io.meltanodata.real.awsfake;

import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.Layers;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.TopologyPreview;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fake can create every AWS resource the example stacks of all four layers register, from
 * the inputs the layers actually send: an id, and an ARN in AWS's shape in the configured region.
 */
class AwsShapesTest {
    // Any account: a topic policy's or subscription's ARN is its topic's, an input from the offline mocks.
    // Data Exports is served from us-east-1 only (AWS Data Exports User Guide, "Creating data exports").
    private static final String ARN = "arn:aws:[a-z0-9-]+:(eu-west-1)?:(\\d{12})?:.+"
            + "|arn:aws:bcm-data-exports:us-east-1:\\d{12}:export/[A-Za-z0-9_.-]+-[0-9a-f-]{36}";

    @Test
    void everyAwsResourceOfTheExampleStacksGetsAnIdAndAnArnInAwsShape() {
        AwsShapes shapes = new AwsShapes(new AwsAccount("444455556666", "eu-west-1"), Map.of());
        TopologyPreview preview = new TopologyPreview(Layers.all());
        List<LayerRendering> layers = preview.render(preview.exampleStackFiles(Path.of("..")));

        List<String> wrong = new ArrayList<>();
        TreeSet<String> types = new TreeSet<>();
        for (LayerRendering layer : layers) {
            for (RecordedResource r : layer.rendering().resources()) {
                if (!r.type().startsWith("aws:")) {
                    continue;
                }
                types.add(r.type());
                Map<String, Object> state = shapes.created(r.type(), r.name(), r.inputs());
                Object arn = state.get("arn");
                if (String.valueOf(state.get("id")).isEmpty() || (arn != null && !String.valueOf(arn).matches(ARN))) {
                    wrong.add(r.type() + " " + r.name() + ": id " + state.get("id") + ", arn " + arn);
                }
            }
        }

        assertEquals(List.of(), wrong);
        assertTrue(types.size() >= 40, "AWS types rendered: " + types);
    }
}
