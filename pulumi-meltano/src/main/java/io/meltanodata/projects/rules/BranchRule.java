package io.meltanodata.projects.rules;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One ordered rule: refs matching {@code ref} map to Meltano {@code environment}; when
 * {@code activated}, an environment stack runs the listed services, disposed after {@code ttl}
 * (ephemeral environments) and archived on dispose when {@code archiveOnDispose}.
 *
 * @param services {@code schedules} (all the project's schedules), {@code schedule:<name>},
 *                 {@code service:<plugin>:<command>}
 */
public record BranchRule(String name, RefPattern ref, String environment, boolean activated, List<String> services,
                         Optional<Duration> ttl, boolean archiveOnDispose) {
    public static final String ALL_SCHEDULES = "schedules";
    public static final String SCHEDULE_PREFIX = "schedule:";
    public static final String SERVICE_PREFIX = "service:";

    public BranchRule {
        services = List.copyOf(services);
    }
}
