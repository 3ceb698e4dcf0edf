package io.meltanodata.projects.meltano;

import java.util.Map;
import java.util.Optional;

/** A Meltano environment: its name, its {@code env:} variables and its state id suffix. */
public record MeltanoEnvironment(String name, Map<String, String> env, Optional<String> stateIdSuffix, String file) {
    public MeltanoEnvironment {
        env = Map.copyOf(env);
    }
}
