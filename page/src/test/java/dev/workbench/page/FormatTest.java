package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void when_isoToTheMinute_otherAsStored() {
        assertThat(Format.when("2026-12-01T16:52:56.123Z")).isEqualTo("2026-12-01 16:52");
        assertThat(Format.when("yesterday")).isEqualTo("yesterday");
        assertThat(Format.when(null)).isEqualTo("–");
    }

    @Test
    void bytes_binaryUnits() {
        assertThat(Format.bytes(512)).isEqualTo("512 B");
        assertThat(Format.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Format.bytes(50L * 1024 * 1024)).isEqualTo("50 MiB");
    }

    @Test
    void shortHash_first12() {
        assertThat(Format.shortHash("0123456789abcdef")).isEqualTo("0123456789ab");
        assertThat(Format.shortHash(null)).isEqualTo("–");
    }
}
