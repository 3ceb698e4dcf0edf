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
 * {@code meltano lock} writes (the image's Dockerfile runs it). This writes, in a working copy,
 * a minimal lock file per such plugin from the project's own meltano.yml: name, variant, and
 * placeholders for namespace and pip_url (the meltano.yml's pip_url wins; none is installed).
 */
final class HubStandIn {
    private HubStandIn() {
    }

    static void lock(Path copy, MeltanoProject model) throws IOException {
        for (List<Plugin> plugins : model.plugins().values()) {
            for (Plugin plugin : plugins) {
                if (plugin.variant().isEmpty() || plugin.inheritFrom().isPresent()) {
                    continue;
                }
                Path lock = copy.resolve("plugins/" + plugin.type().key() + "/" + plugin.name() + "--" + plugin.variant().get() + ".lock");
                if (Files.exists(lock)) {
                    continue;
                }
                Files.createDirectories(lock.getParent());
                Map<String, Object> definition = new LinkedHashMap<>();
                definition.put("plugin_type", plugin.type().key());
                definition.put("name", plugin.name());
                definition.put("namespace", plugin.name().replace('-', '_'));
                definition.put("variant", plugin.variant().get());
                definition.put("pip_url", plugin.name());
                Files.writeString(lock, new ObjectMapper().writeValueAsString(definition));
            }
        }
    }
}
