package dev.workbench.core.runbook;

import dev.workbench.core.provenance.GitState;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import java.util.ArrayList;
import java.util.List;

/** One numbered step per recorded run, oldest first: the command, what it read and wrote, and what to check. */
final class StepsSection implements Section {
    @Override public String name() { return "Steps"; }

    @Override
    public void render(RunbookState state, MarkdownLines out) {
        out.heading(2, name());
        if (state.runs().isEmpty()) {
            out.paragraph("No runs recorded yet. Record each command with record-run (its inputs, outputs, params and "
                    + "metrics) and it appears here as a numbered step.");
            return;
        }
        out.paragraph("Each step is a recorded run, in the order they ran. Run the commands from the root folder.");
        for (int i = 0; i < state.runs().size(); i++) {
            step(i + 1, state.runs().get(i), out);
        }
    }

    private static void step(int number, RunRecord run, MarkdownLines out) {
        String area = run.area() == null ? "" : " (" + run.area() + ")";
        String firstLine = run.command().strip().lines().findFirst().orElse("");
        out.heading(3, "Step " + number + area + " — " + Md.code(Md.truncate(firstLine, 80))
                + (RunbookState.failed(run) ? " — FAILED" : ""));
        List<String> facts = new ArrayList<>();
        facts.add("- Run " + Md.code(run.id()) + ", recorded " + run.recordedAt()
                + (run.experiment() == null ? "" : ", experiment " + Md.code(run.experiment())));
        facts.add("- Duration: " + Md.duration(run.durationMs()) + "; exit code: "
                + (run.exitCode() == null ? "not recorded" : run.exitCode())
                + (RunbookState.failed(run) ? " — **this run failed**, see Troubleshooting" : ""));
        if (run.git() != null) {
            facts.add("- Code: " + code(run.git()));
        }
        out.block(facts);
        out.code("sh", run.command().strip());
        List<String> details = new ArrayList<>();
        paths(details, "Inputs", run.inputs());
        paths(details, "Outputs", run.outputs());
        if (!run.params().isEmpty()) {
            List<String> params = new ArrayList<>();
            run.params().forEach((k, v) -> params.add(Md.code(k) + " = " + Md.code(Md.param(v))));
            details.add("- Params: " + String.join(", ", params));
        }
        if (!run.metrics().isEmpty()) {
            List<String> metrics = new ArrayList<>();
            run.metrics().forEach((k, v) -> metrics.add(Md.code(k) + " = " + Md.number(v)));
            details.add("- Metrics: " + String.join(", ", metrics));
        }
        if (run.note() != null) {
            details.add("- Note: " + Md.oneLine(run.note()));
        }
        out.block(details);
        out.paragraph("What to inspect:");
        out.block(inspect(run));
    }

    private static String code(GitState git) {
        String at = git.commit() == null ? "no commit yet" : "commit " + Md.code(Md.truncate(git.commit(), 12));
        String on = git.branch() == null ? " (detached HEAD)" : " on " + Md.code(git.branch());
        String dirty = !git.dirty() ? ", clean working tree"
                : git.snapshotRef() == null ? ", with uncommitted changes"
                : ", with uncommitted changes saved as " + Md.code(git.snapshotRef());
        return at + on + dirty;
    }

    private static void paths(List<String> lines, String label, List<PathDigest> paths) {
        if (paths.isEmpty()) {
            lines.add("- " + label + ": none recorded");
            return;
        }
        lines.add("- " + label + ":");
        for (PathDigest p : paths) {
            lines.add("  - " + Md.code(p.path()) + " — " + describe(p));
        }
    }

    private static String describe(PathDigest p) {
        return switch (p.type()) {
            case "missing" -> "not written by this run";
            case "special" -> "a pipe, socket or device (not read)";
            case "dir" -> "folder, " + p.files() + " files, " + Md.bytes(p.size()) + ", sha256 " + Md.code(Md.shortHash(p.sha256()));
            default -> Md.bytes(p.size()) + ", sha256 " + Md.code(Md.shortHash(p.sha256()));
        };
    }

    private static List<String> inspect(RunRecord run) {
        List<String> lines = new ArrayList<>();
        if (RunbookState.failed(run)) {
            lines.add("- the exit code: the recorded run ended with " + run.exitCode() + "; a working run ends with 0");
        }
        for (PathDigest p : run.outputs()) {
            lines.add(switch (p.type()) {
                case "missing" -> "- " + Md.code(p.path()) + ": the recorded run did not write it; check whether it should";
                case "special" -> "- " + Md.code(p.path()) + ": a pipe, socket or device; check what it delivers";
                default -> "- " + Md.code(p.path()) + ": exists, sha256 starts with " + Md.code(Md.shortHash(p.sha256()))
                        + " (another hash means another result)";
            });
        }
        run.metrics().forEach((k, v) -> lines.add("- metric " + Md.code(k) + ": " + Md.number(v) + " when recorded"));
        if (lines.isEmpty()) {
            lines.add("- nothing was recorded to check: record the run's outputs and metrics next time");
        }
        return lines;
    }
}
