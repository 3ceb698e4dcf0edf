package io.meltanodata.real.meltano;

import io.meltanodata.testing.RealTools;
import io.meltanodata.testing.Trees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The platform image's build step {@code check-plugin-locks} (deployments/04_environments/image): a
 * project whose Hub plugins lack a committed lock file fails the build with one line naming every
 * missing file, before {@code meltano install} would reach for Meltano Hub (the build has no
 * network but the package index). It runs here with the Python of the suite's Meltano 4.4.1 (its
 * ruamel.yaml), as the Dockerfile runs it with the image's Meltano. Which lock file a plugin needs
 * is Meltano's own rule, so each small project below is also loaded by Meltano itself
 * ({@code meltano plugin list}) with Meltano Hub out of reach (MELTANO_HUB_URL on a closed loopback
 * port): Meltano must fail, for want of the Hub, exactly where the check fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckPluginLocksIT {
    static final String ADVICE = "; run `meltano lock --all` where Meltano Hub is reachable and commit plugins/";
    static final String EXAMPLE_LOCKS = "plugins/extractors/tap-github--meltanolabs.lock, plugins/extractors/tap-postgres--meltanolabs.lock, "
            + "plugins/loaders/target-snowflake--meltanolabs.lock, plugins/utilities/dbt-snowflake--dbt-labs.lock, "
            + "plugins/utilities/evidence--meltanolabs.lock";

    Path root;
    Path tools;
    Path python;
    Path work;

    @BeforeAll
    void tools() throws Exception {
        root = RealTools.repositoryRoot();
        tools = RealTools.bin("meltano");
        // bin/meltano links to <tool>/bin/meltano, a launcher into the virtual environment <tool>/meltano
        python = tools.resolve("meltano").toRealPath().getParent().getParent().resolve("meltano/bin/python");
        work = root.resolve("meltanodata-cli/target/check-plugin-locks-it");
        Trees.delete(work);
        Files.createDirectories(work);
    }

    record Check(int exit, String out, String err) {
    }

    Check check(Path project) throws Exception {
        Path err = Files.createTempFile(work, "check", ".err");
        Process process = new ProcessBuilder(python.toString(),
                root.resolve("deployments/04_environments/image/check-plugin-locks").toString(), project.toString())
                .redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        return new Check(exit, out, Files.readString(err));
    }

    @Test
    void theExampleProjectCommitsEveryLockFileItsHubPluginsNeed() throws Exception {
        assertEquals(new Check(0, "", ""), check(root.resolve("examples/meltano-project")));
    }

    @Test
    void theExampleWithoutItsLockFilesFailsWithOneLineNamingEachOfThem() throws Exception {
        Path copy = work.resolve("example-without-locks");
        Trees.copy(root.resolve("examples/meltano-project"), copy);
        List<Path> locks;
        try (Stream<Path> files = Files.walk(copy.resolve("plugins"))) {
            locks = files.filter(f -> f.toString().endsWith(".lock")).toList();
        }
        assertEquals(5, locks.size(), locks.toString());
        for (Path lock : locks) {
            Files.delete(lock);
        }
        assertEquals(new Check(1, "", "meltanodata image: the project commits no plugin lock file " + EXAMPLE_LOCKS + ADVICE + "\n"),
                check(copy));
    }

    /** Which lock file each kind of plugin declaration needs, the check against Meltano offline. */
    @Test
    void theCheckFailsExactlyWhereMeltanoWithoutItsHubFails() throws Exception {
        String hub = "http://127.0.0.1:" + MotoServer.freeLoopbackPort(); // nothing listens
        List<String> disagreements = new ArrayList<>();
        for (Case c : List.of(
                new Case("hub-plugin-locked", "  extractors:\n  - name: tap-a\n    variant: acme\n",
                        List.of("extractors/tap-a--acme"), null),
                new Case("hub-plugin-unlocked", "  extractors:\n  - name: tap-a\n    variant: acme\n",
                        List.of(), "plugins/extractors/tap-a--acme.lock"),
                new Case("custom-plugin", "  extractors:\n  - name: tap-own\n    namespace: tap_own\n    pip_url: ./tap-own\n",
                        List.of(), null),
                new Case("inherits-from-a-project-plugin", "  extractors:\n  - name: tap-a\n    variant: acme\n"
                        + "  - name: tap-a-eu\n    inherit_from: tap-a\n", List.of("extractors/tap-a--acme"), null),
                new Case("inherits-from-a-hub-variant-locked", "  extractors:\n  - name: tap-a\n    variant: acme\n"
                        + "  - name: tap-a-other\n    inherit_from: tap-a\n    variant: other\n",
                        List.of("extractors/tap-a--acme", "extractors/tap-a--other"), null),
                new Case("inherits-from-a-hub-variant-unlocked", "  extractors:\n  - name: tap-a\n    variant: acme\n"
                        + "  - name: tap-a-other\n    inherit_from: tap-a\n    variant: other\n",
                        List.of("extractors/tap-a--acme"), "plugins/extractors/tap-a--other.lock"),
                new Case("no-variant-locked", "  loaders:\n  - name: target-b\n", List.of("loaders/target-b--default"), null),
                new Case("no-variant-unlocked", "  loaders:\n  - name: target-b\n", List.of(),
                        "plugins/loaders/target-b--default.lock (target-b names no variant: name it in meltano.yml, then lock)"))) {
            Path project = c.write(work.resolve("cases"));
            Check checked = check(project);
            Check expected = c.missing() == null ? new Check(0, "", "")
                    : new Check(1, "", "meltanodata image: the project commits no plugin lock file " + c.missing() + ADVICE + "\n");
            assertEquals(expected, checked, c.name());
            MeltanoOracleIT.Meltano meltano = MeltanoOracleIT.run(tools, project, work, Map.of("MELTANO_HUB_URL", hub),
                    "plugin", "list", "--format", "json");
            System.out.println("CheckPluginLocksIT " + c.name() + ": check exit " + checked.exit() + ", meltano plugin list exit "
                    + meltano.exit());
            boolean hubRefused = meltano.err().contains("Could not connect to Meltano Hub at " + hub);
            if ((checked.exit() == 0) != (meltano.exit() == 0) || meltano.exit() != 0 && !hubRefused) {
                disagreements.add(c.name() + ": check exit " + checked.exit() + ", Meltano exit " + meltano.exit() + ": "
                        + meltano.err().strip().lines().reduce((a, b) -> b).orElse(""));
            }
        }
        assertEquals(List.of(), disagreements);
    }

    /** A project of one meltano.yml with {@code plugins} (YAML under {@code plugins:}) and lock files {@code <type>/<name>--<variant>}. */
    record Case(String name, String plugins, List<String> locks, String missing) {
        Path write(Path dir) throws Exception {
            Path project = dir.resolve(name);
            Trees.delete(project);
            Files.createDirectories(project);
            Files.writeString(project.resolve("meltano.yml"), "version: 1\ndefault_environment: dev\n"
                    + "project_id: 00000000-0000-4000-8000-000000000000\nsend_anonymous_usage_stats: false\n"
                    + "environments:\n- name: dev\nplugins:\n" + plugins);
            for (String lock : locks) {
                String type = lock.substring(0, lock.indexOf('/'));
                String file = lock.substring(lock.indexOf('/') + 1);
                HubStandIn.write(project.resolve("plugins/" + lock + ".lock"), type, file.substring(0, file.indexOf("--")),
                        file.substring(file.indexOf("--") + 2));
            }
            return project;
        }
    }
}
