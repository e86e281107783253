package dev.workbench.page.svg;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class IntervalPlotTest {
    private static Document parse(String figure) {
        return Jsoup.parse(figure);
    }

    @Test
    void figure_oneSegmentAndPointPerRow_topToBottom_withTheZeroLine() {
        IntervalPlot plot = new IntervalPlot("lifts", "relative lift")
                .row(new IntervalPlot.Row("click · b", 0.25, 0.05, 0.46, "s0", "click tip"))
                .row(new IntervalPlot.Row("refund · b", -0.02, -0.2, 0.16, "s1", "refund tip"));

        Document doc = parse(plot.figure("caption", v -> String.valueOf(v)));

        assertThat(doc.select("circle")).hasSize(2);
        assertThat(doc.select("line.ci")).hasSize(2);
        assertThat(doc.select("line.zero")).hasSize(1);
        Element first = doc.select("circle").get(0);
        Element second = doc.select("circle").get(1);
        assertThat(first.selectFirst("title").text()).isEqualTo("click tip");
        assertThat(Double.parseDouble(first.attr("cy"))).isLessThan(Double.parseDouble(second.attr("cy")));
        Element zero = doc.selectFirst("line.zero");
        double zeroX = Double.parseDouble(zero.attr("x1"));
        assertThat(Double.parseDouble(first.attr("cx")))
                .as("a positive lift right of zero")
                .isGreaterThan(zeroX);
        assertThat(Double.parseDouble(second.attr("cx")))
                .as("a negative lift left of zero")
                .isLessThan(zeroX);
        assertThat(doc.select("text").eachText()).contains("click · b", "refund · b");
        assertThat(doc.selectFirst("figcaption").text()).isEqualTo("caption");
    }

    @Test
    void rowWithoutEstimate_keepsItsPlaceAndSaysSo_andLabelsAreEscaped() {
        IntervalPlot plot = new IntervalPlot("lifts", "lift")
                .row(new IntervalPlot.Row("<b>x</b>", null, null, null, "s0", null))
                .row(new IntervalPlot.Row("y", 0.1, null, null, "s0", null));

        String svg = plot.figure(null, v -> "t");
        Document doc = parse(svg);

        assertThat(svg).doesNotContain("<b>");
        assertThat(doc.select("text").eachText()).contains("<b>x</b> (no estimate)", "y");
        assertThat(doc.select("circle")).hasSize(1);
        assertThat(doc.select("line.ci")).as("no interval, no segment").isEmpty();
    }
}
