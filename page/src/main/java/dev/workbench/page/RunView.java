package dev.workbench.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.provenance.EnvironmentSnapshot;
import dev.workbench.core.provenance.GitState;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import dev.workbench.core.run.Runs;
import dev.workbench.resources.RunComparison;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /runs/<id>}: what produced a run's numbers, as its record stores it: the command and how it ended, params and
 * metrics, the commit and the snapshot of a dirty tree, the machine and runtimes, and each input and output with its
 * hash. The body holds no element ids, so the report can place many runs' views in one file.
 */
final class RunView {
    private final Workbench wb;

    RunView(Workbench wb) {
        this.wb = wb;
    }

    /** The run {@code id}, or empty when there is none (or {@code id} cannot be one). */
    Optional<Page> render(String id, PageRequest request) {
        if (!Runs.isId(id)) {
            return Optional.empty();
        }
        Optional<RunRecord> run;
        try {
            run = wb.runs().find(id);
        } catch (WorkbenchException e) {
            return Optional.empty(); // a damaged record is no page; aw://runs/<id> says what is wrong with it
        }
        return run.map(r -> new Page("Run " + r.id(), "run", body(r, request.links())));
    }

    static String body(RunRecord r, Links links) {
        Html h = new Html();
        h.el("h1", "Run " + r.id());
        h.open("div", "data-test", "run-provenance", "data-run-id", r.id());
        h.open("p").link(links.runs(), "All runs").close("p");
        h.el("code", r.command(), "class", "cmd", "data-test", "run-command");
        h.open("dl", "class", "kv");
        h.el("dt", "Status")
                .open("dd", "data-test", "run-status")
                .el("span", RunText.status(r), "class", RunText.statusClass(r))
                .close("dd");
        kv(h, "Duration", RunText.duration(r.durationMs()), "run-duration");
        kv(h, "Recorded", r.recordedAt(), "run-recorded");
        kv(h, "Captured by", capturedBy(r), "run-captured-by");
        if (r.sessionId() != null) {
            kv(h, "Session", r.sessionId(), "run-session");
        }
        if (r.transcriptPath() != null) {
            kv(h, "Transcript", r.transcriptPath(), "run-transcript");
        }
        kv(h, "Area", r.area() == null ? "–" : r.area(), "run-area");
        h.el("dt", "Experiment").open("dd", "data-test", "run-experiment");
        if (r.experiment() == null) {
            h.text("–");
        } else {
            h.link(links.experiment(r.experiment()), r.experiment());
        }
        h.close("dd");
        if (r.note() != null) {
            kv(h, "Note", r.note(), "run-note");
        }
        h.close("dl");

        params(h, r.params());
        metrics(h, r.metrics());
        commit(h, r.git());
        snapshot(h, r.git());
        environment(h, r.environment());
        paths(h, "Inputs", "run-inputs", r.inputs(), null);
        paths(h, "Outputs", "run-outputs", r.outputs(), r.omittedOutputs());
        if (r.query() != null) {
            query(h, r.query());
        }
        h.close("div");
        return h.toString();
    }

    private static String capturedBy(RunRecord r) {
        if (r.capturedBy() == null) {
            return "– (recorded before the record said)";
        }
        if (Runs.CAPTURED_BY_HOOK.equals(r.capturedBy())) {
            return "the " + (r.agent() == null ? "agent's" : r.agent()) + " hook";
        }
        return r.capturedBy();
    }

    private static void kv(Html h, String name, Object value, String test) {
        h.el("dt", name).el("dd", value, "data-test", test);
    }

    private static void params(Html h, Map<String, JsonNode> params) {
        Map<String, String> shown = new LinkedHashMap<>();
        params.forEach((name, v) -> shown.put(name, RunComparison.text(v)));
        nameValues(h, "Params", "Param", "run-params", shown, null);
    }

    private static void metrics(Html h, Map<String, Double> metrics) {
        Map<String, String> shown = new LinkedHashMap<>();
        metrics.forEach((name, v) -> shown.put(name, RunText.exact(v)));
        nameValues(h, "Metrics", "Metric", "run-metrics", shown, "num");
    }

