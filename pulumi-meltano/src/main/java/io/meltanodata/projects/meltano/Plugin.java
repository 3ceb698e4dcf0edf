package io.meltanodata.projects.meltano;

import java.util.List;
import java.util.Optional;

/**
 * A plugin declared in the project.
 *
 * @param namespace set for a custom plugin (one defined by the project, not by Meltano Hub)
 * @param commands  the names of its {@code commands:}; {@code <plugin>:<command>} can run as a
 *                  long-lived service of an environment
 */
public record Plugin(PluginType type, String name, Optional<String> variant, Optional<String> inheritFrom,
                     Optional<String> namespace, List<String> commands, String file) {
    public Plugin {
        commands = List.copyOf(commands);
    }
}
