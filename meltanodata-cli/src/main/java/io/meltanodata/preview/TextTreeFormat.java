package io.meltanodata.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.meltanodata.components.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tree per stack, like {@code pulumi preview}: type, name and the few inputs a reviewer looks at first. */
public final class TextTreeFormat {
    private static final List<String> KEY_INPUTS = List.of("cidrBlock", "availabilityZone", "bucket", "name",
            "roleName", "metadata.name", "metadata.namespace", "schedule", "version", "addonName", "accessConfig.authenticationMode",
            "retentionInDays", "enableKeyRotation", "principalArn", "policyArn", "repositoryUrl", "imageTagMutability",
            "spec.schedule", "spec.suspend");
    private static final int MAX_KEY_INPUTS = 3;
    private static final ObjectMapper SORTED = Json.mapper().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TextTreeFormat() {
    }

    public static String format(List<LayerRendering> renderings) {
        StringBuilder out = new StringBuilder();
        for (LayerRendering lr : renderings) {
            Rendering r = lr.rendering();
            long count = r.resources().stream().filter(res -> !res.isComponent()).count();
            out.append(String.format("Layer %d %s  %s/%s  (%d resources)%n", lr.layer().number(),
                    lr.layer().slug(), r.project(), r.stack(), count));
            String stackNode = r.ofType(RecordedResource.STACK_TYPE).stream().map(RecordedResource::name)
                    .findFirst().orElse("");
            Map<String, List<RecordedResource>> children = new LinkedHashMap<>();
            for (RecordedResource res : r.resources()) {
                String parent = res.parent().orElse(res.type().equals(RecordedResource.STACK_TYPE) ? "" : stackNode);
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(res);
            }
            printChildren(out, children, "", "    ");
            if (!r.outputs().isEmpty()) {
                out.append("    Outputs:\n");
                r.outputs().forEach((name, value) -> out.append("      ").append(name).append(": ")
                        .append(r.secretOutputs().contains(name) ? "[secret]" : abbreviate(plain(value)))
                        .append('\n'));
            }
            out.append('\n');
        }
        out.append("Summary:\n");
        for (LayerRendering lr : renderings) {
            out.append(String.format("  layer %d  %-50s %4d resources%n", lr.layer().number(),
                    lr.rendering().project() + "/" + lr.rendering().stack(),
                    lr.rendering().resources().stream().filter(res -> !res.isComponent()).count()));
        }
        return out.toString();
    }

    private static void printChildren(StringBuilder out, Map<String, List<RecordedResource>> children, String parent,
                                      String indent) {
        List<RecordedResource> list = children.getOrDefault(parent, List.of());
        for (int i = 0; i < list.size(); i++) {
            RecordedResource res = list.get(i);
            boolean last = i == list.size() - 1;
            out.append(indent).append(parent.isEmpty() ? "+ " : (last ? "└─ " : "├─ "))
                    .append(res.type()).append("  ").append(res.name());
            keyInputs(res).forEach((k, v) -> out.append("  ").append(k).append('=').append(v));
            if (res.protect()) {
                out.append("  [protect]");
            }
            if (res.retainOnDelete()) {
                out.append("  [retainOnDelete]");
            }
            out.append('\n');
            if (!res.name().equals(parent)) {
                printChildren(out, children, res.name(), indent + (parent.isEmpty() ? "  " : (last ? "   " : "│  ")));
            }
        }
    }

    private static Map<String, String> keyInputs(RecordedResource res) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String path : KEY_INPUTS) {
            Optional<Object> value = InputPath.get(res.inputs(), path);
            if (value.isPresent() && !(value.get() instanceof Map) && !(value.get() instanceof List)) {
                shown.put(path, abbreviate(String.valueOf(value.get())));
            }
            if (shown.size() == MAX_KEY_INPUTS) {
                break;
            }
        }
        return shown;
    }

    /**
     * Maps and lists as JSON with every map's keys sorted: an output map's order is whatever order
     * the layer built it in ({@code Map.of} changes per JVM run), and display needs no other order.
     */
    private static String plain(Object value) {
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            return String.valueOf(value);
        }
        try {
            return SORTED.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outputs are plain JSON data", e);
        }
    }

    private static String abbreviate(String value) {
        String oneLine = value.replaceAll("\\s+", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }
}
