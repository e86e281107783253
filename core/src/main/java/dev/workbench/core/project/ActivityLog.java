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

    /** Appends an entry stamped now; must run inside a store transaction. */
    public ActivityEntry append(String type, String title, String detail) {
        ActivityEntry entry = new ActivityEntry(store.now(), type, title, detail);
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
