package io.meltanodata.real.meltano;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.projects.meltano.MeltanoProject;
import io.meltanodata.projects.meltano.Plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Meltano Hub is out of reach here, and Meltano needs a definition of every Hub plugin (one with a
 * variant) to load a project: the lock file {@code plugins/<type>/<name>--<variant>.lock} that
 * {@code meltano lock} writes (the image's Dockerfile runs it). This writes, in a working copy, a minimal lock file per
 * Hub plugin (not custom: no namespace; not inherited) from the project's own meltano.yml: name,
 * variant, and placeholders for namespace and pip_url (meltano.yml's pip_url wins; none is installed).
 */
final class HubStandIn {
    /** The variant Meltano looks up for a Hub plugin that names none (its lock file {@code <name>--default.lock}). */
    static final String DEFAULT_VARIANT = "default";

    private HubStandIn() {
    }

    static void lock(Path copy, MeltanoProject model) throws IOException {
        for (List<Plugin> plugins : model.plugins().values()) {
            for (Plugin plugin : plugins) {
                if (plugin.namespace().isPresent() || plugin.inheritFrom().isPresent()) {
                    continue;
                }
                Path lock = copy.resolve("plugins/" + plugin.type().key() + "/" + plugin.name()
                        + "--" + plugin.variant().orElse(DEFAULT_VARIANT) + ".lock");
                if (Files.exists(lock)) {
                    continue;
                }
                write(lock, plugin.type().key(), plugin.name(), plugin.variant().orElse(DEFAULT_VARIANT));
            }
        }
    }

    /** A minimal lock file of a Hub plugin: its type, name and variant, placeholders for namespace and pip_url. */
    static void write(Path lock, String type, String name, String variant) throws IOException {
        Files.createDirectories(lock.getParent());
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("plugin_type", type);
        definition.put("name", name);
        definition.put("namespace", name.replace('-', '_'));
        definition.put("variant", variant);
        definition.put("pip_url", name);
        Files.writeString(lock, new ObjectMapper().writeValueAsString(definition));
    }
}
