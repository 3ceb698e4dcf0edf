package io.meltanodata.cli;

import io.meltanodata.components.CommonPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The common fork-join pool the Pulumi Java SDK needs ({@link CommonPool}) is sized where users run
 * the layers and the tool, not only in a benchmark: each layer's {@code ./mvnw} (the language host's
 * default executor, {@code scripts/layer-mvnw}) hands it to Maven's JVM and to the layer's jar
 * ({@link LayerExecutorTest}), the {@code meltanodata} launcher to the tool's, and the
 * programs' {@code main} to a prebuilt jar's.
 */
class JvmSettingsTest {
    static final Path ROOT = Path.of("..");
    static final List<String> LAYERS = List.of("01_service_fabric", "02_site_instances", "03_projects", "04_environments");

    @Test
    void theParallelismIsAtLeastTwoAndOtherwiseTheJdksOwnChoice() {
        assertEquals(2, CommonPool.parallelism(1));
        assertEquals(2, CommonPool.parallelism(2));
        assertEquals(2, CommonPool.parallelism(3));
        assertEquals(7, CommonPool.parallelism(8));
    }

    /** Runs the layer's own script with the repository's wrapper replaced by one that prints what it got. */
    @Test
    void eachLayersMvnwHandsMavensJvmThePoolSize(@TempDir Path dir) throws Exception {
        Path wrapper = dir.resolve("mvnw");
        Files.writeString(wrapper, "#!/bin/sh\necho \"$MAVEN_OPTS\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.createDirectories(dir.resolve("scripts"));
        Files.copy(ROOT.resolve("scripts/layer-mvnw"), dir.resolve("scripts/layer-mvnw"), StandardCopyOption.COPY_ATTRIBUTES);
        int cpus = Runtime.getRuntime().availableProcessors();
        for (String layer : LAYERS) {
            Path script = dir.resolve("deployments").resolve(layer).resolve("mvnw");
            Files.createDirectories(script.getParent());
            Files.copy(ROOT.resolve("deployments").resolve(layer).resolve("mvnw"), script);
            Process p = new ProcessBuilder("sh", script.toString(), "compile").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.startsWith("-D" + CommonPool.PROPERTY + "=" + CommonPool.parallelism(cpus)), layer + ": " + out);
        }
    }

    /**
     * A fleet preview allocates gigabytes: the serial collector would stop both cores while one thread
     * collects, and the parallel one's default heap goal (a quarter of the RAM) would take 2 GB for 20 sites.
     */
    @Test
    void theLauncherCollectsWithBothCoresAndABoundedHeapGoal() throws Exception {
        String launcher = Files.readString(ROOT.resolve("meltanodata"));
        String jvm = launcher.lines().filter(l -> l.startsWith("jvm=(")).findFirst().orElseThrow();
        assertTrue(jvm.contains(" -XX:+UseParallelGC -XX:GCTimeRatio=19 "), jvm);
        assertTrue(!jvm.contains("SerialGC") && !jvm.contains("G1GC"), jvm);
    }

    /**
     * The tool's JVM: C1 only with one compiler thread, the SDK's pool, and a class-data-sharing archive
     * recorded by one training run and mapped by every run after it (java command reference,
     * -XX:ArchiveClassesAtExit, -XX:SharedArchiveFile). Runs the launcher with a built jar and a JVM
     * stand-in that logs its calls and writes the archive it is asked to record.
     */
    @Test
    void theLauncherRecordsAClassDataArchiveOnceAndEveryRunMapsIt(@TempDir Path dir) throws Exception {
        Path launcher = dir.resolve("meltanodata");
        Files.copy(ROOT.resolve("meltanodata"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = dir.resolve("meltanodata-cli/target/meltanodata-cli.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "the tool");
        Path calls = dir.resolve("java.log");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        LayerExecutorTest.executable(bin.resolve("java"), """
                #!/bin/sh
                echo "$*" >> "%s"
                for a in "$@"; do case $a in -XX:ArchiveClassesAtExit=*) echo "classes" > "${a#*=}" ;; esac; done
                """.formatted(calls));
        for (int run = 0; run < 2; run++) {
            ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), "--version").redirectErrorStream(true);
            builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            builder.environment().remove("MELTANODATA_NO_CDS");
            builder.environment().remove("MELTANODATA_JAVA_OPTS");
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
        }
        Path archive = jar.resolveSibling("meltanodata.jsa");
        List<String> lines = Files.readAllLines(calls);
        assertEquals(3, lines.size(), "one training run, then the two runs: " + lines);
        assertTrue(lines.get(0).contains(" -XX:ArchiveClassesAtExit=" + archive + " -jar " + jar + " preview --format json"),
                lines.get(0));
        for (String later : lines.subList(1, 3)) {
            assertTrue(later.contains(" -XX:SharedArchiveFile=" + archive + " -jar " + jar + " --version"), later);
        }
        String pool = "-D" + CommonPool.PROPERTY + "=" + CommonPool.parallelism(Runtime.getRuntime().availableProcessors());
        for (String line : lines) {
            assertTrue(line.startsWith("-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 "), line);
            assertTrue(line.contains(" " + pool + " "), line);
        }
    }

    @Test
    void theLauncherAndTheProgramsSetIt() throws Exception {
        String launcher = Files.readString(ROOT.resolve("meltanodata"));
        assertTrue(launcher.contains("jvm+=(-D" + CommonPool.PROPERTY + "="), "the meltanodata launcher");
        String layerApp = Files.readString(ROOT.resolve("pulumi-meltano/src/main/java/io/meltanodata/components/LayerApp.java"));
        assertTrue(layerApp.contains("CommonPool.sizeForTheSdk();\n        Pulumi.run("), "LayerApp sets it before the SDK starts");
    }
}
