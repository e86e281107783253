package dev.workbench.core.runbook;

import dev.workbench.core.project.ActivityEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Whether {@code runbook.md} reflects the recorded state: it is stale when some activity other than writing
 * the runbook happened after the file was last written.
 *
 * @param path      the runbook's path relative to the root
 * @param exists    whether the file exists
 * @param updatedAt when it was last written (ISO-8601 UTC), or null
 * @param stale     true when it is missing while there is state, or older than the latest activity
 */
public record RunbookStatus(String path, boolean exists, String updatedAt, boolean stale) {
    public static final String FILE = "runbook.md";
    /** Activity entries of this type are written by write-runbook itself and do not make the runbook stale. */
    public static final String WRITTEN = "runbook.written";
    /** How many recent activity entries {@link #of} wants to see. */
    public static final int LOOK_BACK = 50;

    /**
     * @param root   the root folder
     * @param recent the latest activity entries, oldest first ({@link #LOOK_BACK} of them suffice)
     */
    public static RunbookStatus of(Path root, List<ActivityEntry> recent) {
        Path file = root.resolve(FILE);
        Instant lastChange = null;
        for (ActivityEntry e : recent) {
            if (!WRITTEN.equals(e.type())) {
                lastChange = parse(e.at(), lastChange);
            }
        }
        if (!Files.exists(file)) {
            return new RunbookStatus(FILE, false, null, lastChange != null);
        }
        try {
            Instant written = Files.getLastModifiedTime(file).toInstant();
            boolean stale = lastChange != null && lastChange.isAfter(written);
            return new RunbookStatus(FILE, true, written.toString(), stale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant parse(String at, Instant fallback) {
        try {
            return at == null ? fallback : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return fallback; // a line edited by hand: ignore its time
        }
    }
}
