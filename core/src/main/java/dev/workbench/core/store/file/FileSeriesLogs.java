package dev.workbench.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.store.SeriesLogs;
import dev.workbench.core.workspace.Store;
import java.util.List;
import java.util.Optional;

/** {@link SeriesLogs} as {@code .aw/series/<slug>.jsonl}, one line per collection. */
public final class FileSeriesLogs implements SeriesLogs {
    public static final String DIR = "series";
    private static final String JSONL = ".jsonl";

    private final Store store;

    public FileSeriesLogs(Store store) {
        this.store = store;
    }

    /** The file of {@code slug}'s series, relative to {@code .aw/}. */
    public static String file(String slug) {
        return DIR + "/" + slug + JSONL;
    }

    @Override
    public void append(String slug, Object entry) {
        store.transaction(() -> store.logs().append(file(slug), entry));
    }

    @Override
    public Optional<JsonNode> latest(String slug) {
        List<JsonNode> last = store.logs().tail(file(slug), 1);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0));
    }

    @Override
    public long count(String slug) {
        return store.logs().countLines(file(slug));
    }
}
