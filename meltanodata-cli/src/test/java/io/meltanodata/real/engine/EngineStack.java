package io.meltanodata.real.engine;

import java.nio.file.Path;

/**
 * One stack of the suite: its layer directory under {@code deployments/}, its Pulumi project and
 * its name, deployed from the committed {@code Pulumi.<name>.yaml}.
 */
record EngineStack(String layer, String project, String name) {

    static final EngineStack FABRIC = new EngineStack("01_service_fabric", "meltanodata-service-fabric", "dev");
    static final EngineStack ACME = new EngineStack("02_site_instances", "meltanodata-site-instance", "acme");
    static final EngineStack GLOBEX = new EngineStack("02_site_instances", "meltanodata-site-instance", "globex");
    static final EngineStack ANALYTICS = new EngineStack("03_projects", "meltanodata-hosted-project", "acme.analytics");
    static final EngineStack MAIN = new EngineStack("04_environments", "meltanodata-activated-environment",
            "acme.analytics.prod.main");
    static final EngineStack FEATURE = new EngineStack("04_environments", "meltanodata-activated-environment",
            "acme.analytics.dev.feature-login-78f299f7");

    Path directory(Path repository) {
        return repository.resolve("deployments").resolve(layer);
    }

    String stackFile() {
        return "Pulumi." + name + ".yaml";
    }

    String qualified() {
        return "organization/" + project + "/" + name;
    }
}
