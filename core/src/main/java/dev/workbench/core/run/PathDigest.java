package dev.workbench.core.run;

import dev.workbench.core.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The identity of an input or output of a run.
 *
 * @param path   relative to the root
 * @param type   {@code file}, {@code dir}, {@code missing} (an output the run did not write) or {@code special} (a
 *               pipe, socket or device: not read); a link is described by what it leads to
 * @param size   bytes (a folder: all its files)
 * @param files  number of files (folders)
 * @param sha256 of the content; for a folder, of the lines {@code <relative path>\0<sha256>\n} of its files, sorted
 *               as strings
 */
public record PathDigest(String path, String type, Long size, Integer files, String sha256) {

    /** The digest of {@code p} as it is now; a path that does not exist is {@code missing}. */
    public static PathDigest of(Path root, Path p) {
        return of(root, p, Sha256::of);
    }

    /** The same, taking each regular file's hash from {@code fileHash} (a cache of hashes, say). */
    public static PathDigest of(Path root, Path p, java.util.function.Function<Path, String> fileHash) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return new PathDigest(rel.isEmpty() ? "." : rel, "missing", null, null, null);
        }
        try {
            if (Files.isSymbolicLink(p)) {
                p = p.toRealPath(); // the caller confined it to the root: describe what it leads to
            }
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                return new PathDigest(rel, "file", Files.size(p), null, fileHash.apply(p));
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return new PathDigest(rel, "special", null, null, null);
            }
            MessageDigest digest = Sha256.digest();
            long size = 0;
            int count = 0;
            List<Path> files;
            try (Stream<Path> walk = Files.walk(p)) {
                files = walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                        .filter(f -> !f.startsWith(root.resolve(".aw")) && !f.toString().contains("/.git/"))
                        .sorted().toList();
            }
            List<String> lines = new java.util.ArrayList<>();
            for (Path f : files) {
                lines.add(p.relativize(f).toString().replace('\\', '/') + "\0" + fileHash.apply(f) + "\n");
                size += Files.size(f);
                count++;
            }
            java.util.Collections.sort(lines); // as strings, so a checkpoint's entries give the same digest
            lines.forEach(line -> digest.update(line.getBytes(StandardCharsets.UTF_8)));
            return new PathDigest(rel.isEmpty() ? "." : rel, "dir", size, count, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
