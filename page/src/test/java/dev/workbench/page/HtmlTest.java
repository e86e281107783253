package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void esc_markupInAValue_showsAsText() {
        assertThat(Html.esc("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Html.esc(null)).isEmpty();
        assertThat(Html.esc("plain")).isEqualTo("plain");
    }

    @Test
    void open_attributes_escapedNullLeftOutEmptyBare() {
        String html = new Html()
                .open("a", "href", "/x?a=1&b=\"2\"", "title", null, "hidden", "")
                .text("<b>")
                .close("a")
                .toString();
        assertThat(html).isEqualTo("<a href=\"/x?a=1&amp;b=&quot;2&quot;\" hidden>&lt;b&gt;</a>");
    }

    @Test
    void open_oddAttributes_refused() {
        assertThatThrownBy(() -> new Html().open("a", "href")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void links_encodeWhatTheyAreGiven() {
        assertThat(Links.SERVED.experiment("a b/c")).isEqualTo("/experiments/a%20b%2Fc");
        assertThat(Links.SERVED.runs("m 1", null)).isEqualTo("/runs?metric=m%201");
        assertThat(Links.SERVED.runs("m", "p&q")).isEqualTo("/runs?metric=m&param=p%26q");
        assertThat(Links.REPORT.experiment("checkout")).isEqualTo("#experiment-checkout");
    }
}
