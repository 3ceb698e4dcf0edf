package io.meltanodata.real.meltano;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.testing.Command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image pulled by reference (a registry's, by digest) into buildah's storage as one working
 * container, mounted: the root filesystem every container started from it shares, mounted read-only
 * by each ({@link ImageContainer}), so no container can change what the next one sees. Its config
 * (environment, working directory, user) is the image's, as a container runtime reads it.
 */
final class ImageRootfs implements AutoCloseable {
    private final Path bin;
    private final String container;
    private final Path rootfs;
    private final Map<String, String> env;
    private final String workingDir;
    private final String user;

    private ImageRootfs(Path bin, String container, Path rootfs, Map<String, String> env, String workingDir, String user) {
        this.bin = bin;
        this.container = container;
        this.rootfs = rootfs;
        this.env = env;
        this.workingDir = workingDir;
        this.user = user;
    }

    /** {@code buildah from} the image (pulled if not in storage; {@code --tls-verify=false}: a loopback registry over HTTP). */
    @SuppressWarnings("unchecked")
    static ImageRootfs pull(Path bin, String image) throws Exception {
        String container = Command.lastLine(buildah(bin, Duration.ofMinutes(10), "from", "--tls-verify=false", "--pull=false",
                "-q", image)).trim();
        Path rootfs = Path.of(Command.lastLine(buildah(bin, Duration.ofMinutes(1), "mount", container)).trim());
        Map<String, Object> inspected = new ObjectMapper().readValue(buildah(bin, Duration.ofMinutes(1), "inspect", "--type",
                "container", container), Map.class);
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) inspected.get("OCIv1")).get("config");
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : (List<String>) config.getOrDefault("Env", List.of())) {
            int equals = entry.indexOf('=');
            env.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return new ImageRootfs(bin, container, rootfs, env, (String) config.getOrDefault("WorkingDir", "/"),
                (String) config.getOrDefault("User", ""));
    }

    static String buildah(Path bin, Duration timeout, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(bin.resolve("buildah").toString()));
        command.addAll(List.of(args));
        return Command.require(Path.of("").toAbsolutePath(), Map.of(), timeout, command);
    }

    Path rootfs() {
        return rootfs;
    }

    Map<String, String> env() {
        return env;
    }

    String workingDir() {
        return workingDir;
    }

    /** The image's USER ({@code uid[:gid]}), which a pod's runAsUser overrides. */
    String user() {
        return user;
    }

    @Override
    public void close() {
        buildah(bin, Duration.ofMinutes(1), "umount", container);
        buildah(bin, Duration.ofMinutes(1), "rm", container);
    }
}
