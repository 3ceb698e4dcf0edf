package io.meltanodata.limits;

import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.environments.ActivatedEnvironmentConfig;
import io.meltanodata.environments.ActivatedEnvironmentProgram;
import io.meltanodata.preview.Rendering;
import io.meltanodata.projects.HostedProjectConfig;
import io.meltanodata.projects.HostedProjectProgram;
import io.meltanodata.servicefabric.ServiceFabricConfig;
import io.meltanodata.servicefabric.ServiceFabricProgram;
import io.meltanodata.siteinstances.SiteInstanceConfig;
import io.meltanodata.siteinstances.SiteInstanceProgram;
import io.meltanodata.testing.LayerHarness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The four layers rendered in order, each from its parent's outputs, with every name at the longest
 * its config accepts: a fabric, site and project of the given lengths (together at most
 * {@code ProjectNamePrefix.MAX_TOGETHER}), the longest region the region pattern admits, the longest
 * domain (the API and UI certificates, the Ingress and the records with it), a
 * 63-character Meltano environment, a 200-character branch, and schedules of 128 characters (the
 * longest Meltano name the config takes), in a Meltano project written for the purpose.
 */
public record LongestNames(String fabric, String site, String project, List<Rendering> layers) {
    /** Fabric, site and project lengths at three corners of their budget: the longest site, the longest fabric with a project, the longest project. */
    public static final int[][] CORNERS = {{16, 20, 4}, {16, 2, 22}, {1, 9, 30}};
    public static final String REGION = "us-gov-southeast-10";
    /** The longest domain the fabric config takes: its API's certificate, api.&lt;domain&gt;, holds ACM's 64. */
    static final String DOMAIN = "d".repeat(56) + ".com";
    /** The environment's stack: {@code <site>.<project>.longest}. */
    public static final String ENVIRONMENT_STACK = "longest";
    static final String ENVIRONMENT = "E" + "n".repeat(62);
    static final String REF = "refs/heads/feature/" + "r".repeat(200);
    /** The longest secret name the project config takes. */
    static final String SECRET = "S" + "E".repeat(127);
    static final List<String> SCHEDULES = List.of("s" + "a".repeat(127), "s" + "a".repeat(126) + "b");

    static String name(char first, int length) {
        StringBuilder name = new StringBuilder().append(first);
        for (int i = 1; i < length; i++) {
            name.append((char) ('a' + i % 26));
        }
        return name.toString();
    }

    /** Renders the four layers for a fabric, site and project of these lengths. */
    public static LongestNames render(int fabricLength, int siteLength, int projectLength, Path workDir) {
        String fabric = name('f', fabricLength);
        String site = name('s', siteLength);
        String project = name('p', projectLength);
        ServiceFabricConfig fabricConfig = ServiceFabricConfig.load(MapConfigSource.of("Pulumi." + fabric + ".yaml", Map.of(
                "aws:region", REGION,
                "meltanodata:platformAdmins", "[\"arn:aws:iam::111122223333:role/PlatformAdmin\"]",
                "meltanodata:apiImage", "ghcr.io/meltanodata/api:0.1.0",
                "meltanodata:domain", DOMAIN, "meltanodata:hostedZoneId", "Z0123456789ABCDEFGHIJ")), fabric);
        String fabricStack = "organization/meltanodata-service-fabric/" + fabric;
        Rendering fabricRendering = LayerHarness.stack(ServiceFabricProgram.PROJECT, fabric).region(REGION)
                .render(ctx -> ServiceFabricProgram.run(ctx, fabricConfig));

        SiteInstanceConfig siteConfig = SiteInstanceConfig.load(MapConfigSource.of("Pulumi." + site + ".yaml", Map.of(
                "aws:region", REGION, "meltanodata:fabricStack", fabricStack)), site);
        Rendering siteRendering = LayerHarness.stack(SiteInstanceProgram.PROJECT, site).region(REGION)
                .parentStack(fabricStack, fabricRendering.outputs())
                .render(ctx -> SiteInstanceProgram.run(ctx, siteConfig));

        String siteStack = "organization/meltanodata-site-instance/" + site;
        String projectStackName = site + "." + project;
        HostedProjectConfig projectConfig = HostedProjectConfig.load(new MapConfigSource("Pulumi." + projectStackName + ".yaml",
                projectConfig(fabric, siteStack), java.util.Set.of(), meltanoProject(workDir).getParent()), projectStackName);
        Rendering projectRendering = LayerHarness.stack(HostedProjectProgram.PROJECT, projectStackName).region(REGION)
                .parentStack(siteStack, siteRendering.outputs())
                .render(ctx -> HostedProjectProgram.run(ctx, projectConfig));

        String projectStack = "organization/meltanodata-hosted-project/" + projectStackName;
        String environmentStack = projectStackName + "." + ENVIRONMENT_STACK;
        ActivatedEnvironmentConfig environmentConfig = ActivatedEnvironmentConfig.load(MapConfigSource.of(
                "Pulumi." + environmentStack + ".yaml", environmentConfig(fabric, projectStack)), environmentStack);
        Rendering environmentRendering = LayerHarness.stack(ActivatedEnvironmentProgram.PROJECT, environmentStack).region(REGION)
                .parentStack(projectStack, projectRendering.outputs())
                .render(ctx -> ActivatedEnvironmentProgram.run(ctx, environmentConfig));
        return new LongestNames(fabric, site, project, List.of(fabricRendering, siteRendering, projectRendering, environmentRendering));
    }

    static Map<String, String> projectConfig(String fabric, String siteStack) {
        return Map.of(
                "aws:region", REGION,
                "meltanodata:siteStack", siteStack,
                "meltanodata:fabric", fabric,
                "meltanodata:repository", "acme/analytics",
                "meltanodata:meltanoProject", "meltano",
                "meltanodata:secrets", "[\"" + SECRET + "\"]",
                "meltanodata:branchRules", "[{\"name\":\"longest\",\"ref\":\"feature/**\",\"environment\":\"" + ENVIRONMENT + "\"}]");
    }

    static Map<String, String> environmentConfig(String fabric, String projectStack) {
        return Map.of(
                "aws:region", REGION,
                "meltanodata:projectStack", projectStack,
                "meltanodata:fabric", fabric,
                "meltanodata:ref", REF,
                "meltanodata:environment", ENVIRONMENT,
                "meltanodata:imageDigest", "sha256:" + "f".repeat(64),
                "meltanodata:activatedAt", "2026-12-31T23:59:59Z",
                "meltanodata:schedules", "[\"" + String.join("\",\"", SCHEDULES) + "\"]");
    }

    /** A Meltano project whose environment and schedules have the longest names the config takes. */
    static Path meltanoProject(Path workDir) {
        Path dir = workDir.resolve("stacks").resolve("meltano");
        StringBuilder yml = new StringBuilder("""
                version: 1
                default_environment: %s
                environments:
                  - name: %s
                plugins:
                  extractors:
                    - name: tap-x
                      pip_url: tap-x
                  loaders:
                    - name: target-y
                      pip_url: target-y
                jobs:
                  - name: load
                    tasks:
                      - tap-x target-y
                schedules:
                """.formatted(ENVIRONMENT, ENVIRONMENT));
        for (String schedule : SCHEDULES) {
            yml.append("  - name: ").append(schedule).append("\n    job: load\n    interval: '@hourly'\n");
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("meltano.yml"), yml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public Rendering environment() {
        return layers.get(3);
    }
}
