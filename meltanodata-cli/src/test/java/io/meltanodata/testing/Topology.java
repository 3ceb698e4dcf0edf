package io.meltanodata.testing;

import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.servicefabric.ServiceFabricConfig;
import io.meltanodata.servicefabric.ServiceFabricProgram;
import io.meltanodata.siteinstances.SiteInstanceConfig;
import io.meltanodata.siteinstances.SiteInstanceProgram;

import java.util.HashMap;
import java.util.Map;

/**
 * Renders the real layers in order for tests of the layers above: the fabric {@code dev} once,
 * then sites on it, each reading its parent's actual outputs.
 */
public final class Topology {
    public static final String FABRIC_STACK = "organization/meltanodata-service-fabric/dev";
    public static final String SITE_STACK = "organization/meltanodata-site-instance/acme";
    public static final String PROJECT_STACK = "organization/meltanodata-hosted-project/acme.analytics";
    private static Map<String, Object> analyticsOutputs;
    private static Map<String, Object> fabricOutputs;
    private static Map<String, Object> acmeOutputs;

    private Topology() {
    }

    public static synchronized Map<String, Object> fabricOutputs() {
        if (fabricOutputs == null) {
            Map<String, String> config = Map.of(
                    "aws:region", LayerHarness.REGION,
                    "meltanodata:platformAdmins", "[\"arn:aws:iam::111122223333:role/PlatformAdmin\"]",
                    "meltanodata:apiImage", "ghcr.io/meltanodata/api:0.1.0");
            ServiceFabricConfig fabric = ServiceFabricConfig.load(MapConfigSource.of("Pulumi.dev.yaml", config), "dev");
            fabricOutputs = LayerHarness.stack(ServiceFabricProgram.PROJECT, "dev")
                    .render(ctx -> ServiceFabricProgram.run(ctx, fabric)).outputs();
        }
        return fabricOutputs;
    }

    /** The outputs of site acme (default groups) on fabric dev. */
    public static synchronized Map<String, Object> acmeOutputs() {
        if (acmeOutputs == null) {
            acmeOutputs = site("acme", siteConfig()).outputs();
        }
        return acmeOutputs;
    }

    public static LayerHarness projectHarness(String stack) {
        return LayerHarness.stack("meltanodata-hosted-project", stack).parentStack(SITE_STACK, acmeOutputs());
    }

    /** The outputs of the example project acme.analytics (deployments/03_projects) on site acme. */
    public static synchronized Map<String, Object> analyticsOutputs() {
        if (analyticsOutputs == null) {
            var config = io.meltanodata.projects.HostedProjectConfig.load(io.meltanodata.components.config.StackFile.read(
                    java.nio.file.Path.of("..", "deployments", "03_projects", "Pulumi.acme.analytics.yaml")), "acme.analytics");
            analyticsOutputs = projectHarness("acme.analytics")
                    .render(ctx -> io.meltanodata.projects.HostedProjectProgram.run(ctx, config)).outputs();
        }
        return analyticsOutputs;
    }

    public static LayerHarness environmentHarness(String stack, Map<String, Object> projectOutputs) {
        return LayerHarness.stack("meltanodata-activated-environment", stack).parentStack(PROJECT_STACK, projectOutputs);
    }

    /** A minimal valid site config, to vary in tests. */
    public static Map<String, String> siteConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("aws:region", LayerHarness.REGION);
        config.put("meltanodata:fabricStack", FABRIC_STACK);
        return config;
    }

    public static LayerHarness siteHarness(String site) {
        return LayerHarness.stack(SiteInstanceProgram.PROJECT, site).parentStack(FABRIC_STACK, fabricOutputs());
    }

    public static Rendering site(String site, Map<String, String> config) {
        SiteInstanceConfig typed = SiteInstanceConfig.load(MapConfigSource.of("Pulumi." + site + ".yaml", config), site);
        return siteHarness(site).render(ctx -> SiteInstanceProgram.run(ctx, typed));
    }
}
