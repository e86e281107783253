package dev.workbench.core.store.file;

import dev.workbench.core.Json;
import dev.workbench.core.store.EventLogs;
import dev.workbench.core.workspace.Store;
import java.util.List;

/**
 * {@link EventLogs} as JSONL files directly under {@code .aw/}, one line per entry ({@code journal.jsonl},
 * {@code activity.jsonl}), which a person can read with {@code tail} and {@code jq}.
 */
public final class FileEventLogs implements EventLogs {
    public static final String JOURNAL = "journal.jsonl";
    public static final String ACTIVITY = "activity.jsonl";

    private final Store store;

    public FileEventLogs(Store store) {
        this.store = store;
    }

    /** The file of {@code log}, relative to {@code .aw/}. */
    public static String file(Log log) {
        return switch (log) {
            case JOURNAL -> JOURNAL;
            case ACTIVITY -> ACTIVITY;
        };
    }

    @Override
    public void append(Log log, Object entry) {
        store.transaction(() -> store.logs().append(file(log), entry));
    }

    @Override
    public <E> List<E> tail(Log log, int max, Class<E> type) {
        return store.logs().tail(file(log), max).stream()
                .map(n -> Json.mapper().convertValue(n, type))
                .toList();
    }

    @Override
    public long count(Log log) {
        return store.logs().countLines(file(log));
    }
}
