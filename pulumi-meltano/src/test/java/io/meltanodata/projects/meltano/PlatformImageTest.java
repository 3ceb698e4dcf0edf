package io.meltanodata.projects.meltano;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The platform image runs Python only (deployments/04_environments/image/Dockerfile). Evidence's
 * Meltano extension (Meltano Hub, utilities/evidence: pip_url evidence-ext) runs Evidence, a Node.js
 * application installed with npm (Evidence docs, "System Requirements",
 * https://docs.evidence.dev/guides/system-requirements: "Evidence requires Node.js >=18.13, 20 or 22,
 * and NPM 7 or above").
 */
class PlatformImageTest {
    static Plugin plugin(String name, String pipUrl) {
        return new Plugin(PluginType.UTILITIES, name, Optional.empty(), Optional.empty(), Optional.empty(), List.of("serve"),
                "meltano.yml", Optional.ofNullable(pipUrl));
    }

    @Test
    void evidenceNeedsNodeHoweverItsPackageIsNamed() {
        for (String url : List.of("evidence-ext", "evidence-ext==0.5.2", "Evidence_Ext[dev]>=0.5",
                "git+https://github.com/MeltanoLabs/evidence-ext.git@v0.5", "dbt-core evidence-ext")) {
            assertEquals(Optional.of("Node.js"), PlatformImage.missingRuntime(plugin("dashboards", url)), url);
        }
        assertEquals(Optional.of("Node.js"), PlatformImage.missingRuntime(plugin("evidence", null)),
                "a Hub plugin declared without pip_url installs the Hub's");
    }

    @Test
    void pythonPluginsNeedNothingMore() {
        for (String url : List.of("./apps/events-report", "dbt-core dbt-snowflake", "meltanolabs-tap-github", "evidence-extra")) {
            assertEquals(Optional.empty(), PlatformImage.missingRuntime(plugin("x", url)), url);
        }
        assertEquals(Optional.empty(), PlatformImage.missingRuntime(plugin("evidence", "./my-own-evidence")),
                "the project's own package named evidence is what pip_url says");
    }
}
