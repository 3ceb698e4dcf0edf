package io.meltanodata.deployments.siteinstances;

import io.meltanodata.components.LayerApp;
import io.meltanodata.siteinstances.SiteInstanceConfig;
import io.meltanodata.siteinstances.SiteInstanceProgram;

/** {@code pulumi up} entry point of Layer 2. */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        LayerApp.run(SiteInstanceConfig::load, SiteInstanceProgram::run);
    }
}
