package dev.workbench.page;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Decision;
import dev.workbench.core.experiment.DecisionOverride;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Learning;
import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.review.StageId;
import dev.workbench.core.review.StageRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What came of the experiment: the decision (and the override it was taken under, with its reason), what was
 * learned, the journal entries that name it, and where its clean result stands in review (approved, awaiting a
 * person, stale and why), read from its review stage {@code experiment:<slug>} as every reader reads it.
 */
final class ExperimentOutcome {
    /** How many of the journal's latest entries are searched: the journal grows without bound. */
    static final int JOURNAL_LOOK_BACK = 500;
    /** How many of the entries found are shown, newest first. */
    static final int JOURNAL_SHOWN = 30;

    private ExperimentOutcome() {}

    static void decision(Html h, Experiment e) {
        h.open("section", "data-test", "decision", "aria-labelledby", ExperimentView.id(e.slug(), "decision-title"));
        h.el("h2", "Decision", "id", ExperimentView.id(e.slug(), "decision-title"));
        Decision d = e.decision();
        if (d.choice() == null && d.summary() == null) {
            h.el("p", "No decision yet (status " + e.status().wireName() + ").", "class", "muted");
        } else {
            h.open("dl", "class", "kv");
            h.el("dt", "Decided").el("dd", d.choice(), "data-test", "decision-choice");
            h.el("dt", "Summary").el("dd", d.summary());
            h.el("dt", "Reason").el("dd", d.reason());
            if (e.window().end() != null) {
                h.el("dt", "Window")
                        .el("dd", e.window().start() + " to " + e.window().end());
            }
            h.close("dl");
        }
        DecisionOverride o = e.override();
        if (o != null) {
            h.open("div", "data-test", "override", "class", "card");
            ExperimentHealth.badge(h, "bad", "decided over a failed gate");
            h.open("dl", "class", "kv");
            h.el("dt", "Why").el("dd", o.reason(), "data-test", "override-reason");
            h.el("dt", "When").el("dd", Format.when(o.at()));
            h.el("dt", "Gate found").el("dd", o.failedChecks() == null ? "–" : String.join("; ", o.failedChecks()));
            h.close("dl").close("div");
        }
        h.close("section");
    }

    static void learnings(Html h, Experiment e) {
        if (e.learnings().isEmpty()) {
            return;
        }
        h.open("section", "data-test", "learnings", "aria-labelledby", ExperimentView.id(e.slug(), "learnings-title"));
        h.el("h2", "Learnings", "id", ExperimentView.id(e.slug(), "learnings-title"));
        h.open("ol", "class", "timeline");
        for (Learning l : e.learnings()) {
            h.open("li", "data-test", "learning");
            h.el("div", Format.when(l.at()), "class", "muted");
            if (l.confirmedOrRefuted() != null) {
                String outcome = l.confirmedOrRefuted().name().toLowerCase(Locale.ROOT);
                ExperimentHealth.badge(
                        h,
                        switch (l.confirmedOrRefuted()) {
                            case CONFIRMED -> "ok";
                            case REFUTED -> "bad";
                            case INCONCLUSIVE -> "muted";
                        },
                        outcome);
            }
            h.open("dl", "class", "kv");
            h.el("dt", "What changed").el("dd", l.whatChanged());
            h.el("dt", "What happened").el("dd", l.whatHappened());
            h.el("dt", "Why").el("dd", l.whyItHappened());
            if (l.nextHypothesis() != null) {
                h.el("dt", "Next hypothesis").el("dd", l.nextHypothesis());
            }
            h.close("dl").close("li");
        }
        h.close("ol").close("section");
    }

