package dev.workbench.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page's query, form and path decoding: strict, with messages a person can read. */
class FormDataTest {
    @Test
    void aQuery_isDecoded_plusAsSpace_firstValueKept() {
        assertThat(FormData.parse("metric=conversion%20rate&param=lr&metric=other&flag&=x&&b=a+b%2Bc"))
                .containsExactly(
                        Map.entry("metric", "conversion rate"),
                        Map.entry("param", "lr"),
                        Map.entry("flag", ""),
                        Map.entry("", "x"),
                        Map.entry("b", "a b+c"));
        assertThat(FormData.parse(null)).isEmpty();
        assertThat(FormData.parse("")).isEmpty();
        assertThat(FormData.parse("q=%C3%A9t%C3%A9")).containsEntry("q", "été");
    }

    @Test
    void badEscapes_orBytesThatAreNotUtf8_orControlCharacters_areRefusedByName() {
        assertThatThrownBy(() -> FormData.parse("metric=%zz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the parameter metric")
                .hasMessageContaining("two hex digits");
        assertThatThrownBy(() -> FormData.parse("metric=50%")).hasMessageContaining("two hex digits");
        assertThatThrownBy(() -> FormData.parse("metric=%C3")).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> FormData.parse("metric=a%00b")).hasMessageContaining("control character");
        assertThatThrownBy(() -> FormData.decodePath("/experiments/%ff"))
                .hasMessageContaining("the address")
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void aPath_isDecoded_butAPlusStaysAPlus() {
        assertThat(FormData.decodePath("/experiments/a%20b+c")).isEqualTo("/experiments/a b+c");
        assertThat(FormData.decodePath("/runs/r%C3%A9")).isEqualTo("/runs/ré");
        assertThat(FormData.decodePath("")).isEqualTo("/");
    }

    @Test
    void multilineFormText_isKept() {
        assertThat(FormData.parse("feedback=line+one%0D%0Aline%09two"))
                .containsEntry("feedback", "line one\r\nline\ttwo");
    }
}
