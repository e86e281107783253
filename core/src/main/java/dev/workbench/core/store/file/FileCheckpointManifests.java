package dev.workbench.core.store.file;

import dev.workbench.core.store.CheckpointManifests;
import dev.workbench.core.workspace.Store;

/** {@link CheckpointManifests} as files under {@code .aw/}. */
public final class FileCheckpointManifests implements CheckpointManifests {
    private final Store store;

    public FileCheckpointManifests(Store store) {
        this.store = store;
    }
}
