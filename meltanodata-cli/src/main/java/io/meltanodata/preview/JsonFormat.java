package io.meltanodata.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code {"layers":[{"layer":1,"project":...,"stack":...,"resources":[{"type","name","parent",
 * "inputs","protect","retainOnDelete"[,"dependsOn"][,"ignoreChanges"]}],"outputs":{...}}]}}, secret
 * outputs masked; {@code dependsOn} and {@code ignoreChanges} only where the options set them.
 */
public final class JsonFormat {
    public static final String MASK = "[secret]";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFormat() {
    }

    public static Map<String, Object> document(List<LayerRendering> renderings) {
        Set<Object> secrets = secretValues(renderings);
        return Map.of("layers", renderings.stream().map(lr -> layer(lr, secrets)).toList());
    }

    /**
     * The values of every secret output of the run. Mocks do not mark secret inputs, so an input
     * holding one of these (a parent's secret output passed on, like the kubeconfig given to a
     * Kubernetes provider) is masked too.
     */
    static Set<Object> secretValues(List<LayerRendering> renderings) {
        Set<Object> values = new java.util.HashSet<>();
        for (LayerRendering lr : renderings) {
            lr.rendering().secretOutputs().forEach(name -> {
                Object value = lr.rendering().outputs().get(name);
                if (value != null) {
                    values.add(value);
                }
            });
        }
        return values;
    }

    /**
     * The document as Jackson's pretty printer writes it. A fleet's preview is large (17 MB for 20 sites),
     * so each stack's object is written on its own, all at once, and set where the printer puts an
     * object two levels deep: after {@code [ } or {@code , }, every further line two spaces in (string
     * values hold no raw line breaks; JSON escapes them).
     */
    public static String format(List<LayerRendering> renderings) {
        if (renderings.isEmpty()) {
            return write(document(renderings)) + "\n";
        }
        Set<Object> secrets = secretValues(renderings);
        List<String> layers = renderings.parallelStream()
                .map(lr -> write(layer(lr, secrets)).replace("\n", "\n  "))
                .toList();
        return "{\n  \"layers\" : [ " + String.join(", ", layers) + " ]\n}\n";
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rendered inputs are plain JSON values", e);
        }
    }

    private static Map<String, Object> layer(LayerRendering lr, Set<Object> secrets) {
        Rendering r = lr.rendering();
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("layer", lr.layer().number());
        layer.put("project", r.project());
        layer.put("stack", r.stack());
        layer.put("resources", r.resources().stream().map(res -> resource(res, secrets)).toList());
        Map<String, Object> outputs = new LinkedHashMap<>();
        r.outputs().forEach((k, v) -> outputs.put(k, r.secretOutputs().contains(k) ? MASK : sorted(v, secrets)));
        layer.put("outputs", outputs);
        return layer;
    }

    /** Maps sorted by key at every depth, so the same topology always prints the same JSON. */
    private static Object sorted(Object value, Set<Object> secrets) {
        if (secrets.contains(value)) {
            return MASK;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v, secrets)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> sorted(v, secrets)).toList();
        }
        return value;
    }

    private static Map<String, Object> resource(RecordedResource res, Set<Object> secrets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", res.type());
        m.put("name", res.name());
        m.put("parent", res.parent().orElse(null));
        m.put("inputs", sorted(res.inputs(), secrets));
        m.put("protect", res.protect());
        m.put("retainOnDelete", res.retainOnDelete());
        if (!res.dependsOn().isEmpty()) {
            m.put("dependsOn", res.dependsOn());
        }
        if (!res.ignoreChanges().isEmpty()) {
            m.put("ignoreChanges", res.ignoreChanges());
        }
        return m;
    }
}
