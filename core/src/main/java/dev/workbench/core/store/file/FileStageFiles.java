package dev.workbench.core.store.file;

import dev.workbench.core.store.StageFiles;
import dev.workbench.core.workspace.Store;

/** {@link StageFiles} as files under {@code .aw/}. */
public final class FileStageFiles implements StageFiles {
    private final Store store;

    public FileStageFiles(Store store) {
        this.store = store;
    }
}
