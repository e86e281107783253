package dev.workbench.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every back end's {@link SeriesLogs} does: each experiment's collections come back last first, counted, one
 * series per slug. A back end passes by subclassing this with its {@link #open}.
 */
public abstract class SeriesLogsContract {
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.089Z"), ZoneOffset.UTC);

    @TempDir
    protected Path root;

    /** A back end for {@code root}; opened twice on one root, both see the same records (two processes). */
    protected abstract Backend open(Path root, Clock clock);

    protected static Map<String, Object> collection(String run, String day, long n) {
        return Map.of("run", run, "days", List.of(Map.of("day", day, "units", Map.of("a", n))));
    }

    @Test
    void aSeriesNeverWritten_hasNoLatest_andCountsZero() {
        SeriesLogs series = open(root, CLOCK).series();
        assertThat(series.latest("cta")).isEmpty();
        assertThat(series.count("cta")).isZero();
    }

    @Test
    void latest_isTheLastCollectionAppended_perSlug_seenByASecondBackEnd() {
        SeriesLogs series = open(root, CLOCK).series();
        series.append("cta", collection("r1", "2026-03-01", 10));
        series.append("cta", collection("r2", "2026-03-02", 20));
        series.append("other", collection("r3", "2026-03-03", 30));
        SeriesLogs again = open(root, CLOCK).series();
        assertThat(again.count("cta")).isEqualTo(2);
        assertThat(again.latest("cta").orElseThrow().path("run").asText()).isEqualTo("r2");
        assertThat(again.latest("cta")
                        .orElseThrow()
                        .path("days")
                        .get(0)
                        .path("units")
                        .path("a")
                        .asLong())
                .isEqualTo(20);
        assertThat(again.latest("other").orElseThrow().path("run").asText()).isEqualTo("r3");
    }
}
