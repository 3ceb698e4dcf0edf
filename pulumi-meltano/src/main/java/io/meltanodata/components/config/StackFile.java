package io.meltanodata.components.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.components.UserInputException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.nio.file.Files;
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
    private static final int MAX_BYTES = 1 << 20;

    private StackFile() {
    }

    public static ConfigSource read(Path file) {
        String origin = file.getFileName().toString();
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UserInputException(origin + ": stack file is larger than 1 MiB");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserInputException(origin + ": cannot read stack file (" + e.getMessage() + ")");
        }
        return parse(origin, text);
    }

    public static ConfigSource parse(String origin, String yaml) {
        Object document;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(origin)
                    .setSchema(new CoreSchema())
                    .setMaxAliasesForCollections(20)
                    .setAllowDuplicateKeys(false)
                    .setCodePointLimit(MAX_BYTES)
                    .build();
            document = new Load(settings).loadFromString(yaml);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new UserInputException(origin + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new UserInputException(origin + ": invalid YAML: " + e.getMessage());
        }
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
            }
        }
        return new MapConfigSource(origin, values, secrets);
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
