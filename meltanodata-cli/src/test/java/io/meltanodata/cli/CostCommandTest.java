package io.meltanodata.cli;

import org.junit.jupiter.api.Test;

import static io.meltanodata.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostCommandTest {
    static final String FABRIC = "../deployments/01_service_fabric/Pulumi.dev.yaml";

    @Test
    void billsAStackLineByLineAndSplitsByLayer() {
        InspectCommandTest.Run cost = run("cost", FABRIC, "--sites", "10", "--projects-per-site", "2");
        assertEquals(0, cost.exit(), cost.err());
        assertTrue(cost.out().contains("Layer 1 service-fabric dev: $134.29 a month"), cost.out());
        assertTrue(cost.out().contains("  cluster                                      hour             730.00    0.10000      73.00"), cost.out());
        assertTrue(cost.out().contains("At 10 sites x 2 projects x 4 environments: $134.29 a month"), cost.out());
        assertTrue(cost.out().contains("fabric cost per project: $6.71"), cost.out());
    }

    @Test
    void aNonPositiveScaleIsAnInputError() {
        InspectCommandTest.Run cost = run("cost", FABRIC, "--sites", "0");
        assertEquals(ExitCodes.INVALID_INPUT, cost.exit());
        assertEquals("error: --sites, --projects-per-site, --envs-per-project and --run-minutes must be positive\n", cost.err());
    }
}
