package io.meltanodata.preview;

import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.environments.ActivatedEnvironmentConfig;
import io.meltanodata.environments.ActivatedEnvironmentProgram;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.projects.HostedProjectProgram;
import io.meltanodata.servicefabric.ServiceFabricConfig;
import io.meltanodata.servicefabric.ServiceFabricProgram;
import io.meltanodata.siteinstances.SiteInstanceConfig;
import io.meltanodata.siteinstances.SiteInstanceProgram;

import java.util.List;

/** The layers the offline preview knows, in order. */
public final class Layers {

    private Layers() {
    }

    public static List<LayerDefinition<?>> all() {
        return List.of(
                new LayerDefinition<>(Layer.SERVICE_FABRIC, ServiceFabricProgram.PROJECT, ServiceFabricConfig::load,
                        (ctx, config) -> ServiceFabricProgram.run(ctx, config)),
                new LayerDefinition<>(Layer.SITE_INSTANCE, SiteInstanceProgram.PROJECT, SiteInstanceConfig::load,
                        (ctx, config) -> SiteInstanceProgram.run(ctx, config)),
                new LayerDefinition<>(Layer.HOSTED_PROJECT, HostedProjectProgram.PROJECT, HostedProjectConfig::load,
                        (ctx, config) -> HostedProjectProgram.run(ctx, config)),
                new LayerDefinition<>(Layer.ACTIVATED_ENVIRONMENT, ActivatedEnvironmentProgram.PROJECT,
                        ActivatedEnvironmentConfig::load, (ctx, config) -> ActivatedEnvironmentProgram.run(ctx, config)));
    }
}
