package dev.workbench.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.store.Backend;
import dev.workbench.core.store.EventLogs.Log;
import dev.workbench.core.store.TransactionsContract;
import dev.workbench.core.workspace.StorageException;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class FileTransactionsTest extends TransactionsContract {
    @Override
    protected Backend open(Path root, Clock clock) {
        return new FileBackend(new Store(root, clock));
    }

    /** Files have no rollback: what a failing body wrote before the failure stays, each write whole. */
    @Test
    void aFailureMidBody_keepsTheWritesBeforeIt_andAnIoFailureSaysHowMany() {
        Backend backend = open(root, CLOCK);
        assertThatThrownBy(() -> backend.transactions().transaction(() -> {
                    appendNumbered(backend);
                    appendNumbered(backend);
                    throw new UncheckedIOException(new IOException("disk full"));
                }))
                .isInstanceOfSatisfying(
                        StorageException.class,
                        e -> assertThat(e.earlierWrites()).isEqualTo(2));
        assertThat(backend.events().count(Log.ACTIVITY)).isEqualTo(2);
    }
}
