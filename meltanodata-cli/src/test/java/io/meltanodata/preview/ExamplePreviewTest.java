package io.meltanodata.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preview of the bundled example: every layer, and JSON that says exactly what the renderings hold. */
class ExamplePreviewTest {
    static List<LayerRendering> stacks;

    @BeforeAll
    static void render() {
        TopologyPreview preview = new TopologyPreview(Layers.all());
        stacks = preview.render(preview.exampleStackFiles(Path.of("..")));
    }

    @Test
    void theBundledExampleCoversAllFourLayers() {
        assertEquals(List.of("dev", "prod", "acme", "globex", "acme.analytics", "acme.analytics.dev.feature-login-78f299f7",
                "acme.analytics.prod.main"), stacks.stream().map(s -> s.rendering().stack()).toList());
        assertEquals(List.of(1, 1, 2, 2, 3, 4, 4), stacks.stream().map(s -> s.layer().number()).toList());
    }

    @Test
    void theTextTreePrintsMapOutputsWithSortedKeysSoEveryRunPrintsTheSame() {
        String text = TextTreeFormat.format(stacks);
        assertTrue(text.contains("      nodeTaint: {\"effect\":\"NoSchedule\",\"key\":\"meltanodata.io/site\",\"value\":\"acme\"}\n"),
                text);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonIsValidAndListsExactlyTheRenderedResourcesWithSecretsMasked() throws Exception {
        Map<String, Object> doc = new ObjectMapper().readValue(JsonFormat.format(stacks), Map.class);
        List<Map<String, Object>> layers = (List<Map<String, Object>>) doc.get("layers");
        assertEquals(stacks.size(), layers.size());
        for (int i = 0; i < stacks.size(); i++) {
            Rendering rendering = stacks.get(i).rendering();
            List<Map<String, Object>> resources = (List<Map<String, Object>>) layers.get(i).get("resources");
            assertEquals(rendering.resources().stream().map(r -> r.type() + " " + r.name()).toList(),
                    resources.stream().map(r -> r.get("type") + " " + r.get("name")).toList(), rendering.stack());
            for (int j = 0; j < resources.size(); j++) {
                assertEquals(rendering.resources().get(j).protect(), resources.get(j).get("protect"));
                assertEquals(rendering.resources().get(j).retainOnDelete(), resources.get(j).get("retainOnDelete"));
            }
            Map<String, Object> outputs = (Map<String, Object>) layers.get(i).get("outputs");
            if (outputs.containsKey("kubeconfig")) {
                assertEquals(JsonFormat.MASK, outputs.get("kubeconfig"), rendering.stack());
            }
        }
        String json = JsonFormat.format(stacks);
        assertFalse(json.contains("get-token"), "the kubeconfig is masked as an output and as the providers' input");
        Map<String, Object> provider = ((List<Map<String, Object>>) layers.get(2).get("resources")).stream()
                .filter(r -> r.get("type").equals("pulumi:providers:kubernetes")).findFirst().orElseThrow();
        assertEquals(JsonFormat.MASK, ((Map<String, Object>) provider.get("inputs")).get("kubeconfig"));
        assertTrue(json.contains("\"aws:eks/cluster:Cluster\""));
    }
}
