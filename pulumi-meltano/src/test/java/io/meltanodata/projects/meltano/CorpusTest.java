package io.meltanodata.projects.meltano;

import io.meltanodata.components.UserInputException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader over the real projects in ../shared/corpus/meltano (others' files, read in place,
 * never copied). This workplace's CI has the corpus beside the clone and must find it; a clone
 * without it (a user's, GitHub Actions') gets no corpus tests: the hand-written fixtures in
 * MeltanoProjectReaderTest cover every shape.
 */
class CorpusTest {
    static final Path CORPUS = Path.of("..", "..", "shared", "corpus", "meltano");

    /**
     * Expected outcome per corpus project: "environments/schedules/jobs" counts and the schedules
     * that cannot run with why, or the error.
     */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("meltano-manifest", "5/12/13"),
            Map.entry("multifile-project", "3/3/1"),
            Map.entry("meltano-dogfood", "3/0/4"),
            Map.entry("dagster-meltano", "3/1/1"),
            Map.entry("tiny-no-plugins", "3/0/0"),
            Map.entry("cron-ext", "3/3/1 {a-to-b=it names extractor 'tap-a' and loader 'target-b', which meltano.yml does not define, "
                    + "c-to-d=it names extractor 'tap-c' and loader 'target-d', which meltano.yml does not define}"),
            Map.entry("invalid-unquoted-at", "error: meltano.yml:62: invalid YAML: found character '@' that cannot start any token. (Do not use @ for indentation)"),
            Map.entry("decoy-hub-plugin-definition", "error: meltano.yml: not a Meltano project file (top-level keys [name, namespace, pip_url, repo, variant] look like a plugin definition); a project's meltano.yml has keys such as plugins, environments, schedules, jobs or default_environment"));

    @TestFactory
    Stream<DynamicTest> everyCorpusProjectReadsAsExpected() throws Exception {
        if (!Files.isDirectory(CORPUS)) {
            // This workplace's CI runs with shared/ beside the clone and must find it; GitHub Actions
            // (GITHUB_ACTIONS=true) checks out the repository alone.
            boolean ciWithCorpus = System.getenv("CI") != null && !"true".equals(System.getenv("GITHUB_ACTIONS"));
            assertTrue(!ciWithCorpus, "CI runs with shared/ beside the clone: corpus missing at "
                    + CORPUS.toAbsolutePath().normalize());
            return Stream.empty();
        }
        List<Path> projects;
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            projects = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(EXPECTED.keySet(), projects.stream().map(p -> p.getFileName().toString())
                .collect(java.util.stream.Collectors.toSet()), "a corpus project without an expected outcome");
        return projects.stream().map(project -> DynamicTest.dynamicTest(project.getFileName().toString(), () -> {
            String expected = EXPECTED.get(project.getFileName().toString());
            if (expected.startsWith("error: ")) {
                assertEquals(expected.substring(7), assertThrows(UserInputException.class,
                        () -> MeltanoProjectReader.read(project)).getMessage());
            } else {
                MeltanoProject p = MeltanoProjectReader.read(project);
                assertEquals(expected, p.environments().size() + "/" + p.schedules().size() + "/" + p.jobs().size()
                        + (p.brokenSchedules().isEmpty() ? "" : " " + p.brokenSchedules()));
            }
        }));
    }
}
