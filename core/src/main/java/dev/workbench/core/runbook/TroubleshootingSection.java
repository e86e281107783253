package dev.workbench.core.runbook;

import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.run.RunRecord;
import java.util.ArrayList;
import java.util.List;

/** Failed runs, then the journal's decisions and rollbacks, newest last. */
final class TroubleshootingSection implements Section {
    @Override
    public String name() {
        return "Troubleshooting";
    }

    @Override
    public void render(RunbookState state, MarkdownLines out) {
        out.heading(2, name());
        out.heading(3, "Failed runs");
        List<String> failed = new ArrayList<>();
        for (RunRecord run : state.runs()) {
            if (RunbookState.failed(run)) {
                Integer step = state.plan().stepOf().get(run.id());
                failed.add("- " + (step == null ? "Run " + Md.code(run.id()) + " (no step)" : "Step " + step) + ": "
                        + Md.code(Md.truncate(Md.oneLine(run.command()), 120))
                        + (run.exitCode() != null ? " exited with " + run.exitCode() : " failed (no exit code given)")
                        + (run.note() == null ? "" : " — " + Md.oneLine(run.note())));
            }
        }
        if (failed.isEmpty()) {
            out.paragraph("No run has failed.");
        } else {
            out.block(failed);
        }
        out.heading(3, "Decisions and rollbacks");
        if (state.journal().isEmpty()) {
            out.paragraph("No decisions or rollbacks recorded yet.");
            return;
        }
        long older = state.journalSize() - state.journal().size();
        out.paragraph("From `.aw/journal.jsonl`, newest last"
                + (older > 0 ? "; the " + older + " older entries are in the file itself." : "."));
        List<String> entries = new ArrayList<>();
        for (JournalEntry e : state.journal()) {
            entries.addAll(entry(e));
        }
        out.block(entries);
    }

    private static List<String> entry(JournalEntry e) {
        String kind = e.kind() == null ? "decision" : e.kind();
        String tags = (e.area() == null ? "" : ", area " + Md.code(e.area()))
                + (e.experiment() == null ? "" : ", experiment " + Md.code(e.experiment()));
        List<String> lines = new ArrayList<>();
        lines.add("- **#" + e.id() + " " + kind + "**, " + e.at() + tags);
        lines.add("  - Context: " + Md.oneLine(e.context()));
        if (e.options() != null && !e.options().isEmpty()) {
            lines.add("  - Options: "
                    + String.join("; ", e.options().stream().map(Md::oneLine).toList()));
        }
        lines.add("  - Chosen: **" + Md.oneLine(e.chosen()) + "**");
        lines.add("  - Rationale: " + Md.oneLine(e.rationale()));
        return lines;
    }
}
