package io.meltanodata.components.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Config held in memory: what Pulumi passes a program, a parsed stack file, or a test's values. */
public record MapConfigSource(String origin, Map<String, String> values, Set<String> secretKeys, Path directory)
        implements ConfigSource {

    public MapConfigSource {
        values = Map.copyOf(values);
        secretKeys = Set.copyOf(secretKeys);
    }

    public MapConfigSource(String origin, Map<String, String> values, Set<String> secretKeys) {
        this(origin, values, secretKeys, Path.of(""));
    }

    public static MapConfigSource of(String origin, Map<String, String> values) {
        return new MapConfigSource(origin, values, Set.of());
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public boolean isSecret(String key) {
        return secretKeys.contains(key);
    }
}
