package dev.workbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointEntry;
import dev.workbench.core.experiment.ExperimentSummary;
import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.project.ProjectState;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import dev.workbench.core.runbook.RunbookStatus;
import dev.workbench.core.workspace.RootPaths;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aw hook <event>}: what the Claude Code hooks written by {@code aw init} run, with the hook's JSON
 * payload on stdin. {@code session-start} prints a short project summary (added to the agent's context);
 * {@code post-tool-use} records a shell command as a run when it touched data the workbench tracks (paths of a
 * checkpoint or of an earlier run); {@code stop} rewrites the runbook when it is stale. A hook never blocks the
 * agent: failures are reported on stderr with exit code 1.
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = "Run a Claude Code hook (session-start, post-tool-use, stop) with its JSON payload on stdin.")
final class HookCommand implements Callable<Integer> {
    private static final Pattern SPLIT = Pattern.compile("[\\s;|&<>()]+");

    @ParentCommand
    Main parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "EVENT", description = "session-start, post-tool-use or stop (Claude Code's names work too).")
    String event;

    @Override
    public Integer call() {
        try {
            Workbench wb = parent.root == null && System.getenv("CLAUDE_PROJECT_DIR") != null
                    ? new Workbench(Path.of(System.getenv("CLAUDE_PROJECT_DIR"))) : parent.workbench();
            switch (event.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase()) {
                case "session-start" -> sessionStart(wb, Main.stdout());
                case "post-tool-use" -> postToolUse(wb, payload());
                case "stop" -> stop(wb);
                default -> {
                    spec.commandLine().getErr().println("aw hook: unknown event \"" + event + "\"; use session-start, post-tool-use or stop");
                    return Main.USAGE;
                }
            }
            return 0;
        } catch (WorkbenchException | java.io.IOException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("aw hook " + event + ": " + e);
            return Main.TOOL_ERROR;
        }
    }

    private static JsonNode payload() throws java.io.IOException {
        byte[] bytes = System.in.readAllBytes();
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        return payload(text);
    }

    /** The hook's payload: a JSON object (empty text reads as an empty one), else INVALID_INPUT naming stdin. */
    static JsonNode payload(String text) {
        if (text.isEmpty()) {
            return Json.mapper().createObjectNode();
        }
        String expected = "stdin: expected the hook's JSON payload, an object such as "
                + "{\"tool_name\": \"Bash\", \"tool_input\": {\"command\": \"...\"}}, got ";
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String first = text.lines().findFirst().orElse("");
            throw new WorkbenchException(dev.workbench.core.ErrorCode.INVALID_INPUT, expected + "text that is not JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": \""
                    + (first.length() > 40 ? first.substring(0, 40) + "..." : first) + "\"");
        }
        if (!node.isObject()) {
            throw new WorkbenchException(dev.workbench.core.ErrorCode.INVALID_INPUT, expected + "a JSON "
                    + node.getNodeType().name().toLowerCase());
        }
        return node;
    }

    /** An area's review state as the session-start summary says it: STALE says why. */
    private static String review(StageRecords.Status s) {
        return s.state() + (s.staleReason() == null ? "" : " (" + s.staleReason() + "; execute and review it again)");
    }

    /** A few lines the agent reads at the start of a session. */
    static void sessionStart(Workbench wb, PrintStream out) {
        if (!wb.store().initialized()) {
            out.println("Workbench: no .aw/ here yet. Frame the question with update-project (name, hypothesis, primaryMetric)"
                    + " before analysing; checkpoint data before changing it; record runs.");
            return;
        }
        ProjectState p = wb.project().get();
        out.println("Workbench project: " + (p.name() == null ? "(unnamed)" : p.name())
                + (p.stage() == null ? "" : ", stage " + p.stage()));
        if (p.hypothesis() != null) {
            out.println("Hypothesis: " + p.hypothesis());
        }
        Map<String, StageRecords.Status> stages = new java.util.TreeMap<>();
        wb.stages().statuses().forEach(s -> stages.put(s.area(), s));
        p.areas().forEach((name, a) -> out.println("Area " + name + ": " + (a.mode() == null ? "?" : a.mode().name().toLowerCase())
                + (a.nextMode() == null ? "" : " → " + a.nextMode().name().toLowerCase())
                + ", review " + review(stages.containsKey(name) ? stages.get(name) : wb.stages().status(name))));
        stages.values().stream().filter(s -> !p.areas().containsKey(s.area()))
                .forEach(s -> out.println("Area " + s.area() + ": review " + review(s)));
        List<ExperimentSummary> experiments = wb.experiments().page(null, 20).items();
        if (!experiments.isEmpty()) {
            out.println("Experiments: " + String.join(", ", experiments.stream()
                    .map(e -> e.slug() + " (" + (e.status() == null ? "unreadable" : e.status().wireName())
                            + (Boolean.TRUE.equals(e.analysisStale()) ? ", analysis stale: analyse again" : "") + ")").toList()));
        }
        out.println("Checkpoints: " + wb.checkpoints().count() + ", runs: " + wb.runs().count() + ", decisions: "
                + wb.journal().count() + "; runbook " + (RunbookStatus.of(wb.store().root(), wb.activity().recent(RunbookStatus.LOOK_BACK)).stale()
                ? "stale (write-runbook)" : "current"));
        for (ActivityEntry a : wb.activity().recent(3)) {
            out.println("Recent: " + a.at() + " " + a.title());
        }
        out.println("Call get-project for details.");
    }

    /** Programs that only read, when nothing is redirected: their commands are never runs. */
    static final Set<String> READERS = Set.of("ls", "cat", "head", "tail", "less", "more", "wc", "grep", "rg", "find",
            "du", "df", "stat", "file", "diff", "cmp", "md5sum", "sha256sum", "tree", "echo", "pwd", "cd", "which", "git");

    /**
     * Records a shell command as a run when it changed data the workbench tracks (a path of a checkpoint or of an
     * earlier run): outputs are the tracked paths it named that are new or changed since the workbench last saw
     * them, inputs the unchanged ones. A command that changed nothing tracked is not a run.
     */
    static void postToolUse(Workbench wb, JsonNode payload) {
        if (!"Bash".equals(payload.path("tool_name").asText()) || !wb.store().initialized()) {
            return;
        }
        String command = payload.path("tool_input").path("command").asText("").trim();
        if (command.isEmpty() || command.startsWith("aw ") || command.contains("bin/aw ") || readOnly(command)) {
            return; // nothing to record, or the workbench's own calls, which leave their own trace
        }
        Path root = wb.store().root();
        Path cwd = payload.hasNonNull("cwd") ? Path.of(payload.get("cwd").asText()) : root;
        Known known = known(wb);
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (String word : words(command)) {
            Path p;
            try {
                p = RootPaths.resolve(root, cwd.resolve(word).normalize().toString(), "command");
            } catch (WorkbenchException | java.nio.file.InvalidPathException e) {
                continue; // not a path under the root
            }
            if (!Files.exists(p) || known.roots().stream().noneMatch(p::startsWith)) {
                continue;
            }
            PathDigest now = PathDigest.of(root, p);
            String seen = known.hashes().get(now.path());
            List<String> into = now.sha256() != null && now.sha256().equals(seen) ? inputs : outputs;
            if (!inputs.contains(now.path()) && !outputs.contains(now.path())) {
                into.add(now.path());
            }
        }
        if (outputs.isEmpty()) {
            return;
        }
        JsonNode exitCode = payload.path("tool_response").path("exit_code");
        Integer exit = exitCode.isIntegralNumber() ? Integer.valueOf(exitCode.asInt())
                : payload.path("tool_response").path("interrupted").asBoolean(false) ? Integer.valueOf(130) : null;
        wb.runs().record(new RunRequest(command, null, null, exit, null, inputs, outputs, Map.of(), Map.of(),
                "recorded by the post-tool-use hook"));
    }

    /** A pipeline of reading programs with no redirection into a file. */
    static boolean readOnly(String command) {
        if (command.contains(">") || command.contains("tee ")) {
            return false;
        }
        for (String part : command.split("[|;&]+")) {
            String[] words = part.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty() || !READERS.contains(words[0])) {
                return false;
            }
        }
        return true;
    }

    /** The words of a command that may be paths, with {@code --option=path} values included. */
    static Set<String> words(String command) {
        Set<String> words = new LinkedHashSet<>();
        for (String token : SPLIT.split(command)) {
            String word = token.replaceAll("^['\"]|['\"]$", "");
            if (word.startsWith("-")) {
                int eq = word.indexOf('=');
                word = eq > 0 ? word.substring(eq + 1) : "";
            }
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** What the workbench knows as data: the paths of checkpoints and runs, and the last hash it saw of each. */
    record Known(Set<Path> roots, Map<String, String> hashes) {}

    private static Known known(Workbench wb) {
        Set<Path> roots = new LinkedHashSet<>();
        Map<String, String> hashes = new java.util.HashMap<>();
        Path root = wb.store().root();
        List<String[]> seen = new ArrayList<>(); // {time, path, sha}: checkpoints and runs, applied in time order
        for (Checkpoint c : wb.checkpoints().all()) {
            c.paths().forEach(p -> roots.add(root.resolve(p).normalize()));
            for (CheckpointEntry e : c.entries()) {
                String sha = e.sha256() != null ? e.sha256() : CheckpointEntry.DIR.equals(e.type()) ? folderDigest(c, e.path()) : null;
                if (sha != null) {
                    seen.add(new String[] {String.valueOf(c.createdAt()), e.path(), sha});
                }
            }
        }
        for (RunRecord r : wb.runs().all()) {
            for (PathDigest d : concat(r.inputs(), r.outputs())) {
                roots.add(root.resolve(d.path()).normalize());
                if (d.sha256() != null) {
                    seen.add(new String[] {String.valueOf(r.recordedAt()), d.path(), d.sha256()});
                }
            }
        }
        seen.sort(java.util.Comparator.comparing(o -> o[0]));
        seen.forEach(o -> hashes.put(o[1], o[2]));
        return new Known(roots, hashes);
    }

    /** A checkpointed folder's digest in {@link PathDigest}'s form, from the manifest's file entries. */
    private static String folderDigest(Checkpoint c, String folder) {
        String prefix = folder.equals(".") ? "" : folder + "/";
        var digest = dev.workbench.core.Sha256.digest();
        c.entries().stream().filter(e -> e.sha256() != null && e.path().startsWith(prefix))
                .map(e -> e.path().substring(prefix.length()) + "\0" + e.sha256() + "\n").sorted()
                .forEach(line -> digest.update(line.getBytes(StandardCharsets.UTF_8)));
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static List<PathDigest> concat(List<PathDigest> a, List<PathDigest> b) {
        List<PathDigest> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Keeps the runbook current at the end of the agent's turn. */
    static void stop(Workbench wb) {
        if (wb.store().initialized()
                && RunbookStatus.of(wb.store().root(), wb.activity().recent(RunbookStatus.LOOK_BACK)).stale()) {
            new dev.workbench.core.runbook.RunbookWriter(wb).write(null, false);
        }
    }
}
