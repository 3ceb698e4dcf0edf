package io.meltanodata.cost;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The founding document's cost profile, as properties of the projection. */
class ScaleProjectionTest {
    static final ScaleProjection BILLS = new ScaleProjection(400, 3, 2, 60);

    @Test
    void theSplitAddsUpLayerByLayer() {
        ScaleProjection.Split split = BILLS.at(20, 3, 4);
        assertEquals(60, split.projects());
        assertEquals(240, split.environments());
        assertEquals(400 + 20 * 3 + 60 * 2 + 240 * 60, split.total(), 1e-9);
        assertEquals(400.0 / 60, split.fabricPerProject(), 1e-9);
    }

    @Test
    void theEnvironmentShareGrowsWithEnvironments() {
        double small = BILLS.at(2, 1, 1).share("environments");
        double large = BILLS.at(20, 3, 4).share("environments");
        assertTrue(large > small, small + " -> " + large);
        assertTrue(large >= 0.8 && large <= 0.99, "environments carry the bill at scale: " + large);
    }

    @Test
    void theFabricCostPerProjectFallsAsProjectsGrow() {
        assertTrue(BILLS.at(20, 3, 4).fabricPerProject() < BILLS.at(2, 1, 4).fabricPerProject());
        assertTrue(BILLS.at(40, 3, 4).fabricPerProject() < BILLS.at(20, 3, 4).fabricPerProject());
    }
}
