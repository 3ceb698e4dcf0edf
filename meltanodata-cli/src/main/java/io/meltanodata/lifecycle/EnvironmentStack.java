package io.meltanodata.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A Layer 4 stack as the backend knows it: its name, the ref and TTL it was deployed with, and
 * when it was last updated. An ephemeral environment expires {@code ttl} after its last update,
 * so every push to its branch (which runs {@code env up}) keeps it alive.
 */
public record EnvironmentStack(String name, Optional<String> ref, Optional<Duration> ttl, Optional<Instant> lastUpdate,
                               boolean updateInProgress) {

    public Optional<Instant> expiresAt() {
        return ttl.flatMap(t -> lastUpdate.map(u -> u.plus(t)));
    }

    /** Expired, and safe to dispose now: not long-lived, never-updated or being updated. */
    public boolean expired(Instant now) {
        return !updateInProgress && expiresAt().map(now::isAfter).orElse(false);
    }
}
