package io.meltanodata.testing;

import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.components.config.StackFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A bundled example stack file's config, with one key changed or removed: the shape of every bad-config case. */
public final class StackFiles {

    private StackFiles() {
    }

    public static Map<String, String> values(Path stackFile) {
        return new HashMap<>(((MapConfigSource) StackFile.read(stackFile)).values());
    }

    /** The file's config with {@code key} set to {@code value}, or removed when {@code value} is null. */
    public static Map<String, String> with(Path stackFile, String key, String value) {
        Map<String, String> values = values(stackFile);
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return values;
    }
}
