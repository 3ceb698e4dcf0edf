package io.meltanodata.components;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** JSON text for the documents we send to AWS and Kubernetes (policies, lifecycle rules, kubeconfig). */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * Serialises plain maps, lists and scalars. Ordered maps ({@code LinkedHashMap},
     * {@code SortedMap}) keep their order; any other map is written with its keys sorted, because
     * {@code Map.of} iterates in an order that changes from one JVM run to the next, and the same
     * config must always give the same document.
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(deterministic(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not plain JSON data: " + e.getOriginalMessage(), e);
        }
    }

    /** {@link #write}, indented for people. */
    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(deterministic(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not plain JSON data: " + e.getOriginalMessage(), e);
        }
    }

    private static Object deterministic(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = map instanceof LinkedHashMap<?, ?> || map instanceof SortedMap<?, ?>
                    ? new LinkedHashMap<>() : new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), deterministic(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Json::deterministic).toList();
        }
        return value;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
