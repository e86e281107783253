package dev.workbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.checkpoint.Checkpoints;
import dev.workbench.core.review.StageState;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.ChangeFeed;
import dev.workbench.core.store.CheckpointManifests;
import dev.workbench.core.store.ClaimRecords;
import dev.workbench.core.store.EventLogs;
import dev.workbench.core.store.ExperimentRecords;
import dev.workbench.core.store.ProjectRecord;
import dev.workbench.core.store.RunRecords;
import dev.workbench.core.store.SeriesLogs;
import dev.workbench.core.store.StageFiles;
import dev.workbench.core.store.Transactions;
import dev.workbench.core.store.file.FileBackend;
import dev.workbench.core.workspace.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbench over a back end whose transactions are not the local store's lock, as any back end but the file one
 * is: the services that write local content (checkpoint objects, the stat cache) in the same step as their records
 * must still work, holding both locks.
 */
class OtherBackendTest {
    @TempDir
    Path root;

    @Test
    void checkpointRollbackRunAndStages_workOverABackEndWithItsOwnTransactions() throws Exception {
        Store local = new Store(root, Clock.systemUTC());
        OwnLockBackend records = new OwnLockBackend(new FileBackend(local));
        Workbench wb = new Workbench(local, records);
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/raw.csv"), "a,b\n1,2\n");

        Checkpoints.Created first = wb.checkpoints().create(List.of("data"), "raw", "as delivered");
        Files.writeString(root.resolve("data/raw.csv"), "a,b\n1,3\n");
        RunRecord run = wb.runs()
                .record(new RunRequest(
                        "python clean.py", "cleaning", null, 0, 10L, null, List.of("data/raw.csv"), null, null, null));
        wb.stages().execute("cleaning", List.of("data/raw.csv"));
        wb.rollback().rollback(first.name(), null, false, "the edit was a mistake");

        assertThat(Files.readString(root.resolve("data/raw.csv"))).isEqualTo("a,b\n1,2\n");
        assertThat(wb.runs().ids()).containsExactly(run.id());
        assertThat(wb.checkpoints().names()).hasSize(2); // the checkpoint and the rollback's safety checkpoint
        assertThat(wb.stages().status("cleaning").state()).isEqualTo(StageState.EXECUTED);
        assertThat(records.transactions.get()).isPositive(); // the records' own transactions were used
    }

    /** The file back end's records behind transactions of its own, as a database's would be. */
    private static final class OwnLockBackend implements Backend, Transactions {
        private final Backend files;
        private final ReentrantLock lock = new ReentrantLock();
        final AtomicInteger transactions = new AtomicInteger();

        OwnLockBackend(Backend files) {
            this.files = files;
        }

        @Override
        public <R> R transaction(Supplier<R> body) {
            lock.lock();
            try {
                transactions.incrementAndGet();
                return body.get();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Transactions transactions() {
            return this;
        }

        @Override
        public Path root() {
            return files.root();
        }

        @Override
        public Clock clock() {
            return files.clock();
        }

        @Override
        public boolean initialized() {
            return files.initialized();
        }

        @Override
        public ProjectRecord project() {
            return files.project();
        }

        @Override
        public ExperimentRecords experiments() {
            return files.experiments();
        }

        @Override
        public ClaimRecords claims() {
            return files.claims();
        }

        @Override
        public CheckpointManifests checkpoints() {
            return files.checkpoints();
        }

        @Override
        public RunRecords runs() {
            return files.runs();
        }

        @Override
        public StageFiles stages() {
            return files.stages();
        }

        @Override
        public EventLogs events() {
            return files.events();
        }

        @Override
        public SeriesLogs series() {
            return files.series();
        }

        @Override
        public ChangeFeed changes() {
            return files.changes();
        }
    }
}
