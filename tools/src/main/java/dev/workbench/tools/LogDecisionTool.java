package dev.workbench.tools;

import dev.workbench.core.Workbench;
import dev.workbench.core.journal.Decision;
import dev.workbench.core.journal.JournalEntry;

/** Appends a decision, with its options and rationale, to the journal. */
public final class LogDecisionTool implements Tool<Decision, JournalEntry> {
    public static final String NAME = "log-decision";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Log decision";
    }

    @Override
    public String description() {
        return "Appends a decision to the journal: context, options, the one chosen and the rationale.";
    }

    @Override
    public Class<Decision> inputType() {
        return Decision.class;
    }

    @Override
    public Class<JournalEntry> outputType() {
        return JournalEntry.class;
    }

    @Override
    public Hints hints() {
        return Hints.ADDITIVE;
    }

    @Override
    public JournalEntry call(Decision in, ToolContext context) {
        Workbench wb = context.workbench();
        return wb.journal().log(in);
    }
}
