package dev.workbench.core.store.file;

import dev.workbench.core.project.ProjectState;
import dev.workbench.core.store.ProjectRecord;
import dev.workbench.core.workspace.Store;
import java.util.Optional;

/** {@link ProjectRecord} as {@code .aw/status.json}, pretty JSON a person can read and edit. */
public final class FileProjectRecord implements ProjectRecord {
    public static final String FILE = "status.json";

    private final Store store;

    public FileProjectRecord(Store store) {
        this.store = store;
    }

    @Override
    public Optional<ProjectState> read() {
        return store.read(FILE, ProjectState.class);
    }

    @Override
    public void write(ProjectState state) {
        store.write(FILE, state);
    }
}
