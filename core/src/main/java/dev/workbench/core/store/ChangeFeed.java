package dev.workbench.core.store;

import java.util.function.Consumer;

/** Tells a listener what changed in the records, whoever changed them (this process, another, a person). */
public interface ChangeFeed {
    /**
     * Starts delivering batches to {@code listener}, on one thread of the feed's own, until the returned handle is
     * closed.
     */
    AutoCloseable subscribe(Consumer<ChangeBatch> listener);
}
