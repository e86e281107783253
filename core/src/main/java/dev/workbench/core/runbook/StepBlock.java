package dev.workbench.core.runbook;

import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.provenance.GitState;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One numbered step of {@link StepsSection}: its heading and facts, the commands to run, what the run read and wrote
 * (or a table of its runs), and what to inspect afterwards. Apart from the section, which decides which steps there
 * are and what surrounds them, because how one step reads is its own concern and grows with what a run records.
 */
final class StepBlock {
    private StepBlock() {}

    /** The step, with the decisions logged for its area just before it began. */
    static void render(RunbookState state, RunbookPlan.Step step, List<JournalEntry> decisions, MarkdownLines out) {
        RunRecord last = step.last();
        int n = step.runs().size();
        String area = step.area() == null ? "" : " (" + step.area() + ")";
        String command = n == 1 ? firstLine(last.command()) : Commands.stepKey(last.command());
        out.heading(
                3,
                "Step " + step.number() + area + " — " + Md.code(Md.truncate(command, 80))
                        + (n > 1 ? " — " + n + " runs" : "") + (RunbookState.failed(last) ? " — FAILED" : ""));
        List<String> facts = new ArrayList<>();
        if (n == 1) {
            facts.add("- Run " + Md.code(last.id()) + ", recorded " + last.recordedAt()
                    + (last.experiment() == null ? "" : ", experiment " + Md.code(last.experiment())));
            facts.add("- Duration: " + Md.duration(last.durationMs()) + "; exit code: "
                    + (last.exitCode() != null
                            ? last.exitCode()
                            : Boolean.TRUE.equals(last.failed())
                                    ? "not given (the agent reported a failure)"
                                    : "not recorded")
                    + (RunbookState.failed(last) ? " — **this run failed**, see Troubleshooting" : ""));
        } else {
            facts.add("- " + n + " runs of one command with other arguments, recorded "
                    + step.runs().get(0).recordedAt() + " to " + last.recordedAt()
                    + "; run them in this order (the table below lists each)");
        }
        if (last.git() != null) {
            facts.add("- Code: " + code(last.git()));
        }
        if (step.area() != null) {
            facts.add("- Area " + Md.code(step.area()) + ", review state: "
                    + state.reviews().getOrDefault(step.area(), "not reviewed"));
        }
        for (JournalEntry d : decisions) {
            facts.add("- Decision #" + d.id() + " (" + d.at() + "): " + Md.truncate(Md.oneLine(d.context()), 80)
                    + " → **" + Md.truncate(Md.oneLine(d.chosen()), 60) + "** — "
                    + Md.truncate(Md.oneLine(d.rationale()), 120));
        }
        step.undoneOutputs()
                .forEach((rollback, paths) -> facts.add("- Undone since: "
                        + String.join(", ", paths.stream().map(Md::code).toList()) + " restored by " + rollback
                        + "; the other outputs stand"));
        out.block(facts);
        out.code("sh", commands(step));
        if (n == 1) {
            single(last, out);
        } else {
            table(step, out);
        }
        out.paragraph("What to inspect:");
        out.block(inspect(last));
    }

    private static String firstLine(String command) {
        return command.strip().lines().findFirst().orElse("");
    }

    /** The commands of the step's runs, in order; a command repeated right after itself is run once. */
    private static String commands(RunbookPlan.Step step) {
        List<String> commands = new ArrayList<>();
        for (RunRecord run : step.runs()) {
            String c = run.command().strip();
            if (commands.isEmpty() || !commands.get(commands.size() - 1).equals(c)) {
                commands.add(c);
            }
        }
        return String.join("\n", commands);
    }

    private static void single(RunRecord run, MarkdownLines out) {
        List<String> details = new ArrayList<>();
        paths(details, "Inputs", run.inputs());
        paths(details, "Outputs", run.outputs());
        if (!run.params().isEmpty()) {
            details.add("- Params: " + params(run));
        }
        if (!run.metrics().isEmpty()) {
            details.add("- Metrics: " + metrics(run));
        }
        if (run.note() != null) {
            details.add("- Note: " + Md.oneLine(run.note()));
        }
        out.block(details);
    }

