package dev.workbench.core.store;

import java.util.function.Supplier;

/**
 * The unit of work: a body that reads and writes records as one step, serialised against every other writer of
 * the same root (threads of this process and other processes). Nested calls join the outer one.
 */
public interface Transactions {
    <R> R transaction(Supplier<R> body);

    default void transaction(Runnable body) {
        transaction(() -> {
            body.run();
            return null;
        });
    }
}
