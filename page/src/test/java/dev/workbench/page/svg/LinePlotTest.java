package dev.workbench.page.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class LinePlotTest {
    @Test
    void figure_aLineBandAndPointsPerSeries_withALegendAndReference() {
        String svg = new LinePlot("lift over time", "analysis", "lift")
                .series(
                        "b",
                        new double[] {1, 2, 3},
                        new double[] {0.1, 0.2, 0.15},
                        new double[] {0, 0.1, 0.1},
                        new double[] {0.2, 0.3, 0.2})
                .series("c", new double[] {1, 2, 3}, new double[] {0.0, 0.05, 0.02})
                .reference(0, "no effect")
                .figure("caption", v -> "#" + v, v -> String.valueOf(v));

        Document doc = Jsoup.parse(svg);

        assertThat(doc.select("path.line.s0")).hasSize(1);
        assertThat(doc.select("path.line.s1")).hasSize(1);
        assertThat(doc.select("path.band")).hasSize(1);
        assertThat(doc.select("circle")).hasSize(6);
        assertThat(doc.select("circle.s0 title").first().text()).isEqualTo("b: #1.0, 0.1 (0.0 to 0.2)");
        assertThat(doc.select("text").eachText()).contains("b", "c", "no effect");
        assertThat(doc.select("line.zero")).hasSize(1);
    }

    @Test
    void nanValues_breakTheLineAndTheBand_andHaveNoPoint() {
        double nan = Double.NaN;
        String svg = new LinePlot("t", "x", "y")
                .series(
                        "s",
                        new double[] {1, 2, 3, 4},
                        new double[] {1, nan, 3, 4},
                        new double[] {0, 0, nan, 3},
                        new double[] {2, 2, nan, 5})
                .figure(null, null, null);

        Document doc = Jsoup.parse(svg);

        assertThat(doc.select("path.line")).as("1 | 3-4").hasSize(2);
        assertThat(doc.select("path.band")).as("1-2 | 4").hasSize(2);
        assertThat(doc.select("circle")).hasSize(3);
    }

    @Test
    void yRange_widensTheAxisToIt() {
        String narrow = new LinePlot("t", "x", "w")
                .series("a", new double[] {1, 2}, new double[] {0.4, 0.5})
                .figure(null, null, v -> String.valueOf(v));
        String fixed = new LinePlot("t", "x", "w")
                .series("a", new double[] {1, 2}, new double[] {0.4, 0.5})
                .yRange(0, 1)
                .figure(null, null, v -> String.valueOf(v));

        assertThat(Jsoup.parse(fixed).select("text").eachText())
                .contains("0.0", "1.0")
                .as("the legend's headroom above the range is not labelled")
                .doesNotContain("1.2");
        assertThat(Jsoup.parse(narrow).select("text").eachText()).doesNotContain("0.0", "1.0");
    }

    @Test
    void series_ofUnequalLengths_isRefused() {
        assertThatThrownBy(() -> new LinePlot("t", "x", "y").series("s", new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
