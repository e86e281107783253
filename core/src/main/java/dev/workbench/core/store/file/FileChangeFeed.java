package dev.workbench.core.store.file;

import dev.workbench.core.store.ChangeBatch;
import dev.workbench.core.store.ChangeFeed;
import dev.workbench.core.workspace.Store;
import java.util.function.Consumer;

/** {@link ChangeFeed} from a watch of the root's files: each changed path mapped to what it holds. */
public final class FileChangeFeed implements ChangeFeed {
    private final Store store;

    public FileChangeFeed(Store store) {
        this.store = store;
    }

    @Override
    public AutoCloseable subscribe(Consumer<ChangeBatch> listener) {
        throw new UnsupportedOperationException("the store work fills this in");
    }
}
