package dev.workbench.core.journal;

import dev.workbench.core.Json;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.workspace.Store;
import java.util.List;

/** The append-only decision log, {@code .aw/journal.jsonl}. */
public final class Journal {
    public static final String FILE = "journal.jsonl";
    private final Store store;
    private final Experiments experiments;
    private final ActivityLog activity;

    public Journal(Store store, Experiments experiments, ActivityLog activity) {
        this.store = store;
        this.experiments = experiments;
        this.activity = activity;
    }

    /** Appends a decision, numbered after the ones before it. An experiment it names must exist. */
    public JournalEntry log(Decision d) {
        return store.transaction(() -> {
            if (d.experiment() != null) {
                experiments.get(d.experiment());
            }
            JournalEntry entry = new JournalEntry(store.countLines(FILE) + 1, store.now(), d.context(), d.options(),
                    d.chosen(), d.rationale(), d.area(), d.experiment());
            store.append(FILE, entry);
            activity.append("decision.logged", "Decision #" + entry.id() + ": " + d.chosen(), d.context());
            return entry;
        });
    }

    /** The last {@code max} decisions, oldest first. */
    public List<JournalEntry> recent(int max) {
        return store.tail(FILE, max).stream().map(n -> Json.mapper().convertValue(n, JournalEntry.class)).toList();
    }

    public long count() {
        return store.countLines(FILE);
    }
}
