package io.meltanodata.lifecycle;

import io.meltanodata.components.Json;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.projects.HostedProjectProgram;
import io.meltanodata.projects.rules.Resolution;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Layer 4 stack config that {@code env up} writes for one resolved ref: the keys the branch
 * rules own. Keys the rules do not own ({@code monthlyBudgetUsd}, {@code quota}, ...) are left as
 * an operator set them on the stack. Lists are written as JSON text, which is exactly what the
 * Pulumi CLI hands the program for a YAML list, so no stale {@code key[n]} entry can survive a
 * shorter list.
 */
public record EnvironmentStackConfig(String stackName, Map<String, String> values, List<String> unset) {
    static final String TTL = "meltanodata:ttl";

    public EnvironmentStackConfig {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        unset = List.copyOf(unset);
    }

    /**
     * Config for an activated resolution, running the image the workflow pushed for the ref by its
     * digest. {@code activatedAt} (now) names a new artifacts bucket; an existing stack's bucket keeps
     * its name, so writing it on every up is harmless.
     */
    public static EnvironmentStackConfig of(HostedProjectConfig project, Resolution resolution, String imageDigest,
                                            Instant activatedAt) {
        if (!resolution.activated() || resolution.stackName().isEmpty() || resolution.environment().isEmpty()) {
            throw new IllegalArgumentException(resolution.ref().full() + " is not activated");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("aws:region", project.region());
        values.put("meltanodata:projectStack", project.org() + "/" + HostedProjectProgram.PROJECT + "/" + project.site() + "." + project.project());
        values.put("meltanodata:fabric", project.fabric());
        values.put("meltanodata:ref", resolution.ref().full());
        values.put("meltanodata:environment", resolution.environment().get());
        values.put("meltanodata:schedules", Json.write(resolution.schedules()));
        values.put("meltanodata:services", Json.write(resolution.services()));
        values.put("meltanodata:archiveOnDispose", String.valueOf(resolution.archiveOnDispose()));
        values.put("meltanodata:imageDigest", imageDigest);
        values.put("meltanodata:activatedAt", activatedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        resolution.ttl().ifPresent(ttl -> values.put(TTL, text(ttl)));
        return new EnvironmentStackConfig(resolution.stackName().get(), values,
                resolution.ttl().isPresent() ? List.of() : List.of(TTL));
    }

    /** {@code 72h} rather than {@code PT72H} when the TTL is whole hours, as people write it in stack files. */
    static String text(Duration ttl) {
        return ttl.toSecondsPart() == 0 && ttl.toMinutesPart() == 0 ? ttl.toHours() + "h" : ttl.toString();
    }

    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
