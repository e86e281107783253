package dev.workbench.core.store.file;

import dev.workbench.core.store.ExperimentRecords;
import dev.workbench.core.workspace.Store;

/** {@link ExperimentRecords} as files under {@code .aw/}. */
public final class FileExperimentRecords implements ExperimentRecords {
    private final Store store;

    public FileExperimentRecords(Store store) {
        this.store = store;
    }
}
