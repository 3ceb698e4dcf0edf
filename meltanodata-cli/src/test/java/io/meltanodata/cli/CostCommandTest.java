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
        assertTrue(cost.out().contains("Layer 1 service-fabric dev: $193.15 a month"), cost.out());
        assertTrue(cost.out().contains("  cluster                                      hour             730.00    0.10000      73.00"), cost.out());
        // one platform node around the clock (decision 0007); the API's pods run on it at no extra cost
        assertTrue(cost.out().contains("  platform-node-pool                           node-hour        730.00    0.10752      78.49"), cost.out());
        assertTrue(cost.out().contains("  api                                          pod-hour        1460.00    0.00000       0.00"), cost.out());
        assertTrue(cost.out().contains("At 10 sites x 2 projects x 4 environments: $193.15 a month"), cost.out());
        assertTrue(cost.out().contains("fabric cost per project: $9.66"), cost.out());
    }

    @Test
    void aNonPositiveScaleIsAnInputError() {
        InspectCommandTest.Run cost = run("cost", FABRIC, "--sites", "0");
        assertEquals(ExitCodes.INVALID_INPUT, cost.exit());
        assertEquals("error: --sites, --projects-per-site, --envs-per-project and --run-minutes must be positive\n", cost.err());
    }
}
