package dev.workbench.core.checkpoint;

import dev.workbench.core.workspace.Store;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Remembers the hash of each file checkpointed, keyed by path and its {@link FileStat}, in
 * {@code .aw/cache/stat.json}, so that an unchanged file is recognised without being read again.
 *
 * <p>A file modified within {@link #RACY_MICROS} of being recorded is not remembered: its next change could
 * keep the same size and modification time (git's "racily clean" problem), and it will simply be read again.
 */
final class StatCache {
    static final String FILE = "cache/stat.json";
    static final long RACY_MICROS = TimeUnit.SECONDS.toMicros(2);

    /** One remembered file. */
    record Entry(long size, long mtime, long ctime, long inode, String sha256) {}

    private final Map<String, Entry> entries;
    private boolean changed;

    private StatCache(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** The file's form: the entries by path. */
    record Stored(Map<String, Entry> files) {}

    static StatCache load(Store store) {
        try {
            return new StatCache(store.read(FILE, Stored.class)
                    .map(s -> new TreeMap<>(s.files()))
                    .orElseGet(TreeMap::new));
        } catch (RuntimeException e) {
            return new StatCache(new TreeMap<>()); // a damaged cache only costs reading the files again
        }
    }

    /** The remembered hash of {@code path} when its stat is unchanged, else null. */
    String lookup(String path, FileStat stat) {
        Entry e = entries.get(path);
        return e != null
                        && e.size() == stat.size()
                        && e.mtime() == stat.mtimeMicros()
                        && e.ctime() == stat.ctimeMicros()
                        && e.inode() == stat.inode()
                ? e.sha256()
                : null;
    }

    void remember(String path, FileStat stat, String sha256, long nowMicros) {
        if (nowMicros - Math.max(stat.mtimeMicros(), stat.ctimeMicros()) < RACY_MICROS) {
            if (entries.remove(path) != null) {
                changed = true;
            }
            return;
        }
        Entry entry = new Entry(stat.size(), stat.mtimeMicros(), stat.ctimeMicros(), stat.inode(), sha256);
        if (!entry.equals(entries.put(path, entry))) {
            changed = true;
        }
    }

    /** Writes the cache when it changed; must run inside a store transaction. */
    void save(Store store) {
        if (changed) {
            store.write(FILE, new Stored(entries));
            changed = false;
        }
    }
}