    /** A section of name, value rows in their recorded order, or "None recorded."; {@code cellClass} on the values. */
    private static void nameValues(
            Html h, String title, String column, String test, Map<String, String> rows, String cellClass) {
        h.el("h2", title);
        if (rows.isEmpty()) {
            h.el("p", "None recorded.", "class", "muted", "data-test", test);
            return;
        }
        h.open("div", "class", "scroll").open("table", "class", "data", "data-test", test);
        h.open("thead")
                .open("tr")
                .el("th", column)
                .el("th", "Value")
                .close("tr")
                .close("thead")
                .open("tbody");
        rows.forEach((name, v) -> h.open("tr", "data-name", name)
                .el("td", name)
                .el("td", v, "class", cellClass)
                .close("tr"));
        h.close("tbody").close("table").close("div");
    }

    private static void commit(Html h, GitState git) {
        h.el("h2", "Code");
        if (git == null) {
            h.el("p", "Not in a git work tree when the run was recorded.", "data-test", "run-commit");
            return;
        }
        h.open("dl", "class", "kv", "data-test", "run-commit");
        h.el("dt", "Commit").open("dd");
        if (git.commit() == null) {
            h.text("none yet (unborn branch)");
        } else {
            h.el("code", git.commit(), "data-test", "run-commit-id");
        }
        h.close("dd");
        kv(h, "Branch", git.branch() == null ? "detached HEAD" : git.branch(), "run-branch");
        h.el("dt", "Working tree")
                .open("dd", "data-test", "run-dirty", "data-dirty", Boolean.toString(git.dirty()))
                .el(
                        "span",
                        git.dirty() ? "dirty: changes not in the commit" : "clean",
                        "class",
                        git.dirty() ? "badge warn" : "badge ok")
                .close("dd");
        h.close("dl");
    }

    private static void snapshot(Html h, GitState git) {
        h.el("h2", "Snapshot");
        if (git == null || git.snapshotRef() == null) {
            h.el(
                    "p",
                    git == null
                            ? "None: no git work tree."
                            : git.dirty()
                                    ? "None stored for the dirty tree."
                                    : "None needed: the tree was clean, the commit is the code.",
                    "data-test",
                    "run-snapshot");
            return;
        }
        h.open("div", "data-test", "run-snapshot");
        h.open("dl", "class", "kv");
        h.el("dt", "Ref")
                .open("dd")
                .el("code", git.snapshotRef(), "data-test", "run-snapshot-ref")
                .close("dd");
        h.el("dt", "Commit")
                .open("dd")
                .el("code", git.snapshotCommit(), "data-test", "run-snapshot-commit")
                .close("dd");
        h.close("dl");
        h.el("p", "The exact working tree of the run, with its uncommitted changes; to see them:", "class", "muted");
        h.el(
                "code",
                "git diff " + (git.commit() == null ? "" : git.commit() + " ") + git.snapshotRef(),
                "class",
                "cmd");
        h.close("div");
    }

