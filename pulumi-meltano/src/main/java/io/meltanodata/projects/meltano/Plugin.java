package io.meltanodata.projects.meltano;

import java.util.List;
import java.util.Optional;

/**
 * A plugin declared in the project.
 *
 * @param namespace set for a custom plugin (one defined by the project, not by Meltano Hub)
 * @param commands  the names of its {@code commands:}; {@code <plugin>:<command>} can run as a
 *                  long-lived service of an environment
 * @param pipUrl    what Meltano installs for it ({@code pip_url}), when the project says
 */
public record Plugin(PluginType type, String name, Optional<String> variant, Optional<String> inheritFrom,
                     Optional<String> namespace, List<String> commands, String file, Optional<String> pipUrl) {
    public Plugin {
        commands = List.copyOf(commands);
    }
}
