package io.meltanodata.deployments.environments;

import io.meltanodata.components.LayerApp;
import io.meltanodata.environments.ActivatedEnvironmentConfig;
import io.meltanodata.environments.ActivatedEnvironmentProgram;

/** {@code pulumi up} entry point of Layer 4. */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        LayerApp.run(ActivatedEnvironmentConfig::load, ActivatedEnvironmentProgram::run);
    }
}
