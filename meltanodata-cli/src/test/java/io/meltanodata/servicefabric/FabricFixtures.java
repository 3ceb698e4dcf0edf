package io.meltanodata.servicefabric;

import io.meltanodata.components.config.ConfigSource;
import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.LayerHarness;

import java.util.HashMap;
import java.util.Map;

/** A valid fabric config to vary in tests, and rendering helpers. */
final class FabricFixtures {
    static final String ORIGIN = "Pulumi.test.yaml";

    private FabricFixtures() {
    }

    static Map<String, String> validConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("aws:region", "eu-west-1");
        config.put("meltanodata:platformAdmins", "[\"arn:aws:iam::111122223333:role/PlatformAdmin\"]");
        config.put("meltanodata:alertEmails", "[\"alerts@example.com\"]");
        config.put("meltanodata:apiImage", "ghcr.io/meltanodata/api:0.1.0");
        return config;
    }

    static ConfigSource source(Map<String, String> values) {
        return MapConfigSource.of(ORIGIN, values);
    }

    static Rendering render(Map<String, String> values) {
        ServiceFabricConfig config = ServiceFabricConfig.load(source(values), "test");
        return LayerHarness.stack(ServiceFabricProgram.PROJECT, "test")
                .render(ctx -> ServiceFabricProgram.run(ctx, config));
    }

    static Map<String, String> with(String key, String value) {
        Map<String, String> config = validConfig();
        config.put(key, value);
        return config;
    }
}
