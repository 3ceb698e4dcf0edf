package io.meltanodata.projects.meltano;

import java.util.Arrays;
import java.util.Optional;

/** The plugin types of meltano.yml's {@code plugins:} mapping. */
public enum PluginType {
    EXTRACTORS("extractors"), LOADERS("loaders"), TRANSFORMERS("transformers"), TRANSFORMS("transforms"),
    MAPPERS("mappers"), ORCHESTRATORS("orchestrators"), UTILITIES("utilities"), FILES("files");

    private final String key;

    PluginType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<PluginType> of(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
