package dev.workbench.page;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointName;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Status;
import dev.workbench.core.program.Claim;
import dev.workbench.core.program.Claims;
import dev.workbench.core.program.HoldoutCheckDue;
import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.project.AreaState;
import dev.workbench.core.project.ProjectState;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.review.StageState;
import dev.workbench.core.run.RunRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The overview ({@code /}): a scorecard of counts, the areas with their mode and review state, the experiments by
 * status with their verdicts, holdout checks due and claims, recent activity, and the latest checkpoints and runs.
 * Runs and checkpoints are listed from their ids alone and only the newest few records are read: at 10,000 runs,
 * reading every record would take most of a second.
 */
final class OverviewView implements Dashboard.Route {
    /** How many of the newest runs, checkpoints and activity entries the overview shows. */
    static final int LATEST = 10;

    static final int ACTIVITY = 20;

    /** The order a person reads experiments in: what is moving first, what is done last. */
    private static final List<Status> ORDER =
            List.of(Status.ANALYZING, Status.COLLECTING, Status.DRAFT, Status.DECIDED, Status.ARCHIVED);

    private final Workbench wb;

    OverviewView(Workbench wb) {
        this.wb = wb;
    }

    @Override
    public Optional<Page> render(String rest, PageRequest request) {
        if (!rest.isEmpty()) {
            return Optional.empty();
        }
        Links links = request.links();
        ProjectState project = wb.project().get();
        List<StageRecords.Status> stages = wb.stages().statuses();
        List<Experiment> experiments = experiments();
        List<String> runIds = wb.runs().ids();
        List<String> checkpointNames = wb.checkpoints().names();
        long waiting = ReviewStages.all(wb).stream()
                .filter(s -> s.state() == StageState.REVIEWED)
                .count();

        Html h = new Html();
        h.el("h1", project.name() == null ? "Overview" : project.name());
        if (project.hypothesis() != null) {
            h.el("p", project.hypothesis(), "class", "muted", "data-test", "hypothesis");
        }
        h.open("div", "class", "cards", "data-test", "scorecard");
        card(h, "Areas", areaNames(project, stages).size(), "areas");
        card(h, "Experiments", experiments.size(), "experiments");
        card(h, "Waiting for review", waiting, "waiting");
        card(h, "Runs", runIds.size(), "runs");
        card(h, "Checkpoints", checkpointNames.size(), "checkpoints");
        h.close("div");
        if (waiting > 0) {
            h.open("p")
                    .link(links.review(), waiting + " waiting for a person: review them")
                    .close("p");
        }

        areas(h, project, stages);
        experiments(h, experiments, links);
        holdouts(h, links);
        claims(h);
        activity(h);
        checkpoints(h, checkpointNames, links);
        runs(h, runIds, links);
        return Optional.of(new Page("Overview", "overview", h.toString()));
    }

    private static void card(Html h, String label, long value, String test) {
        h.open("div", "class", "card", "data-test", "card-" + test)
                .el("div", label, "class", "muted")
                .el("div", value, "class", "value")
                .close("div");
    }

    /** The areas the project names and those with a stage folder: either alone is a part of the work. */
    private static List<String> areaNames(ProjectState project, List<StageRecords.Status> stages) {
        TreeMap<String, Boolean> names = new TreeMap<>();
        project.areas().keySet().forEach(a -> names.put(a, true));
        stages.forEach(s -> names.put(s.area(), true));
        return new ArrayList<>(names.keySet());
    }

