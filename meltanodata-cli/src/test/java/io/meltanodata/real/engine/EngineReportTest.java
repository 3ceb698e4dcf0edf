package io.meltanodata.real.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineReportTest {
    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, EngineReport.median(List.of(1.0, 2.0, 3.0, 10.0)));
        assertEquals(3.0, EngineReport.median(List.of(1.0, 3.0, 10.0)));
    }

    @Test
    void theReportComparesTheExecutorsAndBothHelloWorldFloorsByTheirMedians(@TempDir Path dir) throws IOException {
        EngineReport report = new EngineReport();
        for (double[] run : new double[][] {{6, 5, 2, 4}, {8, 4, 2.5, 3}, {7, 6, 2, 3.5}}) {
            report.time("organization/p/s", EngineReport.PREVIEW_MAVEN, Duration.ofMillis((long) (run[0] * 1000)));
            report.time("organization/p/s", EngineReport.PREVIEW_JAR, Duration.ofMillis((long) (run[1] * 1000)));
            report.time(EngineReport.HELLO_WORLD, EngineReport.PREVIEW_JAR, Duration.ofMillis((long) (run[2] * 1000)));
            report.time(EngineReport.HELLO_WORLD_AWS, EngineReport.PREVIEW_JAR, Duration.ofMillis((long) (run[3] * 1000)));
        }
        report.time("organization/p/s", "up", Duration.ofSeconds(30));
        Path file = dir.resolve("report.md");
        report.write(file);
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.contains("| preview --expect-no-changes (./mvnw) | 3 | 7.0 | 6.0-8.0 |"), String.join("\n", lines));
        assertTrue(lines.contains("| preview --expect-no-changes (binary jar) | 3 | 5.0 | 4.0-6.0 |"), String.join("\n", lines));
        assertTrue(lines.contains("| hello-world preview --expect-no-changes (binary jar) | 3 | 2.0 | 2.0-2.5 |"),
                String.join("\n", lines));
        assertTrue(lines.contains("| hello-world with one AWS resource preview --expect-no-changes (binary jar) | 3 | 3.5 | 3.0-4.0 |"),
                String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("| up |")), "a command run once has no median line");
        assertTrue(lines.contains("Median the default executor against the prebuilt jar (issue 26: within 1.2x): 1.40x."),
                String.join("\n", lines));
        assertTrue(lines.contains("Median the layers' jars against the hello-world program's (issue 26: within 1.5x): 2.50x."),
                String.join("\n", lines));
        assertTrue(lines.contains("Median the layers' jars against the hello-world program's with one AWS resource: 1.43x."),
                String.join("\n", lines));
        assertTrue(lines.contains("Median the default executor against the hello-world program's with one AWS resource: 2.00x."),
                String.join("\n", lines));
    }
}
