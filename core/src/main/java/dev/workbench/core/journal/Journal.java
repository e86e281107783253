package dev.workbench.core.journal;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.workspace.Store;
import java.util.List;

/** The append-only decision log, {@code .aw/journal.jsonl}. */
public final class Journal {
    public static final String FILE = "journal.jsonl";
    /** One decision must leave room for others in a response: a quarter of the response limit. */
    public static final int MAX_ENTRY_RESPONSE = ResponseBudget.LIMIT / 4;
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
            String now = store.now();
            JournalEntry entry = new JournalEntry(store.countLines(FILE) + 1, now, null, d.context(), d.options(),
                    d.chosen(), d.rationale(), d.area(), d.experiment());
            int size = ResponseBudget.toolResponse(entry);
            if (size > MAX_ENTRY_RESPONSE) {
                throw new WorkbenchException(ErrorCode.INPUT_TOO_LARGE, "the decision would take " + size
                        + " bytes to send back; one decision is limited to " + MAX_ENTRY_RESPONSE
                        + " (shorten the options or the rationale, and point to a document for the details)");
            }
            store.append(FILE, entry);
            activity.append(now, "decision.logged", "Decision #" + entry.id() + ": " + d.chosen(), d.context());
            return entry;
        });
    }

    /**
     * Appends an entry the workbench itself decided to record, such as a rollback, numbered like the others.
     * Must run inside a store transaction, beside the change it records.
     */
    public JournalEntry record(String at, String kind, String context, List<String> options, String chosen,
                               String rationale) {
        return record(store, at, kind, context, options, chosen, rationale, null);
    }

    /**
     * {@link #record} for services that the journal itself depends on (an experiment's decision override), so that
     * they need no Journal: the same numbering, the same file. Must run inside a store transaction.
     */
    public static JournalEntry record(Store store, String at, String kind, String context, List<String> options,
                                      String chosen, String rationale, String experiment) {
        JournalEntry entry = new JournalEntry(store.countLines(FILE) + 1, at, kind, context, options, chosen,
                rationale, null, experiment);
        store.append(FILE, entry);
        return entry;
    }

    /** The last {@code max} decisions, oldest first. */
    public List<JournalEntry> recent(int max) {
        return store.tail(FILE, max).stream().map(n -> Json.mapper().convertValue(n, JournalEntry.class)).toList();
    }

    public long count() {
        return store.countLines(FILE);
    }
}
