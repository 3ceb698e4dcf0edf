package io.meltanodata.deployments.projects;

import io.meltanodata.components.LayerApp;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.projects.HostedProjectProgram;

/** {@code pulumi up} entry point of Layer 3. */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        LayerApp.run(HostedProjectConfig::load, HostedProjectProgram::run);
    }
}
