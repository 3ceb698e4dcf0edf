package io.meltanodata.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MeltanoDataCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonHasTheDocumentedTopLevelKeysAndNamedEntries() throws Exception {
        Run run = run("inspect", "../examples/meltano-project", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = new ObjectMapper().readValue(run.out(), Map.class);
        for (String key : List.of("environments", "defaultEnvironment", "schedules", "jobs", "plugins", "includedFiles")) {
            assertTrue(doc.containsKey(key), key);
        }
        for (String key : List.of("environments", "schedules", "jobs")) {
            ((List<?>) doc.get(key)).forEach(e -> assertTrue(((Map<?, ?>) e).containsKey("name"), key));
        }
        Map<?, ?> backfill = ((List<?>) doc.get("schedules")).stream().map(e -> (Map<?, ?>) e)
                .filter(e -> e.get("name").equals("backfill")).findFirst().orElseThrow();
        assertEquals(true, backfill.get("manual"));
        assertEquals(null, backfill.get("cron"));
    }

    @Test
    void textListsWhatWasUnderstood() {
        Run run = run("inspect", "../examples/meltano-project");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("github-hourly                    0 * * * *      job github-to-snowflake"), run.out());
        assertTrue(run.out().contains("backfill                         manual"), run.out());
    }

    @Test
    void anInvalidProjectExitsOneWithTheOneLineError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("meltano.yml"), "schedules:\n- name: s\n  interval: @hourly\n");
        Run run = run("inspect", dir.toString());
        assertEquals(ExitCodes.INVALID_INPUT, run.exit());
        assertEquals("error: meltano.yml:3: invalid YAML: found character '@' that cannot start any token. "
                + "(Do not use @ for indentation)\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("inspect").exit());
    }
}
