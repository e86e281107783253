package dev.workbench.core.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the file system says about a file without reading it: size, modification and change times (µs), inode
 * and mode. Two equal stats of the same path mean the content was not rewritten (the rule git uses); the change
 * time catches an edit whose modification time was set back ({@code touch -r}).
 */
record FileStat(long size, long mtimeMicros, long ctimeMicros, long inode, int mode) {

    static FileStat of(Path file) {
        try {
            Map<String, Object> a =
                    Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,mode", LinkOption.NOFOLLOW_LINKS);
            return new FileStat(
                    (Long) a.get("size"),
                    micros((FileTime) a.get("lastModifiedTime")),
                    micros((FileTime) a.get("ctime")),
                    (Long) a.get("ino"),
                    (Integer) a.get("mode"));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return portable(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + file, e);
        }
    }

    /**
     * The stat of a file found by a confined walk ({@code ConfinedFiles}): size, time
     * and mode from the attributes read through the folder handle; change time and inode from {@code where} (Java
     * reads those by path only), kept only when {@code where} still names the same file, else zero (the stat cache
     * then misses and the content, read through the handle, decides).
     */
    static FileStat of(Path where, PosixFileAttributes confined) {
        long size = confined.size();
        long mtime = micros(confined.lastModifiedTime());
        int mode = bits(confined.permissions());
        try {
            Map<String, Object> a =
                    Files.readAttributes(where, "unix:ctime,ino,mode,fileKey", LinkOption.NOFOLLOW_LINKS);
            if (Objects.equals(a.get("fileKey"), confined.fileKey())) {
                return new FileStat(
                        size, mtime, micros((FileTime) a.get("ctime")), (Long) a.get("ino"), (Integer) a.get("mode"));
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // no unix view, or the path names nothing now: what the handle saw is enough
        }
        return new FileStat(size, mtime, 0, 0, mode);
    }

    private static int bits(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (var p : permissions) {
            mode |= 0400 >> p.ordinal(); // OWNER_READ .. OTHERS_EXECUTE, in the order of the bits
        }
        return mode;
    }

    private static FileStat portable(Path file) {
        try {
            var a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new FileStat(a.size(), micros(a.lastModifiedTime()), 0, 0, Files.isExecutable(file) ? 0755 : 0644);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + file, e);
        }
    }

    private static long micros(FileTime time) {
        return time.to(TimeUnit.MICROSECONDS);
    }

    /** Permission bits as four octal digits, e.g. {@code 0644}. */
    String permissions() {
        return String.format("%04o", mode & 07777);
    }
}
