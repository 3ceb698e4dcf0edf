package io.meltanodata.components.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.components.UserInputException;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code Pulumi.<stack>.yaml} file into a {@link ConfigSource} the way the Pulumi CLI
 * would pass it to the program: structured values become JSON, {@code secure:} values are kept
 * as an opaque placeholder (they cannot be decrypted offline) and marked secret.
 */
public final class StackFile {
    public static final String SECRET_PLACEHOLDER = "[secret]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StackFile() {
    }

    public static ConfigSource read(Path file) {
        String origin = file.getFileName().toString();
        MapConfigSource source = (MapConfigSource) fromDocument(origin, Yaml.read(file, origin));
        Path directory = file.toAbsolutePath().getParent();
        return new MapConfigSource(source.origin(), source.values(), source.secretKeys(), directory);
    }

    public static ConfigSource parse(String origin, String yaml) {
        return fromDocument(origin, Yaml.parse(origin, yaml));
    }

    private static ConfigSource fromDocument(String origin, Object document) {
        if (document == null) {
            return MapConfigSource.of(origin, Map.of());
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new UserInputException(origin + ": a stack file is a mapping with a 'config:' key");
        }
        Object config = root.get("config");
        if (config == null) {
            return MapConfigSource.of(origin, Map.of());
        }
        if (!(config instanceof Map<?, ?> entries)) {
            throw new UserInputException(origin + ": 'config' must be a mapping of keys to values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secrets = new HashSet<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("secure")) {
                values.put(key, SECRET_PLACEHOLDER);
                secrets.add(key);
            } else {
                values.put(key, asConfigText(origin, key, value));
                if (holdsSecret(value)) {
                    secrets.add(key); // as Pulumi does for `config set --path --secret key[0]`
                }
            }
        }
        return new MapConfigSource(origin, values, secrets);
    }

    private static boolean holdsSecret(Object value) {
        if (value instanceof Map<?, ?> m) {
            return (m.size() == 1 && m.containsKey("secure")) || m.values().stream().anyMatch(StackFile::holdsSecret);
        }
        return value instanceof Iterable<?> list && java.util.stream.StreamSupport.stream(list.spliterator(), false)
                .anyMatch(StackFile::holdsSecret);
    }

    private static String asConfigText(String origin, String key, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new UserInputException(origin + ": config key '" + key + "' cannot be represented as JSON");
            }
        }
        return String.valueOf(value);
    }
}
