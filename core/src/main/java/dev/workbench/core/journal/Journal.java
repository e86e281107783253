package dev.workbench.core.journal;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.EventLogs;
import dev.workbench.core.store.EventLogs.Log;
import dev.workbench.core.store.Transactions;
import java.time.Clock;
import java.util.List;

/** The append-only decision log: each decision numbered after the ones before it. */
public final class Journal {
    /** One decision must leave room for others in a response: a quarter of the response limit. */
    public static final int MAX_ENTRY_RESPONSE = ResponseBudget.LIMIT / 4;

    private final Transactions transactions;
    private final EventLogs events;
    private final Clock clock;
    private final Experiments experiments;
    private final ActivityLog activity;

    public Journal(
            Transactions transactions, EventLogs events, Clock clock, Experiments experiments, ActivityLog activity) {
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.experiments = experiments;
        this.activity = activity;
    }

    /** Appends a decision, numbered after the ones before it. An experiment it names must exist. */
    public JournalEntry log(Decision d) {
        return transactions.transaction(() -> {
            if (d.experiment() != null) {
                experiments.get(d.experiment());
            }
            String now = Backend.now(clock);
            JournalEntry entry = new JournalEntry(
                    events.count(Log.JOURNAL) + 1,
                    now,
                    null,
                    d.context(),
                    d.options(),
                    d.chosen(),
                    d.rationale(),
                    d.area(),
                    d.experiment());
            int size = ResponseBudget.toolResponse(entry);
            if (size > MAX_ENTRY_RESPONSE) {
                throw new WorkbenchException(
                        ErrorCode.INPUT_TOO_LARGE,
                        "the decision would take " + size
                                + " bytes to send back; one decision is limited to " + MAX_ENTRY_RESPONSE
                                + " (shorten the options or the rationale, and point to a document for the details)");
            }
            events.append(Log.JOURNAL, entry);
            activity.append(now, "decision.logged", "Decision #" + entry.id() + ": " + d.chosen(), d.context());
            return entry;
        });
    }

    /**
     * Appends an entry the workbench itself decided to record, such as a rollback, numbered like the others.
     * Must run inside a transaction, beside the change it records.
     */
    public JournalEntry record(
            String at, String kind, String context, List<String> options, String chosen, String rationale) {
        return record(events, at, kind, context, options, chosen, rationale, null);
    }

    /**
     * {@link #record} for services that the journal itself depends on (an experiment's decision override), so that
     * they need no Journal: the same numbering, the same log. Must run inside a transaction.
     */
    public static JournalEntry record(
            EventLogs events,
            String at,
            String kind,
            String context,
            List<String> options,
            String chosen,
            String rationale,
            String experiment) {
        JournalEntry entry = new JournalEntry(
                events.count(Log.JOURNAL) + 1, at, kind, context, options, chosen, rationale, null, experiment);
        events.append(Log.JOURNAL, entry);
        return entry;
    }

    /** The last {@code max} decisions, oldest first. */
    public List<JournalEntry> recent(int max) {
        return events.tail(Log.JOURNAL, max, JournalEntry.class);
    }

    public long count() {
        return events.count(Log.JOURNAL);
    }
}
