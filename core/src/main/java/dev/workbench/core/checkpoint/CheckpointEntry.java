package dev.workbench.core.checkpoint;

/**
 * One path in a checkpoint manifest.
 *
 * @param path   relative to the root, with '/' separators
 * @param type   {@code file}, {@code dir} or {@code symlink}
 * @param size   bytes (files)
 * @param mode   permission bits in octal, e.g. {@code 0644} (files and folders)
 * @param sha256 the content's hash, which names its object in {@code .aw/objects/} (files)
 * @param target where the link points, as written in the link (symlinks)
 */
public record CheckpointEntry(String path, String type, Long size, String mode, String sha256, String target) {
    public static final String FILE = "file";
    public static final String DIR = "dir";
    public static final String SYMLINK = "symlink";

    boolean isFile() {
        return FILE.equals(type);
    }

    boolean isDir() {
        return DIR.equals(type);
    }
}
