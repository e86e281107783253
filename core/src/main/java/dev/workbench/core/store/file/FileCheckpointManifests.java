package dev.workbench.core.store.file;

import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.store.CheckpointManifests;
import dev.workbench.core.workspace.Store;
import java.util.List;
import java.util.Optional;

/** {@link CheckpointManifests} as files: {@code .aw/checkpoints/<name>.json}, pretty JSON written atomically. */
public final class FileCheckpointManifests implements CheckpointManifests {
    /** The folder under {@code .aw/}. */
    public static final String DIR = "checkpoints";

    private static final String JSON = ".json";
    private final Store store;

    public FileCheckpointManifests(Store store) {
        this.store = store;
    }

    @Override
    public List<String> names() {
        return store.list(DIR, JSON).stream()
                .map(n -> n.substring(0, n.length() - JSON.length()))
                .toList();
    }

    @Override
    public Optional<Checkpoint> read(String name) {
        return store.read(DIR + "/" + name + JSON, Checkpoint.class);
    }

    @Override
    public void write(Checkpoint checkpoint) {
        store.write(DIR + "/" + checkpoint.name() + JSON, checkpoint);
    }
}
