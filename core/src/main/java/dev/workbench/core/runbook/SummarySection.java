package dev.workbench.core.runbook;

import dev.workbench.core.project.ProjectState;
import dev.workbench.core.run.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** The title and one paragraph: what the project is about, where it stands, and as of when. */
final class SummarySection implements Section {
    @Override
    public String name() {
        return "Summary";
    }

    @Override
    public void render(RunbookState state, MarkdownLines out) {
        ProjectState p = state.project();
        out.heading(1, p.name() == null ? "Runbook" : "Runbook: " + Md.oneLine(p.name()));
        if (state.isEmpty()) {
            out.paragraph("Nothing has been recorded yet: no project name, hypothesis or primary metric, no runs, "
                    + "checkpoints or decisions. Set the project with update-project, record each command with "
                    + "record-run and snapshot data with checkpoint, then write the runbook again.");
            return;
        }
        List<String> facts = new ArrayList<>();
        facts.add("This runbook is derived from the workbench's records in `.aw/`"
                + (p.name() == null ? "." : " for **" + Md.oneLine(p.name()) + "**."));
        add(facts, "Hypothesis", p.hypothesis());
        if (p.primaryMetric() != null) {
            facts.add("Primary metric: " + Md.code(p.primaryMetric()) + ".");
        }
        add(facts, "Stage", p.stage());
        add(facts, "Last action", p.lastAction());
        long failed = state.runs().stream().filter(RunbookState::failed).count();
        Set<String> areas = new TreeSet<>(p.areas().keySet());
        state.runs().stream().map(RunRecord::area).filter(Objects::nonNull).forEach(areas::add);
        facts.add("It covers " + count(state.runs().size(), "run") + (failed > 0 ? " (" + failed + " failed)" : "")
                + ", " + count(state.checkpoints().size(), "checkpoint") + ", "
                + count(state.journalSize(), "journal entry")
                + " and " + count(areas.size(), "area") + ", as of "
                + (state.asOf() == null ? "an unknown time" : state.asOf()) + " (the latest recorded change).");
        if (!state.runs().isEmpty()) {
            RunbookPlan plan = state.plan();
            facts.add("The runs make " + count(plan.steps().size(), "step")
                    + (plan.undone().isEmpty() ? "" : "; " + plan.undone().size() + " undone by a rollback")
                    + (plan.unchanged().isEmpty() ? "" : "; " + plan.unchanged().size() + " changed nothing tracked")
                    + ".");
        }
        out.paragraph(String.join(" ", facts));
    }

    private static void add(List<String> facts, String label, String value) {
        if (value != null) {
            String text = Md.oneLine(value);
            facts.add(label + ": " + text + (text.endsWith(".") ? "" : "."));
        }
    }

    static String count(long n, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }
}
