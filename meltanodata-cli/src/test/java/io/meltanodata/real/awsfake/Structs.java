package io.meltanodata.real.awsfake;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulumi's property maps travel as protobuf {@link Struct}s; the provider works on plain maps.
 * Numbers come back as doubles (protobuf has no integers), which the engine treats the same.
 */
final class Structs {
    /** The engine's marker for a value not known until the resource it depends on exists (previews). */
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    /** The key the engine marks a secret with, and its value, in configuration it sends as is. */
    private static final String SIG = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

    static final ObjectMapper JSON = new ObjectMapper();

    private Structs() {
    }

    static Map<String, Object> toMap(Struct struct) {
        try {
            return JSON.readValue(JsonFormat.printer().print(struct), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot convert a property map: " + e.getMessage(), e);
        }
    }

    static Struct toStruct(Map<String, Object> map) {
        Struct.Builder builder = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(JSON.writeValueAsString(map), builder);
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot convert a property map: " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** The value with every secret replaced by the value it wraps. */
    static Object withoutSecrets(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (SECRET_SIG.equals(map.get(SIG))) {
                return withoutSecrets(map.get("value"));
            }
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((k, v) -> plain.put(String.valueOf(k), withoutSecrets(v)));
            return plain;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Structs::withoutSecrets).toList();
        }
        return value;
    }

    static boolean containsUnknown(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(Structs::containsUnknown);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(Structs::containsUnknown);
        }
        return UNKNOWN.equals(value);
    }
}
