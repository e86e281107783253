package dev.workbench.core.capture;

import dev.workbench.core.ProjectOverview;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.ExperimentSummary;
import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.project.ProjectState;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.runbook.RunbookStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The few lines the session-start hook adds to the agent's context: get-project's {@link ProjectOverview} (project,
 * areas and their review state, a page of experiments, the due holdout checks, counts, runbook freshness, the latest
 * activity) cut to what an
 * agent needs before its first call, plus what only the hooks know ({@link Capture#trackingWarnings}). It ends by
 * pointing at get-project for the rest.
 */
public final class SessionSummary {
    /** Experiments named in the summary, at most: get-project's default page. */
    static final int EXPERIMENTS = 20;
    /** Activity entries shown. */
    static final int RECENT = 3;
    /** Due holdout checks named, at most. */
    static final int HOLDOUT_CHECKS = 5;

    private SessionSummary() {}

    /** The summary as text, one line per fact. */
    public static String text(Workbench wb) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            print(wb, print);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void print(Workbench wb, PrintStream out) {
        if (!wb.backend().initialized()) {
            out.println(
                    "Workbench: no .aw/ here yet. Frame the question with update-project (name, hypothesis, primaryMetric)"
                            + " before analysing; checkpoint data before changing it; record runs.");
            return;
        }
        ProjectOverview overview = ProjectOverview.read(wb, null, EXPERIMENTS, RECENT);
        ProjectState p = overview.project();
        out.println("Workbench project: " + (p.name() == null ? "(unnamed)" : p.name())
                + (p.stage() == null ? "" : ", stage " + p.stage()));
        if (p.hypothesis() != null) {
            out.println("Hypothesis: " + p.hypothesis());
        }
        Map<String, StageRecords.Status> stages = new TreeMap<>();
        overview.stages().forEach(s -> stages.put(s.area(), s));
        p.areas()
                .forEach((name, a) -> out.println("Area " + name + ": "
                        + (a.mode() == null ? "?" : a.mode().name().toLowerCase())
                        + (a.nextMode() == null
                                ? ""
                                : " → " + a.nextMode().name().toLowerCase())
                        + ", review "
                        + review(
                                stages.containsKey(name)
                                        ? stages.get(name)
                                        : wb.stages().status(name))));
        stages.values().stream()
                .filter(s -> !p.areas().containsKey(s.area()))
                .forEach(s -> out.println("Area " + s.area() + ": review " + review(s)));
        List<ExperimentSummary> experiments = overview.experiments().items();
        if (!experiments.isEmpty()) {
            out.println("Experiments: "
                    + String.join(
                            ", ",
                            experiments.stream()
                                    .map(e -> e.slug() + " ("
                                            + (e.status() == null
                                                    ? "unreadable"
                                                    : e.status().wireName())
                                            + (Boolean.TRUE.equals(e.analysisStale())
                                                    ? ", analysis stale: analyse again"
                                                    : "")
                                            + ")")
                                    .toList()));
        }
        if (!overview.holdoutChecksDue().isEmpty()) {
            out.println("Holdout checks due: "
                    + String.join(
                            ", ",
                            overview.holdoutChecksDue().stream()
                                    .limit(HOLDOUT_CHECKS)
                                    .map(d -> d.checkpoint() + " (since " + d.dueOn() + ", " + d.state() + ")")
                                    .toList())
                    + (overview.holdoutChecksDue().size() > HOLDOUT_CHECKS ? ", …" : "")
                    + "; collect and analyse them, then analyze-holdout");
        }
        out.println("Checkpoints: " + overview.checkpoints() + ", runs: " + overview.runs() + ", decisions: "
                + overview.decisions() + "; runbook "
                + (overview.runbook().stale() ? "stale (write-runbook)" : "current"));
        List<ActivityEntry> latest = overview.latest();
        for (ActivityEntry a : latest.subList(Math.max(0, latest.size() - RECENT), latest.size())) {
            out.println("Recent: " + a.at() + " " + a.title());
        }
        Capture.trackingWarnings(wb).forEach(out::println);
        out.println("Call get-project for details.");
    }

    /** An area's review state as the summary says it: STALE says why. */
    private static String review(StageRecords.Status s) {
        return s.state() + (s.staleReason() == null ? "" : " (" + s.staleReason() + "; execute and review it again)");
    }

    /** Whether runbook.md is older than the activity since, as get-project's {@code runbook.stale} says. */
    static boolean runbookStale(Workbench wb) {
        return RunbookStatus.of(wb.backend().root(), wb.activity().recent(RunbookStatus.LOOK_BACK))
                .stale();
    }
}
