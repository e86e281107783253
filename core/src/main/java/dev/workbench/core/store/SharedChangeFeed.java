package dev.workbench.core.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription to a feed, shared by many listeners: a server whose MCP subscribers and open pages both follow the
 * store runs one file watcher, not one each. The underlying subscription starts with the first listener and stops
 * when the last one closes. Listeners are called one after another on the feed's thread, so each must hand work off
 * rather than wait; what one throws is logged and does not reach the others.
 */
public final class SharedChangeFeed implements ChangeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(SharedChangeFeed.class);

    private final ChangeFeed source;
    private final List<Consumer<ChangeBatch>> listeners = new CopyOnWriteArrayList<>();
    private Subscription subscription;

    public SharedChangeFeed(ChangeFeed source) {
        this.source = source;
    }

    @Override
    public synchronized Subscription subscribe(Consumer<ChangeBatch> listener) {
        Consumer<ChangeBatch> own = listener::accept; // a distinct object, so the same listener twice closes once each
        listeners.add(own);
        if (subscription == null) {
            subscription = source.subscribe(this::deliver);
        }
        return () -> unsubscribe(own);
    }

    private synchronized void unsubscribe(Consumer<ChangeBatch> listener) {
        if (listeners.remove(listener) && listeners.isEmpty() && subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    private void deliver(ChangeBatch batch) {
        for (Consumer<ChangeBatch> listener : listeners) {
            try {
                listener.accept(batch);
            } catch (RuntimeException e) {
                LOG.warn("a change listener failed: {}", e.toString());
            }
        }
    }
}
