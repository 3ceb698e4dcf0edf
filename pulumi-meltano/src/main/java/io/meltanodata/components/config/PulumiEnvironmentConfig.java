package io.meltanodata.components.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration the Pulumi CLI passes to a program run by {@code pulumi preview/up}: the
 * {@code PULUMI_CONFIG} JSON object (every key, secrets decrypted) and
 * {@code PULUMI_CONFIG_SECRET_KEYS}. Reading it directly, rather than key by key through
 * {@code ctx.config()}, lets a layer reject misspelt keys.
 */
public final class PulumiEnvironmentConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PulumiEnvironmentConfig() {
    }

    /** @param origin how errors name this config: the stack file it comes from, {@code Pulumi.<stack>.yaml} */
    public static ConfigSource read(String origin) {
        return parse(origin, System.getenv("PULUMI_CONFIG"), System.getenv("PULUMI_CONFIG_SECRET_KEYS"));
    }

    static ConfigSource parse(String origin, String configJson, String secretKeysJson) {
        try {
            Map<String, String> values = configJson == null || configJson.isBlank()
                    ? Map.of() : JSON.readValue(configJson, new TypeReference<Map<String, String>>() { });
            Set<String> secrets = secretKeysJson == null || secretKeysJson.isBlank()
                    ? Set.of() : new HashSet<>(JSON.readValue(secretKeysJson, new TypeReference<List<String>>() { }));
            return new MapConfigSource(origin, values, secrets);
        } catch (IOException e) {
            throw new IllegalStateException("PULUMI_CONFIG is not the JSON object the Pulumi CLI writes", e);
        }
    }
}
