package dev.workbench.core.capture;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.capture.ShellWords.Word;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointEntry;
import dev.workbench.core.checkpoint.FileHashes;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import dev.workbench.core.run.Runs;
import dev.workbench.core.workspace.RootPaths;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the tool hooks do around a shell command, by its effect, whatever its wording: {@link #pre} notes the state
 * (stat) of the tracked paths ({@link TrackedPaths}) and, with {@code autoCheckpoint}, checkpoints tracked data that
 * changed since its last checkpoint; {@link #post} compares, and records a run when a tracked file was created,
 * changed or deleted. Other tools, the workbench's own {@code aw} commands and a folder without {@code .aw/} are left
 * alone.
 */
public final class Capture {
    /** The distinct words of a command examined as possible inputs, at most. */
    static final int MAX_WORDS = 2_000;

    private Capture() {}

    /**
     * Before a shell command runs: the state of the tracked paths under {@code .aw/run/pre/}, then the automatic
     * checkpoint. The state is saved first, so the command is captured even when the checkpoint fails.
     */
    public static void pre(Workbench wb, HookEvent event) {
        if (!applies(wb, event)) {
            return;
        }
        CaptureConfig config = CaptureConfig.load(wb.store());
        List<String> roots = TrackedPaths.roots(wb, config);
        if (roots.isEmpty()) {
            return; // nothing tracked: nothing to compare after the command either
        }
        Snapshot now = Snapshot.walk(wb.store().root(), roots);
        // saved before the checkpoint (which changes no tracked file): a checkpoint that fails, or that the agent's hook
        // timeout cuts short, loses nothing, and a previous identical command's .done marker is gone before it matters
        new PendingState(wb.store().now(), event.command(), event.sessionId(), event.toolUseId(), roots,
                now.truncated(), now.outside(), now.files()).save(wb.store(), event);
        noteTracking(wb, now);
        if (config.autoCheckpoint() && AutoCheckpoint.before(wb, event.command(), roots, now).isPresent()) {
            TrackedPaths.roots(wb, config); // the cache learns the new checkpoint now, not in the next command's hook
        }
    }

    /**
     * After a shell command (its success or its failure): compares the tracked paths with their state before it and
     * records a run when a tracked file was created, changed or deleted. Without a state from before (hooks installed
     * during the command, or no PreToolUse), it compares with what the workbench last saw, and the run's note says so;
     * when another after-hook for the same call claimed that state already (two hook set-ups installed, an agent
     * running its handlers at once), it does nothing. A command that changed nothing tracked records nothing.
     */
    public static Optional<RunRecord> post(Workbench wb, HookEvent event) {
        if (!applies(wb, event)) {
            return Optional.empty();
        }
        // read once per hook, and first: a malformed config is reported after every command, not silently ignored
        CaptureConfig config = CaptureConfig.load(wb.store());
        Optional<PendingState.Claim> claim = PendingState.claim(wb.store(), event);
        if (claim.isEmpty()) {
            return compare(wb, event, null, config);
        }
        if (claim.get().claimedElsewhere()) {
            return Optional.empty();
        }
        Optional<RunRecord> run;
        try {
            run = compare(wb, event, claim.get().state(), config);
        } catch (RuntimeException e) {
            try {
                PendingState.giveBack(wb.store(), claim.get());
            } catch (RuntimeException again) {
                e.addSuppressed(again); // the claim stays, for the sweep
            }
            throw e;
        }
        PendingState.settle(wb.store(), claim.get(), run.isPresent());
        return run;
    }

    /** Compares with {@code before} (null: with what the workbench last saw) and records a run when something changed. */
    private static Optional<RunRecord> compare(Workbench wb, HookEvent event, PendingState before, CaptureConfig config) {
        Path root = wb.store().root();
        Snapshot.Diff diff;
        Snapshot after;
        List<String> roots;
        String how;
        Long durationMs = null;
        FileHashes hashes = null; // the stat cache (it can be large) is read once, and only when needed
        if (before != null) {
            roots = before.roots();
            after = Snapshot.walk(root, roots);
            diff = Snapshot.diff(before.snapshot(), after);
            how = "compared with the tracked files' state before the command";
            try {
                durationMs = Math.max(0, Duration.between(Instant.parse(before.at()), Instant.parse(wb.store().now())).toMillis());
            } catch (java.time.format.DateTimeParseException e) {
                durationMs = null; // a pending state edited by hand: no duration rather than a wrong one
            }
        } else {
            roots = TrackedPaths.roots(wb, config);
            if (roots.isEmpty()) {
                return Optional.empty();
            }
            after = Snapshot.walk(root, roots);
            hashes = FileHashes.load(wb.store());
            diff = sinceLastSeen(wb, roots, after, hashes);
            how = "no state from before the command (the hooks were installed while it ran, or its pre-tool-use hook did "
                    + "not run): compared with what the workbench last saw of the tracked files, so a change may be older "
                    + "than this command";
        }
        if (diff.isEmpty()) {
            return Optional.empty();
        }
        RunRecord run = record(wb, event, diff, roots, after, how, durationMs,
                hashes != null ? hashes : FileHashes.load(wb.store()));
        TrackedPaths.roots(wb, config); // the cache learns the new run now
        return Optional.of(run);
    }

    /** What the session-start summary says about what the hooks cannot see: the last walk's, kept in {@link #TRACKING}. */
    record Tracking(List<String> truncated, List<String> outside) {}

    /** Where {@link #pre} keeps {@link Tracking}, written only when it changes. */
    static final String TRACKING = "cache/tracking.json";

    static void noteTracking(Workbench wb, Snapshot now) {
        Tracking seen = new Tracking(now.truncated(), now.outside());
        try {
            Tracking known = wb.store().read(TRACKING, Tracking.class).orElse(new Tracking(List.of(), List.of()));
            if (!seen.equals(known)) {
                wb.store().transaction(() -> wb.store().write(TRACKING, seen));
            }
        } catch (WorkbenchException | java.io.UncheckedIOException e) {
            // a cache: failing to keep it costs the session-start summary its warning, never the capture
        }
    }

    /**
     * Lines for the session-start summary on what the hooks do not see (most agents show a hook's error output to no
     * one): tracked paths too large to walk whole, tracked paths that lead out of the root, an automatic checkpoint that
     * failed. Empty when all is well. Reads two small caches the pre-tool-use hook keeps; walks nothing.
     */
    public static List<String> trackingWarnings(Workbench wb) {
        List<String> lines = new ArrayList<>();
        if (!wb.store().initialized()) {
            return lines;
        }
        try {
            wb.store().read(TRACKING, Tracking.class).ifPresent(t -> {
                if (t.truncated() != null && !t.truncated().isEmpty()) {
                    lines.add("Tracking: " + String.join(", ", t.truncated()) + (t.truncated().size() == 1 ? " holds" : " hold")
                            + " more entries than a hook walks (" + Snapshot.MAX_ENTRIES + " per path, " + Snapshot.MAX_TOTAL
                            + " in all): changes past them are"
                            + " not captured nor checkpointed automatically; checkpoint and record-run by hand, or track"
                            + " smaller folders in .aw/config.json");
                }
                if (t.outside() != null && !t.outside().isEmpty()) {
                    lines.add("Tracking: " + String.join(", ", t.outside()) + (t.outside().size() == 1 ? " leads" : " lead")
                            + " out of the root through a symbolic link: not tracked");
                }
            });
            wb.store().read(AutoCheckpoint.VERIFIED, AutoCheckpoint.Verified.class).map(AutoCheckpoint.Verified::failed)
                    .ifPresent(f -> lines.add("Automatic checkpoint failed before a shell command: " + f
                            + "; until it succeeds, what commands overwrite is not restorable"));
        } catch (WorkbenchException | java.io.UncheckedIOException e) {
            lines.add("Tracking: its cache cannot be read (" + e.getMessage() + ")");
        }
        return lines;
    }

    private static boolean applies(Workbench wb, HookEvent event) {
        return event.shellCommand() && wb.store().initialized() && !ownCall(event.command());
    }

    private static RunRecord record(Workbench wb, HookEvent event, Snapshot.Diff diff, List<String> roots, Snapshot after,
                                    String how, Long durationMs, FileHashes hashes) {
        Path root = wb.store().root();
        // a run's command is at most RunRequest's limit: a longer one (a here-document, a pasted script) is cut, not lost
        String command = dev.workbench.core.Check.cut(event.command().trim(), dev.workbench.core.Check.MAX_TEXT);
        Set<String> deleted = new java.util.HashSet<>(diff.deleted());
        List<String> changed = new ArrayList<>(new TreeSet<>(concat(diff.created(), diff.changed(), diff.deleted())));
        List<String> written = changed.stream().filter(p -> !deleted.contains(p)).toList();
        List<PathDigest> outputs = new ArrayList<>();
        for (String p : changed.subList(0, Math.min(changed.size(), RunRequest.MAX_PATHS))) {
            outputs.add(deleted.contains(p) ? PathDigest.deleted(p) : digest(root, p, hashes));
        }
        int omitted = changed.size() - outputs.size();
        List<String> whole = roots.stream().filter(r -> !after.truncated().contains(r) && !after.outside().contains(r)).toList();
        List<PathDigest> inputs = inputs(root, event, new java.util.HashSet<>(changed), whole, hashes);
        StringBuilder note = new StringBuilder("captured by the " + event.agent() + " hook: " + diff.size()
                + " tracked file" + (diff.size() == 1 ? "" : "s") + " changed (" + diff.created().size() + " created, "
                + diff.changed().size() + " changed, " + diff.deleted().size() + " deleted); " + how);
        if (omitted > 0) {
            note.append("; ").append(omitted).append(" more changed files are not listed");
        }
        if (!after.truncated().isEmpty()) {
            note.append("; ").append(String.join(", ", after.truncated())).append(" hold").append(after.truncated().size() == 1 ? "s" : "")
                    .append(" more entries than a walk takes: changes past the cut were not compared");
        }
        if (!after.outside().isEmpty()) {
            note.append("; ").append(String.join(", ", after.outside())).append(after.outside().size() == 1 ? " leads" : " lead")
                    .append(" out of the root through a symbolic link: not compared");
        }
        RunParams found;
        try {
            RunParams.Found read = RunParams.find(root, command, written);
            found = read.runParams();
            new RunRequest(command, null, null, null, null, null, null, found.params(), found.metrics(), null);
            read.notes().forEach(n -> note.append("; ").append(n));
        } catch (WorkbenchException | java.io.UncheckedIOException e) {
            found = new RunParams(Map.of(), Map.of());
            note.append("; params and metrics left out: ").append(e.getMessage());
        }
        // the agent's own measure of the command when it gives one, else the time since the pre-tool-use hook
        Long duration = event.durationMs() != null ? event.durationMs() : durationMs;
        RunRequest request = new RunRequest(command, null, null, event.exitCode(), duration, null, null, found.params(),
                found.metrics(), dev.workbench.core.Check.cut(note.toString(), 4000));
        RunRecord run = wb.runs().recordCaptured(request, inputs, outputs, new Runs.Origin(Runs.CAPTURED_BY_HOOK,
                event.agent(), event.sessionId(), event.transcriptPath(), event.failed() ? Boolean.TRUE : null,
                omitted == 0 ? null : omitted));
        wb.store().transaction(hashes::save);
        return run;
    }

    private static PathDigest digest(Path root, String rel, FileHashes hashes) {
        try {
            return PathDigest.of(root, root.resolve(rel), hashes);
        } catch (WorkbenchException | java.io.UncheckedIOException e) {
            return new PathDigest(rel, "special", null, null, null); // a link out of the root, or unreadable: not read
        }
    }

    /**
     * What the command names that it read: existing regular files under the root (its scripts, configs, data) and
     * folders inside a tracked path walked whole ({@code walked}), that are not among what it changed; at most
     * {@link RunRequest#MAX_PATHS}, from the command's first {@link #MAX_WORDS} distinct words (each costs a
     * path resolution; a generated command line may hold millions). A folder elsewhere (a source tree, a virtual
     * environment) is not hashed.
     */
    static List<PathDigest> inputs(Path root, HookEvent event, Set<String> changed, List<String> walked, FileHashes hashes) {
        Path cwd = root;
        if (event.cwd() != null) {
            try {
                cwd = Path.of(event.cwd());
            } catch (java.nio.file.InvalidPathException e) {
                cwd = root;
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        List<PathDigest> inputs = new ArrayList<>();
        int examined = 0;
        for (String word : words(event.command())) {
            if (inputs.size() >= RunRequest.MAX_PATHS || ++examined > MAX_WORDS) {
                break;
            }
            Path p;
            try {
                p = RootPaths.resolve(root, cwd.resolve(word).normalize().toString(), "command");
            } catch (WorkbenchException | java.nio.file.InvalidPathException e) {
                continue; // not a path under the root
            }
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (!TrackedPaths.allowed(rel) || changed.contains(rel) || !seen.add(rel)) {
                continue;
            }
            boolean file = Files.isRegularFile(p);
            boolean folder = !file && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && TrackedPaths.insideAny(rel, walked)
                    && changed.stream().noneMatch(c -> c.startsWith(rel + "/"));
            if (file || folder) {
                PathDigest d = digest(root, rel, hashes);
                if ("file".equals(d.type()) || "dir".equals(d.type())) {
                    inputs.add(d);
                }
            }
        }
        return inputs;
    }

    /**
     * The fallback without a state from before: tracked files whose content differs from the last state a checkpoint
     * or run recorded of them, files the records never saw that were modified after the newest record, and files
     * recorded as present that are gone.
     */
    private static Snapshot.Diff sinceLastSeen(Workbench wb, List<String> roots, Snapshot now, FileHashes hashes) {
        Map<String, String> seen = new HashMap<>(); // path -> sha256, or "" when recorded as absent
        Instant lastLook = lastSeen(wb, seen);
        List<String> created = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Map.Entry<String, long[]> f : now.files().entrySet()) {
            if (f.getValue()[0] != Snapshot.FILE) {
                continue;
            }
            String path = f.getKey();
            String known = seen.get(path);
            if (known == null || known.isEmpty()) {
                if (known != null || Instant.EPOCH.plusNanos(f.getValue()[2]).isAfter(lastLook)) {
                    created.add(path);
                }
                continue;
            }
            long[] s = f.getValue();
            String sha = hashes.remembered(path, s[1], s[2] / 1000, s[4], s[3]);
            if (sha == null) {
                sha = digest(wb.store().root(), path, hashes).sha256();
            }
            if (!known.equals(sha)) {
                changed.add(path);
            }
        }
        for (Map.Entry<String, String> e : seen.entrySet()) {
            String path = e.getKey();
            if (!e.getValue().isEmpty() && !now.files().containsKey(path)
                    && TrackedPaths.insideAny(path, roots) && !TrackedPaths.insideAny(path, now.truncated())
                    && !TrackedPaths.insideAny(path, now.outside())) {
                deleted.add(path);
            }
        }
        deleted.sort(null);
        return new Snapshot.Diff(created, changed, deleted);
    }

    /**
     * Fills {@code seen} with the last recorded state of each file (checkpoints and runs, in time order: a checkpoint
     * sets every file under its paths, absent ones included; a run its inputs and outputs) and returns the time of the
     * newest record.
     */
    private static Instant lastSeen(Workbench wb, Map<String, String> seen) {
        record Look(Instant at, Map<String, String> states, List<String> scopes) {}
        List<Look> looks = new ArrayList<>();
        for (Checkpoint c : wb.checkpoints().all()) {
            Map<String, String> states = new HashMap<>();
            if (c.entries() != null) {
                c.entries().stream().filter(e -> CheckpointEntry.FILE.equals(e.type()))
                        .forEach(e -> states.put(e.path(), e.sha256()));
            }
            looks.add(new Look(instant(c.createdAt()), states, c.paths() == null ? List.of() : c.paths()));
        }
        for (RunRecord r : wb.runs().all()) {
            Map<String, String> states = new HashMap<>();
            for (PathDigest d : concat(r.inputs(), r.outputs())) {
                if ("file".equals(d.type()) && d.sha256() != null) {
                    states.put(d.path(), d.sha256());
                } else if (PathDigest.DELETED.equals(d.type()) || "missing".equals(d.type())) {
                    states.put(d.path(), "");
                }
            }
            looks.add(new Look(instant(r.recordedAt()), states, List.of()));
        }
        looks.sort(java.util.Comparator.comparing(Look::at));
        Instant last = Instant.EPOCH;
        for (Look l : looks) {
            for (String scope : l.scopes()) {
                seen.replaceAll((path, sha) -> TrackedPaths.inside(path, scope) || scope.equals(".") ? "" : sha);
            }
            seen.putAll(l.states());
            last = l.at().isAfter(last) ? l.at() : last;
        }
        return last;
    }

    private static Instant instant(String at) {
        try {
            return at == null ? Instant.EPOCH : Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** Simple commands that only set the scene for the next one ({@code cd x && …}). */
    private static final Set<String> SCENE = Set.of("cd", "pushd", "popd", "export", "set", "true");

    /** The workbench's own program ({@code aw}, {@code bin/aw}, {@code /path/to/aw}), by its file name. */
    static boolean own(Word program) {
        return !program.dynamic() && Wrappers.name(program).equals("aw");
    }

    /**
     * A line of the workbench's own commands ({@code aw …}, {@code FOO=1 bin/aw …; aw …}, after {@code cd …} at most):
     * each leaves its own trace (a rollback takes its own safety checkpoint), so the line is neither checkpointed before
     * nor recorded as a run. A line that also runs anything else ({@code aw status; python clean.py}) is captured whole.
     */
    static boolean ownCall(String command) {
        boolean own = false;
        for (List<Word> words : ShellWords.commands(command)) {
            List<Word> program = programWords(words);
            if (program.isEmpty()) {
                continue; // NAME=value alone
            }
            if (own(program.get(0))) {
                own = true;
            } else if (program.get(0).dynamic() || !SCENE.contains(Wrappers.name(program.get(0)))) {
                return false;
            }
        }
        return own;
    }

    /**
     * The first program a command line runs, past variable assignments, wrappers, {@code cd …&&}-style set-up and the
     * workbench's own commands (in {@code aw status; rm -rf data} it is {@code rm}).
     */
    static String program(String command) {
        for (List<Word> words : ShellWords.commands(command)) {
            List<Word> program = programWords(words);
            if (!program.isEmpty() && !own(program.get(0))) {
                String name = Wrappers.name(program.get(0));
                if (program.get(0).dynamic() || !(SCENE.contains(name) || name.equals("source") || name.equals("."))) {
                    return program.get(0).text();
                }
            }
        }
        return "";
    }

    /** A simple command's words from its program on: past {@code NAME=value} words and wrappers ({@code env}, {@code timeout}, …). */
    private static List<Word> programWords(List<Word> words) {
        int i = 0;
        while (i < words.size() && ParamValues.SHELL_ASSIGNMENT.matcher(words.get(i).text()).matches()) {
            i++;
        }
        return Wrappers.unwrap(words.subList(i, words.size()), environment -> {});
    }

    /**
     * The words of a command that may be paths, as its programs receive them ({@link ShellWords}), with
     * {@code --option=path} values included, other options left out, and the targets of its redirections last. A word
     * whose value only the shell knows ({@code $HOME/x}) is left out.
     */
    public static Set<String> words(String command) {
        ShellWords.Parsed parsed = ShellWords.parse(command);
        List<Word> all = new ArrayList<>();
        parsed.commands().forEach(all::addAll);
        all.addAll(parsed.targets());
        Set<String> words = new LinkedHashSet<>();
        for (Word w : all) {
            String word = w.text();
            if (w.dynamic()) {
                continue;
            }
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

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> l : lists) {
            if (l != null) {
                all.addAll(l);
            }
        }
        return all;
    }
}
