package dev.workbench.core.checkpoint;

/**
 * One path in a checkpoint manifest.
 *
 * @param path   relative to the root, with '/' separators
 * @param type   file, folder or symbolic link; null when the manifest names a type no checkpoint writes
 * @param size   bytes (files)
 * @param mode   permission bits in octal, e.g. {@code 0644} (files and folders)
 * @param sha256 the content's hash, which names its object in {@code .aw/objects/} (files)
 * @param target where the link points, as written in the link (symlinks)
 */
public record CheckpointEntry(String path, EntryType type, Long size, String mode, String sha256, String target) {
    /** Short names for the types, for readers that compare ({@code CheckpointEntry.FILE.equals(e.type())}). */
    public static final EntryType FILE = EntryType.FILE;

    public static final EntryType DIR = EntryType.DIR;
    public static final EntryType SYMLINK = EntryType.SYMLINK;

    static CheckpointEntry file(String path, FileStat stat, String sha256) {
        return new CheckpointEntry(path, EntryType.FILE, stat.size(), stat.permissions(), sha256, null);
    }

    static CheckpointEntry dir(String path, String mode) {
        return new CheckpointEntry(path, EntryType.DIR, null, mode, null, null);
    }

    static CheckpointEntry symlink(String path, String target) {
        return new CheckpointEntry(path, EntryType.SYMLINK, null, null, null, target);
    }

    boolean isFile() {
        return type == EntryType.FILE;
    }

    boolean isDir() {
        return type == EntryType.DIR;
    }
}
