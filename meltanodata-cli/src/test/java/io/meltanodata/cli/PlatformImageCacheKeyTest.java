package io.meltanodata.cli;

import io.meltanodata.testing.Trees;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The -Preal suite's image cache (scripts/platform-image.sh): a build is found again under a key over
 * what goes into the image, computed by {@code platform-image.sh key} without building. The key
 * changes with any file of the Dockerfile's folder, any project file that enters the image (the
 * build context as Dockerfile.dockerignore leaves it: `.env` files at any depth stay out, a nested
 * output folder enters) and the build arguments and labels; it stays for what the ignore file leaves
 * out and for where the project lies.
 */
class PlatformImageCacheKeyTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    Path platformRoot;
    Path project;

    /** A copy of the script and the Dockerfile's folder (the script finds the folder next to itself), and of the example. */
    @BeforeEach
    void copies() throws IOException {
        platformRoot = dir.resolve("platform");
        Files.createDirectories(platformRoot.resolve("scripts"));
        Files.copy(ROOT.resolve("scripts/platform-image.sh"), platformRoot.resolve("scripts/platform-image.sh"));
        Trees.copy(ROOT.resolve("deployments/04_environments/image"), platformRoot.resolve("deployments/04_environments/image"));
        project = dir.resolve("project");
        Trees.copy(ROOT.resolve("examples/meltano-project"), project);
    }

    String key(Path project, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", platformRoot.resolve("scripts/platform-image.sh").toString(), "key",
                project.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.matches("localhost/meltanodata/project:[0-9a-f]{16}"), out);
        return out;
    }

    @Test
    void theKeyIsTheProjectsContentNotItsPlace() throws Exception {
        String key = key(project);
        assertEquals(key, key(project), "the same inputs, the same key");
        Path elsewhere = dir.resolve("elsewhere/analytics");
        Trees.copy(project, elsewhere);
        assertEquals(key, key(elsewhere));
    }

    @Test
    void whatTheIgnoreFileLeavesOutOfTheImageLeavesTheKey() throws Exception {
        String key = key(project);
        for (String left : List.of(".env", "prod.env", "singer/.env", "apps/prod.env", ".git/HEAD", ".github/workflows/x.yml", ".venv/bin/python",
                ".meltano/run/elt.log", "output/events.jsonl")) {
            write(project.resolve(left), "changed " + left);
            assertEquals(key, key(project), left + " does not enter the image");
        }
    }

    @Test
    void everyFileThatEntersTheImageChangesTheKey() throws Exception {
        String key = key(project);
        List<String> seen = new ArrayList<>(List.of(key));
        // a nested output folder is not matched by the root-level pattern: it enters the image
        for (String entering : List.of("meltano.yml", "singer/output/x", "notes with spaces.txt",
                "plugins/extractors/tap-github--meltanolabs.lock")) {
            write(project.resolve(entering), "changed " + entering);
            String changed = key(project);
            assertTrue(!seen.contains(changed), entering + " enters the image, so it changes the key: " + changed);
            seen.add(changed);
        }
    }

    @Test
    void theDockerfilesFolderTheBuildArgumentsAndTheLabelsChangeTheKey() throws Exception {
        String key = key(project, "--install", "tap-events", "--commit", "0123abc", "--label", "io.meltanodata.ref=refs/heads/main");
        assertNotEquals(key, key(project, "--install", "tap-events target-jsonl-files", "--commit", "0123abc",
                "--label", "io.meltanodata.ref=refs/heads/main"));
        assertNotEquals(key, key(project, "--install", "tap-events", "--commit", "4567def", "--label", "io.meltanodata.ref=refs/heads/main"));
        assertNotEquals(key, key(project, "--install", "tap-events", "--commit", "0123abc", "--label", "io.meltanodata.ref=refs/heads/dev"));
        Path dockerfile = platformRoot.resolve("deployments/04_environments/image/Dockerfile");
        Files.writeString(dockerfile, Files.readString(dockerfile).replace("MELTANO_VERSION=4.4.1", "MELTANO_VERSION=4.4.2"));
        assertNotEquals(key, key(project, "--install", "tap-events", "--commit", "0123abc", "--label", "io.meltanodata.ref=refs/heads/main"));
    }

    @Test
    void aChangeToTheScriptsBuildFlagsChangesTheKey() throws Exception {
        String key = key(project);
        Path script = platformRoot.resolve("scripts/platform-image.sh");
        Files.writeString(script, Files.readString(script) + "\n# another build flag\n");
        assertNotEquals(key, key(project), "an image built by another version of the script is not reused");
    }

    @Test
    void anIgnorePatternTheKeyCannotMirrorIsRefusedRatherThanKeyingTheWrongFiles() throws Exception {
        Path ignore = platformRoot.resolve("deployments/04_environments/image/Dockerfile.dockerignore");
        Files.writeString(ignore, Files.readString(ignore) + "docs/*.md\n");
        Process process = new ProcessBuilder("bash", platformRoot.resolve("scripts/platform-image.sh").toString(), "key",
                project.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), out);
        assertTrue(out.endsWith("'docs/*.md' is not a name at the root or at any depth, which the cache key mirrors"), out);
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
