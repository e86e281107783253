package dev.workbench.core.capture;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointEntry;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import dev.workbench.core.workspace.RootPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the tool hooks do around a shell command: {@link #pre} before it runs, {@link #post} after, recording it as
 * a run when it changed data the workbench tracks.
 */
public final class Capture {
    private static final Pattern SPLIT = Pattern.compile("[\\s;|&<>()]+");

    private Capture() {}

    /** Before a shell command runs. */
    public static void pre(Workbench wb, HookEvent event) {
    }

    /** Programs that only read, when nothing is redirected: their commands are never runs. */
    static final Set<String> READERS = Set.of("ls", "cat", "head", "tail", "less", "more", "wc", "grep", "rg", "find",
            "du", "df", "stat", "file", "diff", "cmp", "md5sum", "sha256sum", "tree", "echo", "pwd", "cd", "which", "git");

    /**
     * Records a shell command as a run when it changed data the workbench tracks (a path of a checkpoint or of an
     * earlier run): outputs are the tracked paths it named that are new or changed since the workbench last saw
     * them, inputs the unchanged ones. A command that changed nothing tracked is not a run.
     */
    public static java.util.Optional<RunRecord> post(Workbench wb, HookEvent event) {
        if (!event.shellCommand() || !wb.store().initialized()) {
            return java.util.Optional.empty();
        }
        String command = event.command().trim();
        if (command.isEmpty() || command.startsWith("aw ") || command.contains("bin/aw ") || readOnly(command)) {
            return java.util.Optional.empty(); // nothing to record, or the workbench's own calls, which leave their own trace
        }
        Path root = wb.store().root();
        Path cwd = event.cwd() != null ? Path.of(event.cwd()) : root;
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
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(wb.runs().record(new RunRequest(command, null, null, event.exitCode(), null, inputs,
                outputs, Map.of(), Map.of(), "recorded by the post-tool-use hook")));
    }

    /** A pipeline of reading programs with no redirection into a file. */
    public static boolean readOnly(String command) {
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
    public static Set<String> words(String command) {
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

}
