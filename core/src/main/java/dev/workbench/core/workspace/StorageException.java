package dev.workbench.core.workspace;

import java.io.UncheckedIOException;

/**
 * A file-system failure (a full disk, a folder where a file should be, a refused permission) that ended a
 * {@link Store#transaction} after the transaction had already completed some writes: each of those writes is
 * whole and stays, the one that failed left its file as it was. A failure before any write is thrown as the
 * plain {@link UncheckedIOException} it was, and then nothing was changed.
 */
public final class StorageException extends UncheckedIOException {
    private final int earlierWrites;

    StorageException(UncheckedIOException failure, int earlierWrites) {
        super(failure.getMessage(), failure.getCause());
        this.earlierWrites = earlierWrites;
    }

    /** How many writes of the transaction had completed before the failure. */
    public int earlierWrites() {
        return earlierWrites;
    }
}
