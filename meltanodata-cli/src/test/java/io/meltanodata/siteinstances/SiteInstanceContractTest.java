package io.meltanodata.siteinstances;

import io.meltanodata.components.config.StackFile;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteInstanceContractTest {
    static final Path DEPLOYMENT = Path.of("..", "deployments", "02_site_instances");

    @Test
    void exportsExactlyTheContractWithGroupsAndAclForTheLayersAbove() {
        Map<String, String> config = Topology.siteConfig();
        config.put("meltanodata:acl", "[{\"group\":\"developer\",\"permission\":\"deploy\",\"projects\":[\"analytics\"],\"environments\":[\"dev\"]}]");
        Rendering acme = Topology.site("acme", config);
        assertEquals(new TreeSet<>(SiteInstanceOutputs.NAMES), new TreeSet<>(acme.outputs().keySet()));
        assertEquals(Set.of("kubeconfig"), acme.secretOutputs());
        assertEquals(Map.of("meltanodata.io/site", "acme"), acme.outputs().get("nodeSelector"));
        assertEquals(Map.of("key", "meltanodata.io/site", "value", "acme", "effect", "NoSchedule"), acme.outputs().get("nodeTaint"));
        assertEquals(List.of(Map.of("group", "developer", "permission", "deploy", "projects", List.of("analytics"),
                "environments", List.of("dev"))), acme.outputs().get("acl"));
        @SuppressWarnings("unchecked")
        Map<String, Object> developer = (Map<String, Object>) ((Map<String, Object>) acme.outputs().get("groups")).get("developer");
        assertEquals("meltanodata-acme-developer", developer.get("kubernetesGroup"));
        assertEquals("meltanodata/dev/acme/", acme.outputs().get("secretsPrefix"));
        assertEquals("dev/acme/", acme.outputs().get("registryPrefix"));
        assertEquals(Topology.fabricOutputs().get("clusterName"), acme.outputs().get("clusterName"), "passed through from the fabric");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "globex"})
    void theBundledExampleSitesRender(String site) {
        SiteInstanceConfig config = SiteInstanceConfig.load(StackFile.read(DEPLOYMENT.resolve("Pulumi." + site + ".yaml")), site);
        Rendering rendering = Topology.siteHarness(site).render(ctx -> SiteInstanceProgram.run(ctx, config));
        assertEquals(site, rendering.outputs().get("site"));
        assertTrue(rendering.resources().size() > 25, site + ": " + rendering.resources().size());
    }
}
