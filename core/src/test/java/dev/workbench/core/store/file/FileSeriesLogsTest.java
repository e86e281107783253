package dev.workbench.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.store.Backend;
import dev.workbench.core.store.SeriesLogsContract;
import dev.workbench.core.workspace.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class FileSeriesLogsTest extends SeriesLogsContract {
    @Override
    protected Backend open(Path root, Clock clock) {
        return new FileBackend(new Store(root, clock));
    }

    @Test
    void eachCollection_isOneJsonLine_ofTheExperimentsFileUnderAwSeries() throws Exception {
        Backend backend = open(root, CLOCK);
        backend.series().append("cta", collection("r1", "2026-03-01", 10));
        backend.series().append("cta", collection("r2", "2026-03-02", 20));
        assertThat(Files.readAllLines(root.resolve(".aw/series/cta.jsonl")))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        assertThat(FileSeriesLogs.file("cta")).isEqualTo("series/cta.jsonl");
    }
}