    /** One row per run: what differed (the arguments, or the params), what it measured and wrote, how long. */
    private static void table(RunbookPlan.Step step, MarkdownLines out) {
        Map<String, PathDigest> inputs = new LinkedHashMap<>();
        step.runs().forEach(r -> r.inputs().forEach(p -> inputs.putIfAbsent(p.path(), p)));
        List<String> details = new ArrayList<>();
        if (!inputs.isEmpty()) {
            details.add("- Inputs: "
                    + String.join(", ", inputs.keySet().stream().map(Md::code).toList()));
        }
        String key = Commands.stepKey(step.last().command());
        boolean anyParams = step.runs().stream().anyMatch(r -> !r.params().isEmpty());
        List<List<String>> rows = new ArrayList<>();
        for (RunRecord run : step.runs()) {
            String args = arguments(run.command(), key);
            String params = anyParams ? params(run) : Md.code(Md.truncate(args, 60));
            List<String> outputs = run.outputs().stream()
                    .filter(p -> p.sha256() != null)
                    .map(p -> Md.code(p.path()) + " "
                            + Md.code(Md.shortHash(p.sha256()).substring(0, 8)))
                    .toList();
            rows.add(List.of(
                    Md.code(run.id()),
                    params.isEmpty() ? "—" : params,
                    run.metrics().isEmpty() ? "—" : metrics(run),
                    outputs.isEmpty() ? "—" : String.join(", ", outputs),
                    Md.duration(run.durationMs()),
                    run.exitCode() != null
                            ? String.valueOf(run.exitCode())
                            : Boolean.TRUE.equals(run.failed()) ? "failed" : "—"));
        }
        out.block(details);
        out.table(
                List.of("run", anyParams ? "params" : "arguments", "metrics", "outputs (sha256)", "duration", "exit"),
                rows);
    }

    /** The command's text after its step key's words, on one line. */
    private static String arguments(String command, String key) {
        List<String> words = Commands.words(command.strip());
        int skip = Commands.words(key).size();
        List<String> rest = words.subList(Math.min(skip, words.size()), words.size());
        return rest.isEmpty() ? "" : Md.oneLine(String.join(" ", rest));
    }

    private static String params(RunRecord run) {
        List<String> params = new ArrayList<>();
        run.params().forEach((k, v) -> params.add(Md.code(k) + " = " + Md.code(Md.param(v))));
        return String.join(", ", params);
    }

    private static String metrics(RunRecord run) {
        List<String> metrics = new ArrayList<>();
        run.metrics().forEach((k, v) -> metrics.add(Md.code(k) + " = " + Md.number(v)));
        return String.join(", ", metrics);
    }

    private static String code(GitState git) {
        String at = git.commit() == null ? "no commit yet" : "commit " + Md.code(Md.truncate(git.commit(), 12));
        String on = git.branch() == null ? " (detached HEAD)" : " on " + Md.code(git.branch());
        String dirty = !git.dirty()
                ? ", clean working tree"
                : git.snapshotRef() == null
                        ? ", with uncommitted changes"
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
            case PathDigest.DELETED -> "deleted by this run";
            case "special" -> "a pipe, socket or device (not read)";
            case "dir" ->
                "folder, " + p.files() + " files, " + Md.bytes(p.size()) + ", sha256 "
                        + Md.code(Md.shortHash(p.sha256()));
            default -> Md.bytes(p.size()) + ", sha256 " + Md.code(Md.shortHash(p.sha256()));
        };
    }

    private static List<String> inspect(RunRecord run) {
        List<String> lines = new ArrayList<>();
        if (RunbookState.failed(run)) {
            lines.add(
                    run.exitCode() != null
                            ? "- the exit code: the recorded run ended with " + run.exitCode()
                                    + "; a working run ends with 0"
                            : "- the exit code: the agent reported the recorded run as failed; a working run ends with 0");
        }
        for (PathDigest p : run.outputs()) {
            lines.add(
                    switch (p.type()) {
                        case "missing" ->
                            "- " + Md.code(p.path()) + ": the recorded run did not write it; check whether it should";
                        case PathDigest.DELETED ->
                            "- " + Md.code(p.path()) + ": the recorded run deleted it; it should be gone afterwards";
                        case "special" ->
                            "- " + Md.code(p.path()) + ": a pipe, socket or device; check what it delivers";
                        default ->
                            "- " + Md.code(p.path()) + ": exists, sha256 starts with "
                                    + Md.code(Md.shortHash(p.sha256())) + " (another hash means another result)";
                    });
        }
        run.metrics().forEach((k, v) -> lines.add("- metric " + Md.code(k) + ": " + Md.number(v) + " when recorded"));
        if (lines.isEmpty()) {
            lines.add("- nothing was recorded to check: record the run's outputs and metrics next time");
        }
        return lines;
    }
}
