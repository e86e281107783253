package dev.workbench.core.checkpoint;

import dev.workbench.core.run.PathDigest;
import dev.workbench.core.workspace.ConfinedFolder;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The content hash of files under the root, through the {@link StatCache} of {@code .aw/cache/stat.json}: a file
 * whose size, times and inode are those remembered is not read again. The one way the workbench hashes a file it
 * found on a confined walk: checkpoints, rollback plans, run digests and review stages all go through it.
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
     * The SHA-256 of a regular file met by a confined walk ({@link PathDigest}), remembered from its stat when it did
     * not change; on a miss it is read through its folder handle.
     */
    @Override
    public String sha256(String relative, ConfinedFolder folder, String name, PosixFileAttributes attributes)
            throws IOException {
        return sha256(
                relative, folder, name, attributes, FileStat.of(store.root().resolve(relative), attributes));
    }

    /** {@link #sha256(String, ConfinedFolder, String, PosixFileAttributes)} with the stat already taken. */
    String sha256(String relative, ConfinedFolder folder, String name, PosixFileAttributes attributes, FileStat stat)
            throws IOException {
        String known = cache.lookup(relative, stat);
        if (known != null) {
            return known;
        }
        String sha = PathDigest.FileHasher.READ.sha256(relative, folder, name, attributes);
        remember(relative, stat, sha);
        return sha;
    }

    /** The hash remembered for {@code relative} at this stat, or null; never reads the file. */
    String lookup(String relative, FileStat stat) {
        return cache.lookup(relative, stat);
    }

    /** Remembers that {@code relative}, at this stat, hashes to {@code sha256}, as of now. */
    void remember(String relative, FileStat stat, String sha256) {
        remember(relative, stat, sha256, nowMicros());
    }

    /** Remembers that {@code relative}, at this stat, hashes to {@code sha256}, as of {@code nowMicros}. */
    void remember(String relative, FileStat stat, String sha256, long nowMicros) {
        cache.remember(relative, stat, sha256, nowMicros);
    }

    /** Now, in µs: file times are the real clock's, whatever clock the store records with. */
    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
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
