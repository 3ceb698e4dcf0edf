package io.meltanodata.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code meltanodata preview --format json} of the bundled example, byte for byte. A change that
 * moves what the layers render shows here as one reviewed diff of the golden file; refresh it with
 * {@code ./meltanodata preview --format json -o meltanodata-cli/src/test/resources/example-preview.json}.
 */
class ExamplePreviewGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/example-preview.json");

    @Test
    void theExamplesJsonPreviewIsExactlyTheGoldenFile() throws Exception {
        InspectCommandTest.Run run = InspectCommandTest.run("preview", "--root", "..", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals(Files.readString(GOLDEN), run.out(), "the preview differs from " + GOLDEN.toAbsolutePath());
    }
}
