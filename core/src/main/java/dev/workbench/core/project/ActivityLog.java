package dev.workbench.core.project;

import dev.workbench.core.store.Backend;
import dev.workbench.core.store.EventLogs;
import dev.workbench.core.store.EventLogs.Log;
import java.time.Clock;
import java.util.List;

/** The append-only activity feed. Every mutating operation adds one entry. */
public final class ActivityLog {
    private final EventLogs events;
    private final Clock clock;

    public ActivityLog(EventLogs events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Appends an entry stamped now. */
    public ActivityEntry append(String type, String title, String detail) {
        return append(Backend.now(clock), type, title, detail);
    }

    /** Appends an entry stamped {@code at}: the time of the write it reports, so both carry the same instant. */
    public ActivityEntry append(String at, String type, String title, String detail) {
        ActivityEntry entry = new ActivityEntry(at, type, title, detail);
        events.append(Log.ACTIVITY, entry);
        return entry;
    }

    /** The last {@code max} entries, oldest first. */
    public List<ActivityEntry> recent(int max) {
        return events.tail(Log.ACTIVITY, max, ActivityEntry.class);
    }

    public long count() {
        return events.count(Log.ACTIVITY);
    }
}
