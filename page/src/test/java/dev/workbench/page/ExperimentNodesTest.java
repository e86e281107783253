package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExperimentNodesTest {
    @Test
    void axisPercent_signedWithTheDecimalsATickNeeds() {
        assertThat(ExperimentNodes.axisPercent(0.2)).isEqualTo("+20 %");
        assertThat(ExperimentNodes.axisPercent(-0.025)).isEqualTo("-2.5 %");
        assertThat(ExperimentNodes.axisPercent(0.0)).isEqualTo("0 %");
        assertThat(ExperimentNodes.axisPercent(-0.0)).isEqualTo("0 %");
        assertThat(ExperimentNodes.axisPercent(0.06000000000000001)).isEqualTo("+6 %");
        assertThat(ExperimentNodes.axisShare(0.4)).isEqualTo("40 %");
    }

    @Test
    void slug_oneDecodedSegmentThatIsASlug() {
        assertThat(ExperimentView.slug("checkout-cta")).isEqualTo("checkout-cta");
        assertThat(ExperimentView.slug("checkout-cta/")).isEqualTo("checkout-cta");
        assertThat(ExperimentView.slug("checkout%2Dcta")).isEqualTo("checkout-cta");
        assertThat(ExperimentView.slug("a/b")).isNull();
        assertThat(ExperimentView.slug("%zz")).isNull();
        assertThat(ExperimentView.slug(null)).isNull();
    }
}
