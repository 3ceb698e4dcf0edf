package io.meltanodata.real.kube;

import io.meltanodata.components.chargeback.Layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes object as a layer program rendered it: the inputs of one {@code kubernetes:*}
 * resource, which for the Kubernetes provider are the object itself (apiVersion, kind, metadata,
 * spec...).
 *
 * @param layer    the layer whose stack rendered it
 * @param stack    the stack
 * @param resource the Pulumi resource name
 * @param object   the manifest
 */
record Manifest(Layer layer, String stack, String resource, Map<String, Object> object) {
    static final String SITE_LABEL = "meltanodata.io/site";

    String apiVersion() {
        return String.valueOf(object.get("apiVersion"));
    }

    String kind() {
        return String.valueOf(object.get("kind"));
    }

    String group() {
        String apiVersion = apiVersion();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    String name() {
        return String.valueOf(metadata().get("name"));
    }

    /** Empty for cluster-scoped objects. */
    String namespace() {
        Object namespace = metadata().get("namespace");
        return namespace == null ? "" : namespace.toString();
    }

    String label(String key) {
        Object labels = metadata().get("labels");
        return labels instanceof Map<?, ?> m && m.get(key) != null ? m.get(key).toString() : "";
    }

    String site() {
        return label(SITE_LABEL);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> metadata() {
        return (Map<String, Object>) object.getOrDefault("metadata", Map.of());
    }

    /** {@code Kind namespace/name} or {@code Kind name}. */
    String describe() {
        return kind() + " " + (namespace().isEmpty() ? "" : namespace() + "/") + name();
    }

    /**
     * Pulumi hands numbers to providers as doubles; the Kubernetes provider writes whole ones as
     * integers (an int32 field does not accept {@code 1.0}). This does the same.
     */
    static Object integral(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), integral(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Manifest::integral).toList();
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.longValue();
        }
        return value;
    }
}
