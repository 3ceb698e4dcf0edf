package io.meltanodata.projects.meltano;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * What the platform image (deployments/04_environments/image/Dockerfile) can run: Python, Meltano
 * and the plugins it pip-installs at build time; no other language runtime. Plugins known to need one
 * are listed with it, by the package Meltano installs for them (their {@code pip_url}, or for a Hub
 * plugin declared without one, the plugin's name): Evidence's Meltano extension, evidence-ext, runs
 * Evidence with Node.js and npm (Meltano Hub, utilities/evidence; Evidence docs, "Install Evidence").
 */
public final class PlatformImage {
    public static final String DOCKERFILE = "deployments/04_environments/image/Dockerfile";
    static final Map<String, String> NEEDS_RUNTIME = Map.of("evidence-ext", "Node.js", "evidence", "Node.js");

    private PlatformImage() {
    }

    /** The runtime a plugin needs that the image lacks, if any. */
    public static Optional<String> missingRuntime(Plugin plugin) {
        return plugin.pipUrl()
                .map(url -> Arrays.stream(url.trim().split("\\s+")).map(PlatformImage::packageName)
                        .filter(NEEDS_RUNTIME::containsKey).findFirst().map(NEEDS_RUNTIME::get))
                .orElseGet(() -> Optional.ofNullable(NEEDS_RUNTIME.get(plugin.name())));
    }

    /** {@code evidence-ext==0.5}, {@code evidence-ext[x]}, {@code git+https://github.com/o/evidence-ext.git@v1}: evidence-ext. */
    static String packageName(String requirement) {
        String name = requirement.replaceFirst("(?i)^git\\+.*/", "").replaceFirst("(?i)\\.git(@.*)?$", "");
        return name.split("[\\[=<>!~;@ ]", 2)[0].toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
