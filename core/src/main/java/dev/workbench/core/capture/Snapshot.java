package dev.workbench.core.capture;

import dev.workbench.core.workspace.RootPaths;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The state of the tracked paths at one moment, from their metadata alone (a stat walk: no file is read). For each
 * file, link or other non-folder under them: type, size, modification time (ns), inode, and the change time (µs,
 * for the stat cache of checkpoints; not compared, since storing a checkpoint may touch it).
 *
 * <p>Links are recorded, never followed; {@code .git/} folders are not entered; a tracked path whose folder leads out
 * of the root through a link ({@code data/sub} with {@code data} a link elsewhere) is not walked at all and is listed
 * in {@code outside}. Each tracked path is walked up to its own budget ({@link #MAX_ENTRIES} entries, folders
 * included, in a fixed order: paths sorted), so a large one never starves the others, and all of them together up to
 * {@link #MAX_TOTAL}: each first gets an equal share, and what the paths that finished within it left is then shared
 * among those cut. So a path no larger than {@code MAX_TOTAL / paths} entries is always walked whole. The walks
 * before and after a command cover the same files; the paths a walk could not finish are listed in
 * {@code truncated}.
 *
 * @param files     relative path → {type, size, mtime ns, inode, ctime µs}
 * @param truncated the tracked paths whose walk was cut short
 * @param outside   the tracked paths not walked, since they lead out of the root
 */
record Snapshot(Map<String, long[]> files, List<String> truncated, List<String> outside) {
    /**
     * Entries walked at most in one tracked path. Measured on this project's 2-core build machine under a load of 7:
     * 120–150 ms for 10,000 entries in a warm JVM, 200–450 ms in a fresh one (the hook's); an unloaded machine is
     * several times faster.
     */
    static final int MAX_ENTRIES = 10_000;

    /** Entries walked at most in all the tracked paths together: three large paths, walked whole up to their cap. */
    static final int MAX_TOTAL = 30_000;

    static final long FILE = 0;
    static final long LINK = 1;
    static final long OTHER = 2;

    static Snapshot walk(Path root, List<String> roots) {
        return walk(root, roots, MAX_ENTRIES, MAX_TOTAL);
    }

    /** Walks {@code roots} under {@code root} (a real path), each up to {@code perRoot} entries, all up to {@code total}. */
    static Snapshot walk(Path root, List<String> roots, int perRoot, int total) {
        List<String> walked = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (String rel : roots) {
            (leadsOut(root, rel) ? outside : walked).add(rel);
        }
        int share = walked.isEmpty() ? 0 : Math.min(perRoot, Math.max(1, total / walked.size()));
        Map<String, Map<String, long[]>> each = new TreeMap<>();
        List<String> truncated = new ArrayList<>();
        int used = 0;
        for (String rel : walked) {
            Map<String, long[]> files = new TreeMap<>();
            int[] budget = {share};
            if (!walk(root.resolve(rel), rel, files, budget)) {
                truncated.add(rel);
            }
            used += share - budget[0];
            each.put(rel, files);
        }
        if (!truncated.isEmpty() && share < perRoot) {
            int more = Math.min(perRoot, share + (total - used) / truncated.size());
            for (String rel : more > share ? List.copyOf(truncated) : List.<String>of()) {
                Map<String, long[]> files = new TreeMap<>();
                if (walk(root.resolve(rel), rel, files, new int[] {more})) {
                    truncated.remove(rel);
                }
                each.put(rel, files);
            }
        }
        Map<String, long[]> files = new TreeMap<>();
        each.values().forEach(files::putAll);
        return new Snapshot(files, truncated, outside);
    }

    /**
     * Whether the folder holding tracked path {@code rel} leads out of {@code root} through a link. The path itself may be
     * a link: it is recorded as one, never followed.
     */
    static boolean leadsOut(Path root, String rel) {
        Path parent = root.resolve(rel).getParent();
        return parent != null && !RootPaths.real(parent).startsWith(root);
    }

    /** Walks one path; false when the budget ran out first. */
    private static boolean walk(Path p, String rel, Map<String, long[]> files, int[] budget) {
        if (budget[0] <= 0) {
            return false;
        }
        budget[0]--;
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, "unix:mode,size,lastModifiedTime,ctime,ino", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return true; // absent: nothing to record
        } catch (IOException | UnsupportedOperationException e) {
            return true; // unreadable metadata: it cannot be compared, so it is not tracked
        }
        int mode = (Integer) a.get("mode");
        int format = mode & 0170000;
        if (format == 0040000) {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path child : ds) {
                    names.add(child.getFileName().toString());
                }
            } catch (IOException | DirectoryIteratorException e) {
                return true; // unreadable or gone meanwhile
            }
            names.sort(null);
            for (String n : names) {
                if (n.equals(".git")) {
                    continue;
                }
                if (!walk(p.resolve(n), rel + "/" + n, files, budget)) {
                    return false;
                }
            }
            return true;
        }
        long type = format == 0100000 ? FILE : format == 0120000 ? LINK : OTHER;
        files.put(rel, new long[] {
            type,
            (Long) a.get("size"),
            nanos((FileTime) a.get("lastModifiedTime")),
            (Long) a.get("ino"),
            ((FileTime) a.get("ctime")).to(TimeUnit.MICROSECONDS)
        });
        return true;
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    /** The same file as far as a stat tells: type, size, modification time and inode equal. */
    static boolean same(long[] a, long[] b) {
        return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
    }

    /** What changed from {@code before} to {@code after}, paths sorted. */
    record Diff(List<String> created, List<String> changed, List<String> deleted) {
        boolean isEmpty() {
            return created.isEmpty() && changed.isEmpty() && deleted.isEmpty();
        }

        int size() {
            return created.size() + changed.size() + deleted.size();
        }
    }

    /**
     * Files created, changed or deleted between two walks; a path in a tracked path one walk could not finish (or did
     * not walk) is compared only when both walks saw it (the other side of the cut is unknown).
     */
    static Diff diff(Snapshot before, Snapshot after) {
        List<String> created = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Map<String, long[]> was = new LinkedHashMap<>(before.files());
        for (Map.Entry<String, long[]> e : after.files().entrySet()) {
            long[] old = was.remove(e.getKey());
            if (old == null) {
                if (!cut(before, e.getKey())) {
                    created.add(e.getKey());
                }
            } else if (!same(old, e.getValue())) {
                changed.add(e.getKey());
            }
        }
        for (String gone : was.keySet()) {
            if (!cut(after, gone)) {
                deleted.add(gone);
            }
        }
        return new Diff(created, changed, deleted);
    }

    /** Whether {@code path} lies in a tracked path this walk did not finish, or did not walk. */
    private static boolean cut(Snapshot s, String path) {
        return TrackedPaths.insideAny(path, s.truncated()) || TrackedPaths.insideAny(path, s.outside());
    }
}
