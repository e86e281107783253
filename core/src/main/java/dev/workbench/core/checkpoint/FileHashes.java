package dev.workbench.core.checkpoint;

import dev.workbench.core.Sha256;
import dev.workbench.core.workspace.Store;
import java.nio.file.Path;

/**
 * The content hash of files under the root, through the {@link StatCache} of {@code .aw/cache/stat.json}: a file
 * whose size, times and inode are those remembered is not read again. For readers outside this package (the
 * review stages check their artifacts on every read).
 *
 * <p>Loading and looking up never write; {@link #save} (inside a store transaction) keeps what was learned.
 */
public final class FileHashes {
    private final Store store;
    private final StatCache cache;

    private FileHashes(Store store, StatCache cache) {
        this.store = store;
        this.cache = cache;
    }

    public static FileHashes load(Store store) {
        return new FileHashes(store, StatCache.load(store));
    }

    /** The SHA-256 of the regular file {@code file}, remembered from its stat when it did not change. */
    public String sha256(Path file) {
        String rel = store.root().relativize(file).toString().replace('\\', '/');
        FileStat stat = FileStat.of(file);
        String known = cache.lookup(rel, stat);
        if (known != null) {
            return known;
        }
        String sha = Sha256.of(file);
        // file times are the real clock's, whatever clock the store records with
        cache.remember(rel, stat, sha, java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, java.time.Instant.now()));
        return sha;
    }

    /** Writes what was learned to the cache file; must run inside a store transaction. */
    public void save() {
        cache.save(store);
    }
}
