package dev.workbench.core.store.file;

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

/** The records as plain files under {@code <root>/.aw/}, which people read and edit as they are. */
public final class FileBackend implements Backend {
    private final Store store;
    private final ProjectRecord project;
    private final ExperimentRecords experiments;
    private final ClaimRecords claims;
    private final CheckpointManifests checkpoints;
    private final RunRecords runs;
    private final StageFiles stages;
    private final EventLogs events;
    private final SeriesLogs series;
    private final ChangeFeed changes;

    public FileBackend(Store store) {
        this.store = store;
        this.project = new FileProjectRecord(store);
        this.experiments = new FileExperimentRecords(store);
        this.claims = new FileClaimRecords(store);
        this.checkpoints = new FileCheckpointManifests(store);
        this.runs = new FileRunRecords(store);
        this.stages = new FileStageFiles(store);
        this.events = new FileEventLogs(store);
        this.series = new FileSeriesLogs(store);
        this.changes = new FileChangeFeed(store);
    }

    /** The file store underneath, for what stays in files whatever the back end (checkpoint content, run state). */
    public Store store() {
        return store;
    }

    @Override
    public Path root() {
        return store.root();
    }

    @Override
    public Clock clock() {
        return store.clock();
    }

    @Override
    public String now() {
        return store.now();
    }

    @Override
    public boolean initialized() {
        return store.initialized();
    }

    @Override
    public Transactions transactions() {
        return store;
    }

    @Override
    public ProjectRecord project() {
        return project;
    }

    @Override
    public ExperimentRecords experiments() {
        return experiments;
    }

    @Override
    public ClaimRecords claims() {
        return claims;
    }

    @Override
    public CheckpointManifests checkpoints() {
        return checkpoints;
    }

    @Override
    public RunRecords runs() {
        return runs;
    }

    @Override
    public StageFiles stages() {
        return stages;
    }

    @Override
    public EventLogs events() {
        return events;
    }

    @Override
    public SeriesLogs series() {
        return series;
    }

    @Override
    public ChangeFeed changes() {
        return changes;
    }
}
