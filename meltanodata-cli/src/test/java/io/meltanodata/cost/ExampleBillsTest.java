package io.meltanodata.cost;

import io.meltanodata.preview.LayerRendering;
import io.meltanodata.testing.ExampleStacks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost profile of the founding document, checked on the bills of the real example stacks. */
class ExampleBillsTest {
    static final CostModel MODEL = new CostModel(PriceTable.usEast1(), Assumptions.defaults());
    static List<LayerRendering> stacks = ExampleStacks.all();

    static double monthly(String stack) {
        LayerRendering lr = stacks.stream().filter(s -> s.rendering().stack().equals(stack)).findFirst().orElseThrow();
        return MODEL.bill(lr.rendering().resources()).stream().mapToDouble(CostLine::monthly).sum();
    }

    @Test
    void theExampleBillsHaveTheFoundingDocumentsProfile() {
        double fabric = monthly("dev");
        double site = monthly("acme");
        double project = monthly("acme.analytics");
        double environment = monthly("acme.analytics.prod.main");
        assertTrue(fabric > 100, "a fabric costs at least its cluster and NAT: " + fabric);
        assertTrue(site < 10, "a site has no always-on compute: " + site);
        assertTrue(project < 5, "a project costs cents to dollars: " + project);
        ScaleProjection bills = new ScaleProjection(fabric, site, project, environment);
        ScaleProjection.Split small = bills.at(2, 1, 2);
        ScaleProjection.Split large = bills.at(20, 3, 4);
        assertTrue(large.share("environments") > small.share("environments"));
        assertTrue(large.share("environments") >= 0.8, "environments carry 80-90% at scale: " + large.share("environments"));
        assertTrue(large.fabricPerProject() < small.fabricPerProject());
        assertEquals(240, large.environments());
    }
}
