package io.meltanodata.cli;

import org.junit.jupiter.api.Test;

import static io.meltanodata.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeltanoDataCliTest {

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        InspectCommandTest.Run help = run("--help");
        assertEquals(ExitCodes.OK, help.exit());
        for (String command : new String[]{"inspect", "resolve", "preview"}) {
            assertTrue(help.out().contains("  " + command + " "), command + " missing from:\n" + help.out());
        }
        assertTrue(help.out().contains("Exit codes: 0 ok, 1 invalid input"), help.out());
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        InspectCommandTest.Run run = run("deploy-everything");
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("Unmatched argument"), run.err());
    }
}
