package io.meltanodata.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A layer's {@code ./mvnw}, as the Pulumi Java language host calls it (its Maven executor:
 * {@code compile exec:java} to run, plus {@code -DmainClass=com.pulumi.bootstrap.internal.Main
 * -DmainArgs=packages} to list plugins), runs the layer's cached jar without Maven when the jar is
 * current, and builds a new one first whenever a source, a pom or the wrapper changed: a stale jar
 * never runs. Runs the real scripts in a copy of the repository's layout whose Maven wrapper and
 * {@code java} are stand-ins that record their calls; the "jar" a build makes holds the sources it
 * was built from.
 */
class LayerExecutorTest {
    static final List<String> RUN = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--no-transfer-progress",
            "compile", "exec:java");
    static final List<String> PLUGINS = List.of("-Dorg.slf4j.simpleLogger.logFile=System.err", "--no-transfer-progress",
            "compile", "exec:java", "-DmainClass=com.pulumi.bootstrap.internal.Main", "-DmainArgs=packages");

    @TempDir
    Path dir;
    Path repo;
    Path cache;
    Path bin;
    Path builds;
    Path javaCalls;

    @BeforeEach
    void repository() throws IOException {
        repo = dir.resolve("repo");
        cache = dir.resolve("cache");
        bin = dir.resolve("bin");
        builds = dir.resolve("builds.log");
        javaCalls = dir.resolve("java.log");
        Path layer = repo.resolve("deployments/01_service_fabric");
        Files.createDirectories(layer.resolve("src/main/java"));
        Files.createDirectories(repo.resolve("pulumi-meltano/src/main/java"));
        Files.createDirectories(repo.resolve("scripts"));
        Files.createDirectories(repo.resolve(".mvn/wrapper"));
        Files.createDirectories(bin);
        Files.copy(JvmSettingsTest.ROOT.resolve("deployments/01_service_fabric/mvnw"), layer.resolve("mvnw"));
        Files.copy(JvmSettingsTest.ROOT.resolve("scripts/layer-mvnw"), repo.resolve("scripts/layer-mvnw"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.writeString(repo.resolve(".mvn/wrapper/maven-wrapper.properties"), "distributionUrl=maven-3.9.11\n");
        Files.writeString(repo.resolve("pulumi-meltano/pom.xml"), "<project/>");
        Files.writeString(repo.resolve("pulumi-meltano/src/main/java/Library.java"), "library v1\n");
        Files.writeString(layer.resolve("pom.xml"), "<properties><binary.name>service-fabric</binary.name></properties>");
        Files.writeString(layer.resolve("src/main/java/App.java"), "app v1\n");
        // The wrapper "builds" the shaded jar from the sources it sees, and logs each build.
        executable(repo.resolve("mvnw"), """
                #!/bin/sh
                echo "$*" >> "%s"
                mkdir -p "%s/deployments/01_service_fabric/target"
                cat "%s/pulumi-meltano/src/main/java/Library.java" "%s/deployments/01_service_fabric/src/main/java/App.java" \\
                  > "%s/deployments/01_service_fabric/target/service-fabric.jar"
                """.formatted(builds, repo, repo, repo, repo));
        // The JVM stand-in logs its calls, and writes the class-data archive it is asked to record at exit.
        executable(bin.resolve("java"), """
                #!/bin/sh
                echo "$*" >> "%s"
                for a in "$@"; do case $a in
                  *.jar) echo "jar $a: $(cat "$a" | tr '\\n' ' ')" ;;
                  -XX:ArchiveClassesAtExit=*) echo "classes" > "${a#*=}" ;;
                esac; done
                echo "java $*"
                """.formatted(javaCalls));
    }

    @Test
    void aCurrentJarRunsWithoutMavenAndAChangedSourceIsBuiltFirst() throws Exception {
        String first = run(RUN);
        assertEquals(1, builds(), "the first run builds the jar");
        assertTrue(first.contains(": library v1 app v1"), first);
        assertTrue(first.contains("java -Djava.util.concurrent.ForkJoinPool.common.parallelism="), first);
        assertTrue(first.contains(" -jar " + cache), "runs the cached jar: " + first);

        assertEquals(jarLine(first), jarLine(run(RUN)), "the same jar again");
        assertEquals(1, builds(), "a current jar runs without Maven");

        Files.writeString(repo.resolve("pulumi-meltano/src/main/java/Library.java"), "library v2\n");
        String afterLibraryChange = run(RUN);
        assertEquals(2, builds(), "a changed library source is built first");
        assertTrue(afterLibraryChange.contains(": library v2 app v1"), afterLibraryChange);

        Files.writeString(repo.resolve("deployments/01_service_fabric/src/main/java/App.java"), "app v2\n");
        assertTrue(run(RUN).contains(": library v2 app v2"), "a changed layer source is built first");
        Files.writeString(repo.resolve("deployments/01_service_fabric/pom.xml"),
                "<properties><binary.name>service-fabric</binary.name><dep>2</dep></properties>");
        String afterPomChange = jarLine(run(RUN));
        Files.writeString(repo.resolve(".mvn/wrapper/maven-wrapper.properties"), "distributionUrl=maven-3.9.12\n");
        assertNotEquals(afterPomChange, jarLine(run(RUN)));
        assertEquals(5, builds(), "a changed pom or wrapper is built first");

        Files.writeString(repo.resolve(".mvn/wrapper/maven-wrapper.properties"), "distributionUrl=maven-3.9.11\n");
        assertEquals(afterPomChange, jarLine(run(RUN)), "the same sources as before: the jar built for them");
        assertEquals(5, builds());
        try (var jars = Files.list(cache)) {
            assertEquals(3, jars.filter(d -> Files.exists(d.resolve("service-fabric.jar"))).count(),
                    "the newest three jars are kept");
        }
    }

    /** The language host asks before every preview and up; the jar is scanned once, and its answer kept beside it. */
    @Test
    void pluginDiscoveryIsAnsweredByTheJarOnceAndEveryOtherGoalByMaven() throws Exception {
        String plugins = run(PLUGINS);
        assertTrue(plugins.contains(" -cp " + cache), plugins);
        assertTrue(plugins.strip().endsWith("service-fabric.jar com.pulumi.bootstrap.internal.Main packages"), plugins);
        assertEquals(1, builds());
        assertEquals(plugins, run(PLUGINS), "the same answer again");
        assertEquals(1, javaCalls().size(), "answered from the first scan: " + javaCalls());
        Files.writeString(repo.resolve("deployments/01_service_fabric/src/main/java/App.java"), "app v2\n");
        assertTrue(run(PLUGINS).contains(": library v1 app v2"), "a new jar is scanned anew");
        assertEquals(2, javaCalls().size());

        run(List.of("--no-transfer-progress", "compile"));
        List<String> calls = Files.readAllLines(builds);
        assertEquals(3, calls.size());
        assertTrue(calls.get(2).endsWith("-pl deployments/01_service_fabric -am --no-transfer-progress compile"), calls.get(2));
    }

    /**
     * Class-data sharing: the first run of a jar records the classes it loads into an archive beside the
     * jar, every later run maps it. JDK's "Application Class Data Sharing" (java command reference,
     * -XX:ArchiveClassesAtExit and -XX:SharedArchiveFile); its messages would land in the program's stdout.
     */
    @Test
    void theFirstRunOfAJarRecordsItsClassesAndLaterRunsShareThem() throws Exception {
        run(RUN);
        Path archive;
        try (var dirs = Files.list(cache)) {
            archive = dirs.filter(Files::isDirectory).findFirst().orElseThrow().resolve("service-fabric.jar.jsa");
        }
        String recording = javaCalls().get(0);
        assertTrue(recording.contains(" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit=" + archive + "."),
                recording);
        assertEquals("classes\n", Files.readString(archive), "the recording moved into place when the JVM exited");
        run(RUN);
        run(RUN);
        for (String later : javaCalls().subList(1, 3)) {
            assertTrue(later.contains(" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:SharedArchiveFile=" + archive + " -jar "), later);
        }
        try (var files = Files.list(archive.getParent())) {
            assertEquals(List.of("service-fabric.jar", "service-fabric.jar.jsa"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no recording left behind");
        }
    }

    @Test
    void concurrentRunsBuildOnce() throws Exception {
        List<CompletableFuture<String>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return run(RUN);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        String first = jarLine(runs.get(0).join());
        runs.forEach(r -> assertEquals(first, jarLine(r.join())));
        assertEquals(1, builds());
    }

    @Test
    void mavenOnRequest() throws Exception {
        assertEquals("", run(RUN, Map.of("MELTANODATA_LAYER_MAVEN", "1")), "no java launched by the script");
        assertTrue(Files.readAllLines(builds).get(0).endsWith("compile exec:java"));
    }

    private List<String> javaCalls() throws IOException {
        return Files.exists(javaCalls) ? Files.readAllLines(javaCalls) : List.of();
    }

    /** The jar a run launched and what it holds. */
    private static String jarLine(String run) {
        return run.lines().filter(l -> l.startsWith("jar ")).findFirst().orElseThrow(() -> new AssertionError(run));
    }

    private long builds() throws IOException {
        return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
    }

    private String run(List<String> args) throws Exception {
        return run(args, Map.of());
    }

    private String run(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", repo.resolve("deployments/01_service_fabric/mvnw").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.resolve("deployments/01_service_fabric").toFile())
                .redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("MELTANODATA_LAYER_CACHE", cache.toString());
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        // What was launched; the build's progress line on stderr is not compared.
        return out.lines().filter(l -> l.startsWith("java ") || l.startsWith("jar ")).collect(Collectors.joining("\n"));
    }

    static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
