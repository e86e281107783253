package dev.workbench.core.checkpoint;

import dev.workbench.core.run.PathDigest;
import dev.workbench.core.workspace.ConfinedFolder;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * The content hash of files under the root, through the {@link StatCache} of {@code .aw/cache/stat.json}: a file
 * whose size, times and inode are those remembered is not read again. For readers outside this package (the
 * review stages check their artifacts on every read).
 *
 * <p>Loading and looking up never write; {@link #save} (inside a store transaction) keeps what was learned.
 */
public final class FileHashes implements PathDigest.FileHasher {
    private final Store store;
    private final StatCache cache;

    private FileHashes(Store store, StatCache cache) {
        this.store = store;
        this.cache = cache;
    }

    public static FileHashes load(Store store) {
        return new FileHashes(store, StatCache.load(store));
    }

    /**
     * The SHA-256 of a regular file met by a confined walk ({@link PathDigest#of(Path, Path, PathDigest.FileHasher)}),
     * remembered from its stat when it did not change; on a miss it is read through its folder handle.
     */
    @Override
    public String sha256(String relative, ConfinedFolder folder, String name, PosixFileAttributes attributes)
            throws IOException {
        FileStat stat = FileStat.of(store.root().resolve(relative), attributes);
        String known = cache.lookup(relative, stat);
        if (known != null) {
            return known;
        }
        String sha = PathDigest.FileHasher.READ.sha256(relative, folder, name, attributes);
        // file times are the real clock's, whatever clock the store records with
        cache.remember(relative, stat, sha, java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, java.time.Instant.now()));
        return sha;
    }

    /**
     * The hash remembered for {@code relative} at this stat (size, times in µs, inode), or null when the file changed
     * since it was last hashed or was never hashed; never reads the file.
     */
    public String remembered(String relative, long size, long mtimeMicros, long ctimeMicros, long inode) {
        return cache.lookup(relative, new FileStat(size, mtimeMicros, ctimeMicros, inode, 0));
    }

    /** Writes what was learned to the cache file; must run inside a store transaction. */
    public void save() {
        cache.save(store);
    }
}
