package dev.workbench.core.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What the file system says about a file without reading it: size, modification and change times (µs), inode
 * and mode. Two equal stats of the same path mean the content was not rewritten (the rule git uses); the change
 * time catches an edit whose modification time was set back ({@code touch -r}).
 */
record FileStat(long size, long mtimeMicros, long ctimeMicros, long inode, int mode) {

    static FileStat of(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,mode", LinkOption.NOFOLLOW_LINKS);
            return new FileStat((Long) a.get("size"), micros((FileTime) a.get("lastModifiedTime")),
                    micros((FileTime) a.get("ctime")), (Long) a.get("ino"), (Integer) a.get("mode"));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return portable(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + file, e);
        }
    }

    private static FileStat portable(Path file) {
        try {
            var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new FileStat(a.size(), micros(a.lastModifiedTime()), 0, 0, Files.isExecutable(file) ? 0755 : 0644);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + file, e);
        }
    }

    private static long micros(FileTime time) {
        return time.to(java.util.concurrent.TimeUnit.MICROSECONDS);
    }

    /** Permission bits as four octal digits, e.g. {@code 0644}. */
    String permissions() {
        return String.format("%04o", mode & 07777);
    }
}
