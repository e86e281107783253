package dev.workbench.core.capture;

import dev.workbench.core.Check;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.FileHashes;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import dev.workbench.core.run.Runs;
import dev.workbench.core.workspace.RootPaths;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run a tool hook records for a shell command that changed tracked files ({@link Capture#post}): its outputs
 * (what changed), its inputs (the files and walked folders its command line names), its params and metrics
 * ({@link RunParams}), and a note that says how the change was seen and what was left out.
 */
final class CapturedRun {
    /** The distinct words of a command examined as possible inputs, at most. */
    static final int MAX_WORDS = 2_000;

    private CapturedRun() {}

    /**
     * Records the run of {@code event}'s command from {@code diff}, the tracked files it changed ({@code after}, the
     * walk of {@code roots} that saw them); {@code how} says in the note what the change was compared with.
     */
    static RunRecord record(
            Workbench wb,
            HookEvent event,
            Snapshot.Diff diff,
            List<String> roots,
            Snapshot after,
            String how,
            Long durationMs,
            FileHashes hashes) {
        Path root = wb.backend().root();
        // a run's command is at most RunRequest's limit: a longer one (a here-document, a pasted script) is cut, not
        // lost
        String command = Check.cut(event.command().trim(), Check.MAX_TEXT);
        Set<String> deleted = new HashSet<>(diff.deleted());
        List<String> changed = new ArrayList<>(new TreeSet<>(concat(diff.created(), diff.changed(), diff.deleted())));
        List<String> written =
                changed.stream().filter(p -> !deleted.contains(p)).toList();
        List<PathDigest> outputs = new ArrayList<>();
        for (String p : changed.subList(0, Math.min(changed.size(), RunRequest.MAX_PATHS))) {
            outputs.add(deleted.contains(p) ? PathDigest.deleted(p) : digest(root, p, hashes));
        }
        int omitted = changed.size() - outputs.size();
        List<String> whole = roots.stream()
                .filter(r -> !after.truncated().contains(r) && !after.outside().contains(r))
                .toList();
        List<PathDigest> inputs = inputs(root, event, new HashSet<>(changed), whole, hashes);
        StringBuilder note = new StringBuilder("captured by the " + event.agent() + " hook: " + diff.size()
                + " tracked file" + (diff.size() == 1 ? "" : "s") + " changed ("
                + diff.created().size() + " created, "
                + diff.changed().size() + " changed, " + diff.deleted().size() + " deleted); " + how);
        if (omitted > 0) {
            note.append("; ").append(omitted).append(" more changed files are not listed");
        }
        if (!after.truncated().isEmpty()) {
            note.append("; ")
                    .append(String.join(", ", after.truncated()))
                    .append(" hold")
                    .append(after.truncated().size() == 1 ? "s" : "")
                    .append(" more entries than a walk takes: changes past the cut were not compared");
        }
        if (!after.outside().isEmpty()) {
            note.append("; ")
                    .append(String.join(", ", after.outside()))
                    .append(after.outside().size() == 1 ? " leads" : " lead")
                    .append(" out of the root through a symbolic link: not compared");
        }
        RunParams found;
        try {
            RunParams.Found read = RunParams.find(root, command, written);
            found = read.runParams();
            new RunRequest(command, null, null, null, null, null, null, found.params(), found.metrics(), null);
            read.notes().forEach(n -> note.append("; ").append(n));
        } catch (WorkbenchException | UncheckedIOException e) {
            found = new RunParams(Map.of(), Map.of());
            note.append("; params and metrics left out: ").append(e.getMessage());
        }
        // the agent's own measure of the command when it gives one, else the time since the pre-tool-use hook
        Long duration = event.durationMs() != null ? event.durationMs() : durationMs;
        RunRequest request = new RunRequest(
                command,
                null,
                null,
                event.exitCode(),
                duration,
                null,
                null,
                found.params(),
                found.metrics(),
                Check.cut(note.toString(), 4000));
        RunRecord run = wb.runs()
                .recordCaptured(
                        request,
                        inputs,
                        outputs,
                        new Runs.Origin(
                                Runs.CAPTURED_BY_HOOK,
                                event.agent(),
                                event.sessionId(),
                                event.transcriptPath(),
                                event.failed() ? Boolean.TRUE : null,
                                omitted == 0 ? null : omitted));
        wb.store().transaction(hashes::save);
        return run;
    }

    static PathDigest digest(Path root, String rel, FileHashes hashes) {
        try {
            return PathDigest.of(root, root.resolve(rel), hashes);
        } catch (WorkbenchException | UncheckedIOException e) {
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
    static List<PathDigest> inputs(
            Path root, HookEvent event, Set<String> changed, List<String> walked, FileHashes hashes) {
        Path cwd = root;
        if (event.cwd() != null) {
            try {
                cwd = Path.of(event.cwd());
            } catch (InvalidPathException e) {
                cwd = root;
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        List<PathDigest> inputs = new ArrayList<>();
        int examined = 0;
        for (String word : CommandWords.words(event.command())) {
            if (inputs.size() >= RunRequest.MAX_PATHS || ++examined > MAX_WORDS) {
                break;
            }
            Path p;
            try {
                p = RootPaths.resolve(root, cwd.resolve(word).normalize().toString(), "command");
            } catch (WorkbenchException | InvalidPathException e) {
                continue; // not a path under the root
            }
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (!TrackedPaths.allowed(rel) || changed.contains(rel) || !seen.add(rel)) {
                continue;
            }
            boolean file = Files.isRegularFile(p);
            boolean folder = !file
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
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

    @SafeVarargs
    static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> l : lists) {
            if (l != null) {
                all.addAll(l);
            }
        }
        return all;
    }
}
