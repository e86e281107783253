package dev.workbench.core.capture;

import dev.workbench.core.Workbench;
import dev.workbench.core.runbook.RunbookWriter;

/** What the stop hook does at the end of the agent's turn: keeps the runbook current, so the next session reads it. */
public final class TurnEnd {
    private TurnEnd() {}

    /** Writes runbook.md again when it is stale; nothing in a folder without {@code .aw/}. */
    public static void keepRunbookCurrent(Workbench wb) {
        if (wb.backend().initialized() && SessionSummary.runbookStale(wb)) {
            new RunbookWriter(wb).write(null, false);
        }
    }
}
