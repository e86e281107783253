package dev.workbench.core.capture;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointEntry;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.store.CheckpointManifests;
import dev.workbench.core.store.RunRecords;
import dev.workbench.core.workspace.Store;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The paths whose changes make a shell command a run: {@code track} from {@code .aw/config.json}, plus the folders of
 * checkpoints and of earlier runs' inputs and outputs (a checkpointed or recorded folder itself, a file's parent
 * folder; a file directly at the root tracks only itself, so the whole repository is never walked). {@code .aw/} and
 * any {@code .git/} are never tracked; a path inside another tracked path is left out (its walk covers it).
 *
 * <p>What each checkpoint and run contributes is kept in {@code .aw/cache/tracked.json} by name, so a hook reads
 * only the records added since (a folder listing, then the new files), never every record on every command.
 */
final class TrackedPaths {
    static final String CACHE = "cache/tracked.json";

    private TrackedPaths() {}

    /** The cache's form: for {@code checkpoint:<name>} and {@code run:<id>}, the tracked paths they give. */
    record Cached(Map<String, List<String>> sources) {}

    /** The tracked paths, sorted, none inside another. */
    static List<String> roots(Workbench wb, CaptureConfig config) {
        Store store = wb.store();
        Map<String, List<String>> cached;
        try {
            cached = store.read(CACHE, Cached.class)
                    .map(c -> (Map<String, List<String>>) new TreeMap<>(c.sources()))
                    .orElseGet(TreeMap::new);
        } catch (WorkbenchException | UncheckedIOException e) {
            cached = new TreeMap<>(); // a damaged cache costs reading the records again
        }
        Map<String, List<String>> sources = new TreeMap<>();
        boolean changed = learn(
                cached,
                sources,
                "checkpoint:",
                wb.checkpoints().names(),
                name -> fromCheckpoint(wb.backend().checkpoints(), name));
        changed |= learn(
                cached,
                sources,
                "run:",
                wb.runs().ids(),
                id -> fromRun(wb.backend().runs(), id));
        changed |= !sources.keySet().equals(cached.keySet());
        if (changed) {
            Map<String, List<String>> toSave = sources;
            store.transaction(() -> store.write(CACHE, new Cached(toSave)));
        }
        Set<String> all = new TreeSet<>(config.track());
        sources.values().forEach(all::addAll);
        return outermost(all);
    }

    /**
     * Puts into {@code sources} the paths of each record named in {@code names} (under {@code prefix}), from the cache
     * when it knows them, else read with {@code read}; returns whether any was read.
     */
    private static boolean learn(
            Map<String, List<String>> cached,
            Map<String, List<String>> sources,
            String prefix,
            List<String> names,
            Function<String, List<String>> read) {
        boolean anyRead = false;
        for (String name : names) {
            List<String> known = cached.get(prefix + name);
            if (known == null) {
                known = read.apply(name);
                anyRead = true;
            }
            sources.put(prefix + name, known);
        }
        return anyRead;
    }

    private static List<String> fromCheckpoint(CheckpointManifests manifests, String name) {
        Checkpoint c;
        try {
            c = manifests.read(name).orElse(null);
        } catch (WorkbenchException e) {
            return List.of(); // a damaged manifest tracks nothing
        }
        if (c == null || c.paths() == null) {
            return List.of();
        }
        Set<String> dirs = new HashSet<>();
        if (c.entries() != null) {
            c.entries().stream()
                    .filter(e -> CheckpointEntry.DIR.equals(e.type()))
                    .forEach(e -> dirs.add(e.path()));
        }
        List<String> out = new ArrayList<>();
        for (String p : c.paths()) {
            add(out, dirs.contains(p) ? p : folderOf(p));
        }
        return out;
    }

    private static List<String> fromRun(RunRecords runs, String id) {
        RunRecord r;
        try {
            r = runs.read(id).orElse(null);
        } catch (WorkbenchException e) {
            return List.of();
        }
        if (r == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (List<PathDigest> list : List.of(
                r.inputs() == null ? List.<PathDigest>of() : r.inputs(),
                r.outputs() == null ? List.<PathDigest>of() : r.outputs())) {
            for (PathDigest d : list) {
                if (d != null && d.path() != null) {
                    add(out, "dir".equals(d.type()) ? d.path() : folderOf(d.path()));
                }
            }
        }
        return out;
    }

    /** A file's folder; a file directly at the root is its own tracked path. */
    static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? path : path.substring(0, slash);
    }

    private static void add(List<String> out, String path) {
        if (allowed(path) && !out.contains(path)) {
            out.add(path);
        }
    }

    /** Whether {@code path} may be tracked: {@link #refusal} finds nothing wrong with it. */
    static boolean allowed(String path) {
        return refusal(path) == null;
    }

    /**
     * Why {@code path} (relative to the root, normalised) may not be tracked, or null when it may: the one rule for
     * {@code track} in the config and for the paths of checkpoints and runs. Not empty, not the root itself, not
     * absolute nor leading out of it ({@code ..}), not {@code .aw/} nor in any {@code .git/}.
     */
    static String refusal(String path) {
        if (path == null || path.isEmpty() || path.equals(".")) {
            return "is the whole root";
        }
        List<String> parts = List.of(path.split("/", -1));
        if (path.startsWith("/") || parts.contains("..")) {
            return "is not inside the root";
        }
        if (parts.get(0).equals(".aw") || parts.contains(".git")) {
            return "is inside .aw/ or .git/, which are never tracked";
        }
        return null;
    }

    /** {@code path} is {@code scope} or inside it. */
    static boolean inside(String path, String scope) {
        return path.equals(scope) || path.startsWith(scope + "/");
    }

    /** {@code path} is one of {@code scopes} or inside one. */
    static boolean insideAny(String path, Collection<String> scopes) {
        return scopes.stream().anyMatch(s -> inside(path, s));
    }

    /** The paths that lie inside no other path of the set, sorted. */
    static List<String> outermost(Set<String> paths) {
        List<String> out = new ArrayList<>();
        for (String p : new TreeSet<>(paths)) {
            if (allowed(p) && !insideAny(p, out)) {
                out.add(p);
            }
        }
        return out;
    }
}
