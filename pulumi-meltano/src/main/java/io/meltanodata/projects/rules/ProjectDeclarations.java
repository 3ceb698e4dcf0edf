package io.meltanodata.projects.rules;

import java.util.Set;

/** What a Meltano project declares, as far as branch rules care. */
public interface ProjectDeclarations {
    Set<String> environments();

    /** Schedule names (project-wide in Meltano). */
    Set<String> schedules();

    /** {@code <plugin>:<command>} of every plugin command: what can run as a long-lived service. */
    Set<String> services();

    static ProjectDeclarations of(Set<String> environments, Set<String> schedules, Set<String> services) {
        record Declared(Set<String> environments, Set<String> schedules, Set<String> services)
                implements ProjectDeclarations {
        }
        return new Declared(Set.copyOf(environments), Set.copyOf(schedules), Set.copyOf(services));
    }
}