    static void journal(Html h, ExperimentReading reading, String slug) {
        h.open("section", "data-test", "journal", "aria-labelledby", ExperimentView.id(slug, "journal-title"));
        h.el("h2", "Journal", "id", ExperimentView.id(slug, "journal-title"));
        List<JournalEntry> latest = reading.journal(JOURNAL_LOOK_BACK);
        long total = reading.journalTotal();
        int look = latest.size();
        Pattern word = word(slug);
        List<JournalEntry> found = new ArrayList<>();
        for (JournalEntry j : latest) {
            if (mentions(j, slug, word)) {
                found.add(0, j); // newest first
            }
        }
        String scope = total > look ? " among the latest " + look + " of " + total + " entries" : "";
        if (found.isEmpty()) {
            h.el("p", "No journal entry mentions it" + scope + ".", "class", "muted")
                    .close("section");
            return;
        }
        h.el(
                "p",
                found.size() + " entr" + (found.size() == 1 ? "y" : "ies") + " mention it" + scope
                        + (found.size() > JOURNAL_SHOWN ? "; the newest " + JOURNAL_SHOWN + " shown" : "") + ".",
                "class",
                "muted");
        h.open("ol", "class", "timeline");
        for (JournalEntry j : found.subList(0, Math.min(found.size(), JOURNAL_SHOWN))) {
            h.open("li", "data-test", "journal-entry", "data-id", Long.toString(j.id()));
            h.el(
                    "div",
                    "#" + j.id() + " · " + Format.when(j.at()) + (j.kind() == null ? "" : " · " + j.kind()),
                    "class",
                    "muted");
            h.el("div", j.context());
            h.open("div").text("Chose ").el("strong", j.chosen());
            if (j.options() != null && j.options().size() > 1) {
                h.text(" of " + String.join(" / ", j.options()));
            }
            h.close("div");
            h.el("div", j.rationale(), "class", "muted");
            h.close("li");
        }
        h.close("ol").close("section");
    }

    /** An entry that names the experiment, or whose words name its slug as a whole word. */
    /** {@code slug} as a whole word: compiled once per view, not once per entry. */
    private static Pattern word(String slug) {
        return Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(slug) + "(?![A-Za-z0-9_-])");
    }

    private static boolean mentions(JournalEntry j, String slug, Pattern word) {
        if (slug.equals(j.experiment())) {
            return true;
        }
        List<String> texts = new ArrayList<>(List.of(nz(j.context()), nz(j.chosen()), nz(j.rationale())));
        if (j.options() != null) {
            texts.addAll(j.options());
        }
        return texts.stream().anyMatch(t -> t != null && word.matcher(t).find());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Where the clean result stands: its review stage, as {@code Stages#status} reads it now. */
    static void cleanResult(Html h, Workbench wb, String slug, Links links) {
        h.open("section", "data-test", "clean-result", "aria-labelledby", ExperimentView.id(slug, "clean-title"));
        h.el("h2", "Clean result", "id", ExperimentView.id(slug, "clean-title"));
        h.open("p");
        try {
            StageRecords.Status s = wb.stages().status(StageId.experiment(slug).key());
            switch (s.state()) {
                case APPROVED -> {
                    ExperimentHealth.badge(h, "ok", "approved");
                    h.text(" at " + Format.when(s.decidedAt()));
                }
                case REVIEWED -> {
                    ExperimentHealth.badge(h, "warn", "awaiting approval");
                    h.text(" reviewed, waiting for a person to approve it");
                }
                case EXECUTED -> {
                    ExperimentHealth.badge(h, "warn", "awaiting review");
                    h.text(" executed, not reviewed yet");
                }
                case REJECTED -> {
                    ExperimentHealth.badge(h, "bad", "rejected");
                    h.text(" at " + Format.when(s.decidedAt()));
                }
                case STALE -> {
                    if (s.staleReason() == null) {
                        ExperimentHealth.badge(h, "muted", "not reviewed");
                        h.text(" its review has not started");
                    } else {
                        ExperimentHealth.badge(h, "bad", "stale");
                        h.text(" " + s.staleReason());
                    }
                }
            }
        } catch (WorkbenchException e) {
            ExperimentHealth.badge(h, "bad", "unreadable");
            h.text(" " + e.getMessage());
        }
        h.close("p");
        h.open("p")
                .link(links.review(), "Review and approval", "data-test", "clean-result-link")
                .close("p");
        h.close("section");
    }
}
