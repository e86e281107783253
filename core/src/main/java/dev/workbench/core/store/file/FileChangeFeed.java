package dev.workbench.core.store.file;

import dev.workbench.core.store.ChangeBatch;
import dev.workbench.core.store.ChangeFeed;
import dev.workbench.core.workspace.Store;
import dev.workbench.core.workspace.StoreWatcher;
import java.util.function.Consumer;

/**
 * {@link ChangeFeed} from a watch of the root's files ({@link StoreWatcher}), each changed path mapped to what it
 * holds ({@link PathChanges}). Only the file system sees every writer: this process, an {@code aw} hook in
 * another, a person with an editor.
 */
public final class FileChangeFeed implements ChangeFeed {
    private final Store store;

    public FileChangeFeed(Store store) {
        this.store = store;
    }

    /** Lists the records that exist, then starts watching: what changes after this returns is delivered. */
    @Override
    public Subscription subscribe(Consumer<ChangeBatch> listener) {
        PathChanges paths = new PathChanges(store);
        return StoreWatcher.start(store.root(), changes -> listener.accept(paths.apply(changes)))::close;
    }
}
