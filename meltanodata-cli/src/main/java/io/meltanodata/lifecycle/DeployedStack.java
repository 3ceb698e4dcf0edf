package io.meltanodata.lifecycle;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A stack of the Layer 4 project as the backend knows it.
 *
 * @param config           the config its last update ran with (as {@code pulumi stack history} recorded it);
 *                         for a stack never updated, the working directory's config file, if any
 * @param updated          whether the backend records an update (one that created resources)
 * @param lastUpdate       when it was last updated, as {@code pulumi stack ls} says
 * @param updateInProgress whether an update is running now
 */
public record DeployedStack(String name, Map<String, String> config, boolean updated, Optional<Instant> lastUpdate,
                            boolean updateInProgress) {
    public DeployedStack {
        config = Map.copyOf(config);
    }

    public Optional<String> value(String key) {
        return Optional.ofNullable(config.get(key));
    }
}
