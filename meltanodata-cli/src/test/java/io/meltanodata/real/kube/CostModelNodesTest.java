package io.meltanodata.real.kube;

import io.meltanodata.testing.ExampleStacks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reference nodes the fleet benchmark compares Karpenter's nodes with, on the bundled example:
 * site {@code acme} runs one service (1 vCPU, 2 GiB: half an m6i.large) around the clock, and seven
 * CronJobs of the same size (five in {@code prod.main}, two in the feature branch's environment,
 * the suspended backfill included); site {@code globex} has no environment; the platform pool is
 * billed one whole node for the API's two 250m replicas.
 */
class CostModelNodesTest {
    private final CostModelNodes nodes = CostModelNodes.of(ExampleStacks.all());

    @Test
    void aSitesServicesAreItsAlwaysOnShareAndEachRunAddsItsOwn() {
        assertEquals(0.5, nodes.alwaysOn("acme"), 1e-9);
        assertEquals(0.5 + 7 * 0.5, nodes.oneRunEach("acme"), 1e-9);
        assertEquals(0, nodes.oneRunEach("globex"), 1e-9);
    }

    @Test
    void thePlatformPoolIsWholeNodes() {
        assertEquals(1, nodes.platformNodes(), 1e-9);
    }
}
