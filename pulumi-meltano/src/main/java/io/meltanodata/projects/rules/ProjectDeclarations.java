package io.meltanodata.projects.rules;

import java.util.Map;
import java.util.Set;

/** What a Meltano project declares, as far as branch rules care. */
public interface ProjectDeclarations {
    Set<String> environments();

    /** Schedule names (project-wide in Meltano). */
    Set<String> schedules();

    /** {@code <plugin>:<command>} of every plugin command: what can run as a long-lived service. */
    Set<String> services();

    /** Schedules that cannot run, each with the reason (a subset of {@link #schedules()}). */
    Map<String, String> brokenSchedules();

    /** Services the platform image cannot serve, each with the reason (a subset of {@link #services()}). */
    Map<String, String> unservableServices();

    static ProjectDeclarations of(Set<String> environments, Set<String> schedules, Set<String> services) {
        return of(environments, schedules, services, Map.of());
    }

    static ProjectDeclarations of(Set<String> environments, Set<String> schedules, Set<String> services,
                                  Map<String, String> brokenSchedules) {
        return of(environments, schedules, services, brokenSchedules, Map.of());
    }

    static ProjectDeclarations of(Set<String> environments, Set<String> schedules, Set<String> services,
                                  Map<String, String> brokenSchedules, Map<String, String> unservableServices) {
        record Declared(Set<String> environments, Set<String> schedules, Set<String> services,
                        Map<String, String> brokenSchedules, Map<String, String> unservableServices)
                implements ProjectDeclarations {
        }
        return new Declared(Set.copyOf(environments), Set.copyOf(schedules), Set.copyOf(services),
                Map.copyOf(brokenSchedules), Map.copyOf(unservableServices));
    }
}