    private static void environment(Html h, EnvironmentSnapshot env) {
        h.el("h2", "Environment");
        if (env == null) {
            h.el("p", "Not recorded.", "class", "muted", "data-test", "run-environment");
            return;
        }
        h.open("div", "data-test", "run-environment");
        h.open("dl", "class", "kv");
        kv(h, "OS", env.os() + " " + env.osVersion() + " (" + env.arch() + ")", "run-os");
        kv(h, "CPUs", env.cpus(), "run-cpus");
        kv(h, "Memory", env.memoryBytes() > 0 ? Format.bytes(env.memoryBytes()) : "unknown", "run-memory");
        kv(h, "Java", env.javaVersion(), "run-java");
        h.close("dl");
        if (env.runtimes().isEmpty()) {
            h.el("p", "No runtimes found on PATH.", "class", "muted");
        } else {
            h.open("div", "class", "scroll").open("table", "class", "data", "data-test", "run-runtimes");
            h.open("thead")
                    .open("tr")
                    .el("th", "Runtime")
                    .el("th", "Version")
                    .close("tr")
                    .close("thead");
            h.open("tbody");
            env.runtimes()
                    .forEach((name, version) -> h.open("tr", "data-name", name)
                            .el("td", name)
                            .el("td", version)
                            .close("tr"));
            h.close("tbody").close("table").close("div");
        }
        if (env.lockfiles().isEmpty()) {
            h.el("p", "No lockfiles or manifests in the project.", "class", "muted");
        } else {
            h.open("div", "class", "scroll").open("table", "class", "data", "data-test", "run-lockfiles");
            h.open("thead")
                    .open("tr")
                    .el("th", "Lockfile")
                    .el("th", "Size")
                    .el("th", "SHA-256")
                    .close("tr")
                    .close("thead");
            h.open("tbody");
            for (EnvironmentSnapshot.Lockfile l : env.lockfiles()) {
                h.open("tr", "data-path", l.path())
                        .el("td", l.path())
                        .el("td", Format.bytes(l.size()), "class", "num", "data-value", Long.toString(l.size()))
                        .open("td")
                        .el("code", Format.shortHash(l.sha256()), "title", l.sha256(), "data-sha256", l.sha256())
                        .close("td")
                        .close("tr");
            }
            h.close("tbody").close("table").close("div");
        }
        h.close("div");
    }

    private static void paths(Html h, String title, String test, List<PathDigest> paths, Integer omitted) {
        h.el("h2", title);
        if (paths.isEmpty()) {
            h.el("p", "None recorded.", "class", "muted", "data-test", test);
            return;
        }
        h.open("div", "class", "scroll").open("table", "class", "data", "data-test", test);
        h.open("thead").open("tr");
        for (String name : List.of("Path", "Type", "Size", "Files", "SHA-256")) {
            h.el("th", name);
        }
        h.close("tr").close("thead").open("tbody");
        for (PathDigest p : paths) {
            h.open("tr", "data-path", p.path());
            h.el("td", p.path());
            h.el(
                    "td",
                    p.type(),
                    "class",
                    "missing".equals(p.type()) || PathDigest.DELETED.equals(p.type()) ? "warn" : null);
            h.el(
                    "td",
                    p.size() == null ? "–" : Format.bytes(p.size()),
                    "class",
                    "num",
                    "data-value",
                    p.size() == null ? null : p.size().toString());
            h.el("td", p.files() == null ? "" : p.files(), "class", "num");
            h.open("td");
            if (p.sha256() == null) {
                h.text("–");
            } else {
                h.el("code", Format.shortHash(p.sha256()), "title", p.sha256(), "data-sha256", p.sha256());
            }
            h.close("td").close("tr");
        }
        h.close("tbody").close("table").close("div");
        if (omitted != null && omitted > 0) {
            h.el(
                    "p",
                    omitted + " more changed files are not listed (a captured run lists at most " + RunRequest.MAX_PATHS
                            + ").",
                    "class",
                    "muted",
                    "data-test",
                    "run-omitted-outputs");
        }
    }

    private static void query(Html h, RunRecord.Query q) {
        h.el("h2", "Query");
        h.open("div", "data-test", "run-query");
        h.open("dl", "class", "kv");
        kv(h, "Source", q.source(), "run-query-source");
        kv(h, "Engine", q.engine(), "run-query-engine");
        kv(h, "As of", q.asOf() == null ? "–" : q.asOf(), "run-query-as-of");
        kv(h, "Rows scanned", q.rowsScanned() == null ? "not said" : q.rowsScanned(), "run-query-rows-scanned");
        kv(h, "Rows returned", q.rowsReturned(), "run-query-rows-returned");
        h.el("dt", "SHA-256")
                .open("dd")
                .el("code", q.sha256(), "data-test", "run-query-sha256")
                .close("dd");
        h.close("dl");
        h.el("code", q.sql(), "class", "cmd", "data-test", "run-query-sql");
        h.close("div");
    }
}