    private static void areas(Html h, ProjectState project, List<StageRecords.Status> stages) {
        h.el("h2", "Areas");
        List<String> names = areaNames(project, stages);
        if (names.isEmpty()) {
            h.el("p", "No areas yet.", "class", "muted", "data-test", "areas");
            return;
        }
        Map<String, StageRecords.Status> byArea = new TreeMap<>();
        stages.forEach(s -> byArea.put(s.area(), s));
        h.open("div", "class", "scroll").open("table", "class", "data", "id", "areas", "data-test", "areas");
        Tables.head(h, List.of("Area", "Mode", "Next mode", "Review state", "Review surface", "Updated"));
        for (String area : names) {
            AreaState a = project.areas().get(area);
            StageRecords.Status s = byArea.get(area);
            String state = s == null ? "none" : s.state().name();
            h.open("tr", "data-test", "area", "data-area", area, "data-state", state);
            h.el("td", area);
            h.el("td", a == null || a.mode() == null ? "–" : mode(a.mode()));
            h.el("td", a == null || a.nextMode() == null ? "–" : mode(a.nextMode()));
            h.open("td");
            if (s == null) {
                h.el("span", "no stage", "class", "badge muted");
            } else {
                ReviewStages.badge(h, s.state());
                if (s.staleReason() != null) {
                    h.text(" ").el("span", s.staleReason(), "class", "warn", "data-test", "stale-reason");
                }
            }
            h.close("td");
            h.el("td", a == null || a.reviewSurface() == null ? "–" : a.reviewSurface());
            h.el("td", Format.when(s != null ? s.updatedAt() : a == null ? null : a.updatedAt()));
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    private static String mode(Enum<?> mode) {
        return mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every readable experiment; reading all records is cheap (~15 ms at 260), unlike runs. */
    private List<Experiment> experiments() {
        List<Experiment> all = new ArrayList<>();
        for (String slug : wb.experiments().slugs()) {
            try {
                wb.experiments().find(slug).ifPresent(all::add);
            } catch (WorkbenchException unreadable) {
                // get-project lists it with its problem; one damaged record does not hide the others
            }
        }
        return all;
    }

    private static void experiments(Html h, List<Experiment> experiments, Links links) {
        h.el("h2", "Experiments");
        h.open("div", "data-test", "experiments");
        if (experiments.isEmpty()) {
            h.el("p", "No experiments yet.", "class", "muted");
        }
        Map<Status, List<Experiment>> byStatus = new EnumMap<>(Status.class);
        for (Experiment e : experiments) {
            byStatus.computeIfAbsent(e.status() == null ? Status.DRAFT : e.status(), s -> new ArrayList<>())
                    .add(e);
        }
        for (Status status : ORDER) {
            List<Experiment> group = byStatus.get(status);
            if (group == null) {
                continue;
            }
            h.el("h3", status.wireName() + " (" + group.size() + ")");
            h.open("div", "class", "scroll").open("table", "class", "data", "id", "experiments-" + status.wireName());
            Tables.head(h, List.of("Experiment", "Method", "Primary metric", "Verdict", "Effect", "Decision"));
            for (Experiment e : group) {
                OverviewVerdict v = OverviewVerdict.of(e);
                h.open("tr", "data-test", "experiment", "data-slug", e.slug(), "data-status", status.wireName());
                h.open("td").link(links.experiment(e.slug()), e.slug()).close("td");
                h.el(
                        "td",
                        e.contract().method() == null
                                ? "–"
                                : ExperimentView.method(e.contract().method()));
                h.el(
                        "td",
                        e.contract().primaryMetricEvent() == null
                                ? "–"
                                : e.contract().primaryMetricEvent());
                h.open("td", "data-test", "verdict");
                h.text(v.verdict() == null ? (e.analysisResult() == null ? "not analysed" : "–") : v.verdict());
                if (v.stale()) {
                    h.text(" ")
                            .el(
                                    "span",
                                    "analysis stale",
                                    "class",
                                    "badge warn",
                                    "data-test",
                                    "analysis-stale",
                                    "title",
                                    "the data changed since this analysis");
                }
                h.close("td");
                h.el("td", v.effects() == null ? "–" : v.effects());
                h.el("td", e.decision().choice() == null ? "–" : e.decision().choice(), "data-test", "decision");
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
        }
        h.close("div");
    }

    private void holdouts(Html h, Links links) {
        List<HoldoutCheckDue> due = wb.holdouts().due();
        if (due.isEmpty()) {
            return;
        }
        h.el("h2", "Holdout checks due");
        h.open("ul", "data-test", "holdouts-due");
        for (HoldoutCheckDue d : due) {
            h.open("li", "data-test", "holdout-due", "data-slug", d.experiment());
            h.link(links.experiment(d.experiment()), d.experiment());
            h.text(": day " + d.day() + " check " + d.checkpoint() + ", due " + d.dueOn() + " (" + d.state() + ")");
            h.close("li");
        }
        h.close("ul");
    }

    private void claims(Html h) {
        if (wb.backend().claims().slugs().isEmpty()) {
            return; // listing claims reads every experiment again for their counts: not for a project without any
        }
        List<Claims.Summary> claims = wb.claims().list();
        if (claims.isEmpty()) {
            return;
        }
        h.el("h2", "Claims");
        h.open("div", "class", "scroll").open("table", "class", "data", "id", "claims", "data-test", "claims");
        Tables.head(h, List.of("Claim", "Statement", "Status", "Experiments"));
        for (Claims.Summary c : claims) {
            String status = c.status() == null ? "unreadable" : c.status().wireName();
            h.open("tr", "data-test", "claim", "data-slug", c.slug(), "data-status", status);
            h.el("td", c.slug());
            h.el("td", c.statement() == null ? "–" : c.statement());
            h.open("td");
            String tone = c.status() == Claim.Status.OPEN ? "muted" : c.approved() ? "ok" : "warn";
            h.el("span", status, "class", "badge " + tone);
            if (c.approvalProblem() != null) {
                h.text(" ").el("span", c.approvalProblem(), "class", "warn");
            }
            h.close("td");
            h.el("td", c.experiments(), "class", "num");
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    private void activity(Html h) {
        h.el("h2", "Recent activity");
        List<ActivityEntry> recent = wb.activity().recent(ACTIVITY);
        if (recent.isEmpty()) {
            h.el("p", "Nothing happened yet.", "class", "muted", "data-test", "activity");
            return;
        }
        h.open("ol", "class", "timeline", "data-test", "activity");
        for (int i = recent.size() - 1; i >= 0; i--) { // newest first
            ActivityEntry a = recent.get(i);
            h.open("li", "data-test", "activity-entry", "data-type", a.type());
            h.el("time", Format.when(a.at()), "datetime", a.at(), "class", "muted")
                    .text(" ");
            h.el("span", a.title());
            if (a.detail() != null && !a.detail().isBlank()) {
                h.el("div", a.detail(), "class", "muted");
            }
            h.close("li");
        }
        h.close("ol");
    }

    private void checkpoints(Html h, List<String> names, Links links) {
        h.el("h2", "Latest checkpoints");
        if (names.isEmpty()) {
            h.el("p", "No checkpoints yet.", "class", "muted", "data-test", "checkpoints");
            return;
        }
        h.open("div", "class", "scroll")
                .open("table", "class", "data", "id", "latest-checkpoints", "data-test", "checkpoints");
        Tables.head(h, List.of("Checkpoint", "Created", "Area", "Files", "Note"));
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(CheckpointName.BY_NUMBER);
        for (String name : newest(sorted)) {
            Checkpoint c;
            try {
                c = wb.checkpoints().get(name);
            } catch (WorkbenchException damaged) {
                h.open("tr", "data-test", "checkpoint", "data-name", name)
                        .el("td", name)
                        .el("td", damaged.getMessage(), "colspan", "4", "class", "bad")
                        .close("tr");
                continue;
            }
            h.open("tr", "data-test", "checkpoint", "data-name", name);
            h.open("td").link(links.checkpoint(name), name).close("td");
            h.el("td", Format.when(c.createdAt()), "data-value", c.createdAt());
            h.el("td", c.area() == null ? "–" : c.area());
            h.el("td", c.files() + " (" + Format.bytes(c.bytes()) + ")", "class", "num", "data-value", "" + c.files());
            h.el("td", c.note() == null ? "–" : c.note());
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
        more(h, names.size(), "checkpoints", links.checkpoints());
    }

    private void runs(Html h, List<String> ids, Links links) {
        h.el("h2", "Latest runs");
        if (ids.isEmpty()) {
            h.el("p", "No runs yet.", "class", "muted", "data-test", "runs");
            return;
        }
        h.open("div", "class", "scroll").open("table", "class", "data", "id", "latest-runs", "data-test", "runs");
        Tables.head(h, List.of("Run", "Recorded", "Command", "Exit", "Experiment or area"));
        for (String id : newest(ids)) {
            Optional<RunRecord> found;
            try {
                found = wb.runs().find(id);
            } catch (WorkbenchException damaged) {
                found = Optional.empty();
            }
            h.open("tr", "data-test", "run", "data-id", id);
            if (found.isEmpty()) {
                // no run view and no report section for a record that cannot be read: its id, not a link
                h.el("td", id)
                        .el("td", "cannot be read", "colspan", "4", "class", "bad")
                        .close("tr");
                continue;
            }
            h.open("td").link(links.run(id), id).close("td");
            RunRecord r = found.get();
            RunRecord.Summary s = r.summary();
            h.el("td", Format.when(r.recordedAt()), "data-value", r.recordedAt());
            h.open("td").open("code").text(s.command()).close("code").close("td");
            h.open("td", "class", "num");
            if (r.unsuccessful()) {
                h.el("span", r.exitCode() == null ? "failed" : "exit " + r.exitCode(), "class", "badge bad");
            } else {
                h.text(r.exitCode() == null ? "–" : r.exitCode().toString());
            }
            h.close("td");
            if (r.experiment() != null) {
                h.open("td")
                        .link(links.experiment(r.experiment()), r.experiment())
                        .close("td");
            } else {
                h.el("td", r.area() == null ? "–" : r.area());
            }
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
        more(h, ids.size(), "runs", links.runs());
    }

    /** The newest {@link #LATEST} of names that sort by time (run ids, checkpoint names), newest first. */
    private static List<String> newest(List<String> sorted) {
        List<String> out = new ArrayList<>(sorted.subList(Math.max(0, sorted.size() - LATEST), sorted.size()));
        java.util.Collections.reverse(out);
        return out;
    }

    private static void more(Html h, int total, String what, String href) {
        if (total > LATEST) {
            h.open("p", "class", "muted", "data-test", what + "-cut")
                    .text(LATEST + " newest of " + String.format(java.util.Locale.ROOT, "%,d", total) + " " + what
                            + "; ")
                    .link(href, "all " + what)
                    .close("p");
        }
    }
}
