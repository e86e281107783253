package dev.workbench.page.svg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ScatterPlotTest {
    @Test
    void numericParam_pointsOnALinearAxis_inTheFrame() {
        List<ScatterPlot.Point> points = List.of(
                new ScatterPlot.Point("r1", "3", 3.0, 3.125, "3.125"),
                new ScatterPlot.Point("r2", "7", 7.0, 2.25, "2.25"),
                new ScatterPlot.Point("r3", "14", 14.0, 2.5, "2.5"));

        Document doc = Jsoup.parse(ScatterPlot.render("rmse", "window", points, null));

        List<Element> circles = doc.select("svg circle");
        assertThat(circles).hasSize(3);
        double x1 = Double.parseDouble(circles.get(0).attr("cx"));
        double x2 = Double.parseDouble(circles.get(1).attr("cx"));
        double x3 = Double.parseDouble(circles.get(2).attr("cx"));
        // linear: 3 → 7 is 4 units, 7 → 14 is 7 units
        assertThat((x3 - x2) / (x2 - x1)).isCloseTo(7 / 4.0, org.assertj.core.data.Offset.offset(0.02));
        double y1 = Double.parseDouble(circles.get(0).attr("cy"));
        double y2 = Double.parseDouble(circles.get(1).attr("cy"));
        assertThat(y1).as("a larger metric is higher up").isLessThan(y2);
        assertThat(circles.get(1).selectFirst("title").text()).isEqualTo("run r2: window = 7, rmse = 2.25");
        assertThat(doc.select("tr[data-test=chart-point]").eachAttr("data-run-id"))
                .containsExactly("r1", "r2", "r3");
        assertThat(doc.selectFirst("figcaption").text()).contains("window on a linear axis");
    }

    @Test
    void textParam_categoriesEvenlySpacedInTheOrderGiven_labelsEscaped() {
        List<ScatterPlot.Point> points = List.of(
                new ScatterPlot.Point("r1", "<adam>", null, 1, "1"),
                new ScatterPlot.Point("r2", "sgd", null, 2, "2"),
                new ScatterPlot.Point("r3", "<adam>", null, 3, "3"),
                new ScatterPlot.Point("r4", "rmsprop", null, 4, "4"));

        Document doc = Jsoup.parse(ScatterPlot.render("loss", "opt", points, null));

        List<Element> circles = doc.select("svg circle");
        assertThat(circles.get(0).attr("cx")).isEqualTo(circles.get(2).attr("cx"));
        double a = Double.parseDouble(circles.get(0).attr("cx"));
        double s = Double.parseDouble(circles.get(1).attr("cx"));
        double r = Double.parseDouble(circles.get(3).attr("cx"));
        assertThat(r - s).isCloseTo(s - a, org.assertj.core.data.Offset.offset(0.2));
        assertThat(doc.select("svg text").eachText()).contains("<adam>", "sgd", "rmsprop");
        assertThat(doc.select("adam")).isEmpty();
    }

    @Test
    void noPoints_saysSo_withoutATable() {
        Document doc = Jsoup.parse(ScatterPlot.render("loss", "opt", List.of(), null));

        assertThat(doc.selectFirst("figcaption").text()).isEqualTo("No run has both opt and loss.");
        assertThat(doc.select("table")).isEmpty();
    }

    @Test
    void tick_roundValuesWithoutFloatNoise() {
        assertThat(ScatterPlot.tick(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(ScatterPlot.tick(1200)).isEqualTo("1200");
        assertThat(ScatterPlot.tick(0)).isEqualTo("0");
    }
}
