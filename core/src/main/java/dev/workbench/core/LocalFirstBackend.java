package dev.workbench.core;

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
import dev.workbench.core.workspace.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * A back end whose transactions also hold the local store's lock, taken first. Checkpoints, rollback, runs and stages
 * write local content (objects, the stat cache) in the same step as their records, and the local store refuses a
 * write outside its own transaction; taking the two locks always in this order keeps two writers from waiting on
 * each other. The file back end over the same store needs none of this: its transactions are that lock.
 */
final class LocalFirstBackend implements Backend, Transactions {
    private final Store local;
    private final Backend records;

    private LocalFirstBackend(Store local, Backend records) {
        this.local = local;
        this.records = records;
    }

    /** {@code records} itself when its transactions are {@code local}'s lock, else both locks in one. */
    static Backend of(Store local, Backend records) {
        return records.transactions() == local ? records : new LocalFirstBackend(local, records);
    }

    @Override
    public <R> R transaction(Supplier<R> body) {
        return local.transaction(() -> records.transactions().transaction(body));
    }

    @Override
    public Transactions transactions() {
        return this;
    }

    @Override
    public Path root() {
        return records.root();
    }

    @Override
    public Clock clock() {
        return records.clock();
    }

    @Override
    public String now() {
        return records.now();
    }

    @Override
    public boolean initialized() {
        return records.initialized();
    }

    @Override
    public ProjectRecord project() {
        return records.project();
    }

    @Override
    public ExperimentRecords experiments() {
        return records.experiments();
    }

    @Override
    public ClaimRecords claims() {
        return records.claims();
    }

    @Override
    public CheckpointManifests checkpoints() {
        return records.checkpoints();
    }

    @Override
    public RunRecords runs() {
        return records.runs();
    }

    @Override
    public StageFiles stages() {
        return records.stages();
    }

    @Override
    public EventLogs events() {
        return records.events();
    }

    @Override
    public SeriesLogs series() {
        return records.series();
    }

    @Override
    public ChangeFeed changes() {
        return records.changes();
    }
}
