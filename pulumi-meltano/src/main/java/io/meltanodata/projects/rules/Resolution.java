package io.meltanodata.projects.rules;

import io.meltanodata.components.git.GitRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules decide for one git ref: which rule matched (if any), the Meltano environment,
 * whether an environment stack runs, which services, for how long, whether it is archived on
 * dispose, and the Layer 4 stack name.
 */
public record Resolution(GitRef ref, Optional<String> rule, Optional<String> environment, boolean activated,
                         List<String> schedules, List<String> services, Optional<Duration> ttl, boolean archiveOnDispose,
                         Optional<String> stackName) {
    public Resolution {
        schedules = List.copyOf(schedules);
        services = List.copyOf(services);
    }

    public static Resolution notActivated(GitRef ref) {
        return new Resolution(ref, Optional.empty(), Optional.empty(), false, List.of(), List.of(), Optional.empty(),
                false, Optional.empty());
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", ref.full());
        m.put("rule", rule.orElse(null));
        m.put("environment", environment.orElse(null));
        m.put("activated", activated);
        m.put("schedules", schedules);
        m.put("services", services);
        m.put("ttl", ttl.map(Duration::toString).orElse(null));
        m.put("archiveOnDispose", archiveOnDispose);
        m.put("stack", stackName.orElse(null));
        return m;
    }

    public String toText() {
        if (rule.isEmpty()) {
            return ref.full() + ": no rule matches; not activated\n";
        }
        return ref.full() + "\n"
                + "  rule:        " + rule.get() + "\n"
                + "  environment: " + environment.orElse("") + "\n"
                + "  activated:   " + activated + "\n"
                + "  schedules:   " + (schedules.isEmpty() ? "none" : String.join(", ", schedules)) + "\n"
                + "  services:    " + (services.isEmpty() ? "none" : String.join(", ", services)) + "\n"
                + "  ttl:         " + ttl.map(Duration::toString).orElse("none (long-lived)") + "\n"
                + "  archive:     " + archiveOnDispose + "\n"
                + "  stack:       " + stackName.orElse("none") + "\n";
    }
}
