package dev.workbench.core.store;

import java.util.function.Consumer;

/** Tells a listener what changed in the records, whoever changed them (this process, another, a person). */
public interface ChangeFeed {
    /**
     * Starts delivering batches to {@code listener}, on one thread of the feed's own, until the returned handle is
     * closed. What changes after this returns is delivered; what the listener throws does not stop the feed.
     */
    Subscription subscribe(Consumer<ChangeBatch> listener);

    /** A running subscription; closing it stops the deliveries and waits for one under way. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
