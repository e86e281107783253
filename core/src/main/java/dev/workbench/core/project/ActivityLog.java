package dev.workbench.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.workspace.Store;
import java.util.List;

/** The append-only activity feed, {@code .aw/activity.jsonl}. Every mutating operation adds one line. */
public final class ActivityLog {
    public static final String FILE = "activity.jsonl";
    private final Store store;

    public ActivityLog(Store store) {
        this.store = store;
    }

    /** Appends an entry stamped now. */
    public ActivityEntry append(String type, String title, String detail) {
        return append(store.now(), type, title, detail);
    }

    /** Appends an entry stamped {@code at}: the time of the write it reports, so both carry the same instant. */
    public ActivityEntry append(String at, String type, String title, String detail) {
        ActivityEntry entry = new ActivityEntry(at, type, title, detail);
        store.transaction(() -> store.append(FILE, entry));
        return entry;
    }

    /** The last {@code max} entries, oldest first. */
    public List<ActivityEntry> recent(int max) {
        return store.tail(FILE, max).stream().map(ActivityLog::toEntry).toList();
    }

    public long count() {
        return store.countLines(FILE);
    }

    private static ActivityEntry toEntry(JsonNode node) {
        return Json.mapper().convertValue(node, ActivityEntry.class);
    }
}
