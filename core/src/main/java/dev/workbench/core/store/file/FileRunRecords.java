package dev.workbench.core.store.file;

import dev.workbench.core.store.RunRecords;
import dev.workbench.core.workspace.Store;

/** {@link RunRecords} as files under {@code .aw/}. */
public final class FileRunRecords implements RunRecords {
    private final Store store;

    public FileRunRecords(Store store) {
        this.store = store;
    }
}
