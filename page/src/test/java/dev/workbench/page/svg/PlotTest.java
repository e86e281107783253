package dev.workbench.page.svg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlotTest {
    @Test
    void ticks_roundStepsCoveringTheRange() {
        assertThat(Plot.ticks(-0.031, 0.087, 5)).containsExactly(-0.02, 0.0, 0.02, 0.04, 0.06, 0.08);
        assertThat(Plot.ticks(0, 100, 4)).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0);
        assertThat(Plot.ticks(0, 100, 2)).containsExactly(0.0, 50.0, 100.0);
        assertThat(Plot.ticks(3, 3, 4)).containsExactly(3.0);
    }

    @Test
    void figure_scalesDataIntoTheFrameAndEscapesText() {
        Plot plot = new Plot(300, 200, "lift <by> day").x(0, 10, "day").y(-1, 1, "lift");
        assertThat(plot.px(0)).isEqualTo(64.0);
        assertThat(plot.px(10)).isEqualTo(284.0);
        assertThat(plot.py(-1)).isEqualTo(160.0);
        assertThat(plot.py(1)).isEqualTo(12.0);
        String svg = plot.axes(v -> "d" + (int) v, v -> String.valueOf(v))
                .line(new double[] {0, 5, Double.NaN, 10}, new double[] {0, 1, 0, -1}, "s0")
                .figure("a & b");
        assertThat(svg).contains("aria-label=\"lift &lt;by&gt; day\"", "<figcaption>a &amp; b</figcaption>");
        assertThat(svg).contains("d=\"M64 86L174 12\"", "d=\"M284 160\"");
    }

    @Test
    void num_oneDecimalAtMost() {
        assertThat(Plot.num(12.0)).isEqualTo("12");
        assertThat(Plot.num(12.34)).isEqualTo("12.3");
        assertThat(Plot.num(-0.06)).isEqualTo("-0.1");
    }
}
