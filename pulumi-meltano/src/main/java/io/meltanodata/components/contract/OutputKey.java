package io.meltanodata.components.contract;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One named, typed output of a layer's stack: defined once in the layer's contract and used
 * both to export the value and to read it back through a {@code StackReference}.
 *
 * @param name   the stack output name
 * @param decode turns the value as a StackReference returns it (String, Double, Boolean, List,
 *               Map) back into the exported type
 * @param secret whether the output is exported as a secret
 */
public record OutputKey<T>(String name, Function<Object, T> decode, boolean secret) {

    public static OutputKey<String> text(String name) {
        return new OutputKey<>(name, v -> v == null ? null : String.valueOf(v), false);
    }

    public static OutputKey<Boolean> bool(String name) {
        return new OutputKey<>(name, v -> v == null ? null : (Boolean) v, false);
    }

    @SuppressWarnings("unchecked")
    public static OutputKey<List<String>> textList(String name) {
        return new OutputKey<>(name, v -> v == null ? null
                : ((List<Object>) v).stream().map(String::valueOf).toList(), false);
    }

    @SuppressWarnings("unchecked")
    public static OutputKey<Map<String, Object>> map(String name) {
        return new OutputKey<>(name, v -> (Map<String, Object>) v, false);
    }

    @SuppressWarnings("unchecked")
    public static OutputKey<List<Map<String, Object>>> mapList(String name) {
        return new OutputKey<>(name, v -> (List<Map<String, Object>>) v, false);
    }

    public OutputKey<T> asSecret() {
        return new OutputKey<>(name, decode, true);
    }
}
