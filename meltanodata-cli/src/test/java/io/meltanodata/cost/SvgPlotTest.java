package io.meltanodata.cost;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgPlotTest {

    @Test
    void thePlotIsWellFormedSvgWithOnePointPerScale() throws Exception {
        ScaleProjection bills = new ScaleProjection(150, 1, 1.5, 50);
        List<SvgPlot.Point> points = SvgPlot.series(bills, 20, 3, 4);
        assertEquals(20, points.size());
        assertEquals(60, points.get(19).projects());
        assertTrue(points.get(19).total() > points.get(0).total(), "total grows");
        assertTrue(points.get(19).perProject() < points.get(0).perProject(), "the fabric's share per project falls");
        String svg = SvgPlot.render(points);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals(2, doc.getElementsByTagName("polyline").getLength());
        for (int i = 0; i < 2; i++) {
            String coords = doc.getElementsByTagName("polyline").item(i).getAttributes().getNamedItem("points").getNodeValue();
            assertEquals(20, coords.split(" ").length);
        }
    }
}
