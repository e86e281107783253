package dev.workbench.core.store.file;

import dev.workbench.core.store.EventLogs;
import dev.workbench.core.workspace.Store;

/** {@link EventLogs} as files under {@code .aw/}. */
public final class FileEventLogs implements EventLogs {
    private final Store store;

    public FileEventLogs(Store store) {
        this.store = store;
    }
}
