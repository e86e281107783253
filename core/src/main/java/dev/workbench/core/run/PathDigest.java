package dev.workbench.core.run;

import dev.workbench.core.Sha256;
import dev.workbench.core.workspace.ConfinedFiles;
import dev.workbench.core.workspace.ConfinedFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity of an input or output of a run.
 *
 * @param path   relative to the root
 * @param type   {@code file}, {@code dir}, {@code missing} (an output the run did not write), {@code deleted} (an
 *               output of a captured run: a file that existed before the command and not after it) or {@code special}
 *               (a pipe, socket or device: not read); a link is described by what it leads to
 * @param size   bytes (a folder: all its files)
 * @param files  number of files (folders)
 * @param sha256 of the content; for a folder, of the lines {@code <relative path>\0<sha256>\n} of its files, sorted
 *               as strings
 */
public record PathDigest(String path, String type, Long size, Integer files, String sha256) {
    public static final String DELETED = "deleted";

    /** An output a command deleted: it existed before the command and not after it. */
    public static PathDigest deleted(String path) {
        return new PathDigest(path, DELETED, null, null, null);
    }

    /**
     * The digest of {@code p} as it is now; a path that does not exist is {@code missing}. Read through
     * {@link ConfinedFiles}: a link, at the end of the path or on the way, is followed only while it leads inside the
     * root, at the moment of reading; one leading out is {@code PATH_OUTSIDE_ROOT}.
     */
    public static PathDigest of(Path root, Path p) {
        return of(root, p, FileHasher.READ);
    }

    /**
     * How the hash of one regular file met by the confined walk is had: by reading it through its folder handle
     * ({@link #READ}), or from a cache of hashes keyed by the file's stat ({@code FileHashes}), reading it the same way
     * on a miss.
     */
    @FunctionalInterface
    public interface FileHasher {
        FileHasher READ = (relative, folder, name, attributes) -> {
            try (InputStream in = folder.read(name)) {
                return Sha256.of(in);
            }
        };

        /**
         * @param relative the file's real path relative to the root
         * @param folder   the folder handle it was found in, to read it through
         */
        String sha256(String relative, ConfinedFolder folder, String name, PosixFileAttributes attributes)
                throws IOException;
    }

    /** The same, taking each regular file's hash from {@code hasher} (a cache of hashes, say). */
    public static PathDigest of(Path root, Path p, FileHasher hasher) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        String shown = rel.isEmpty() ? "." : rel;
        ConfinedFiles files = new ConfinedFiles(root);
        ConfinedFiles.Located found;
        try {
            found = files.locate(rel, true); // a link is described by what it leads to
        } catch (NoSuchFileException | NotDirectoryException e) {
            return new PathDigest(shown, "missing", null, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        try (ConfinedFiles.Located at = found) {
            if (!at.exists()) {
                return new PathDigest(shown, "missing", null, null, null);
            }
            if (at.attributes().isRegularFile()) {
                return new PathDigest(
                        shown,
                        "file",
                        at.attributes().size(),
                        null,
                        hasher.sha256(at.real(), at.parent(), at.name(), at.attributes()));
            }
            if (!at.attributes().isDirectory()) {
                return new PathDigest(shown, "special", null, null, null);
            }
            String start = at.real();
            List<String> lines = new ArrayList<>();
            long[] size = {0};
            files.walkTree(start, (r, folder, name, attrs) -> {
                if (attrs.isDirectory()) {
                    // .aw/ (the workbench's state) and any .git/ are not part of a folder's content
                    return !(folder != null
                            && (name.equals(".git") || (folder.real().isEmpty() && name.equals(".aw"))));
                }
                if (attrs.isRegularFile()) {
                    String inside = start.equals(".") ? r : r.substring(start.length() + 1);
                    lines.add(inside + "\0" + hasher.sha256(r, folder, name, attrs) + "\n");
                    size[0] += attrs.size();
                }
                return false;
            });
            Collections.sort(lines); // as strings, so a checkpoint's entries give the same digest
            MessageDigest digest = Sha256.digest();
            lines.forEach(line -> digest.update(line.getBytes(StandardCharsets.UTF_8)));
            return new PathDigest(
                    shown, "dir", size[0], lines.size(), HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
