package dev.workbench.core.capture;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The state of the tracked paths at one moment, from their metadata alone (a stat walk: no file is read). For each
 * file, link or other non-folder under them: type, size, modification time (ns), inode, and the change time (µs,
 * for the stat cache of checkpoints; not compared, since storing a checkpoint may touch it).
 *
 * <p>Links are recorded, never followed; {@code .git/} folders are not entered. A walk stops after
 * {@link #MAX_ENTRIES} entries (folders included), in a fixed order (paths sorted), so the walks before and after a
 * command cover the same files; the paths it could not finish are listed in {@code truncated}.
 *
 * @param files     relative path → {type, size, mtime ns, inode, ctime µs}
 * @param truncated the tracked paths whose walk was cut short
 */
record Snapshot(Map<String, long[]> files, List<String> truncated) {
    /**
     * Entries walked at most, however large the tracked folders are. Measured on this project's 2-core build machine
     * under a load of 7: 120–150 ms for 10,000 entries in a warm JVM, 200–450 ms in a fresh one (the hook's); an
     * unloaded machine is several times faster.
     */
    static final int MAX_ENTRIES = 10_000;

    static final long FILE = 0;
    static final long LINK = 1;
    static final long OTHER = 2;

    static Snapshot walk(Path root, List<String> roots) {
        return walk(root, roots, MAX_ENTRIES);
    }

    static Snapshot walk(Path root, List<String> roots, int max) {
        Map<String, long[]> files = new TreeMap<>();
        List<String> truncated = new ArrayList<>();
        int[] budget = {max};
        for (String rel : roots) {
            if (!walk(root.resolve(rel), rel, files, budget)) {
                truncated.add(rel);
            }
        }
        return new Snapshot(files, truncated);
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
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
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
            } catch (IOException | java.nio.file.DirectoryIteratorException e) {
                return true; // unreadable or gone meanwhile
            }
            names.sort(null);
            for (String n : names) {
                if (n.equals(".git") || (rel.isEmpty() && n.equals(".aw"))) {
                    continue;
                }
                if (!walk(p.resolve(n), rel + "/" + n, files, budget)) {
                    return false;
                }
            }
            return true;
        }
        long type = format == 0100000 ? FILE : format == 0120000 ? LINK : OTHER;
        files.put(rel, new long[] {type, (Long) a.get("size"), nanos((FileTime) a.get("lastModifiedTime")),
                (Long) a.get("ino"), ((FileTime) a.get("ctime")).to(TimeUnit.MICROSECONDS)});
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
     * Files created, changed or deleted between two walks; a path in a tracked path one walk could not finish is
     * compared only when both walks saw it (the other side of the cut is unknown).
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

    /** Whether {@code path} lies in a tracked path this walk did not finish. */
    private static boolean cut(Snapshot s, String path) {
        return s.truncated().stream().anyMatch(t -> Objects.equals(path, t) || path.startsWith(t + "/"));
    }
}
