package dev.workbench.core;

import dev.workbench.core.checkpoint.Checkpoints;
import dev.workbench.core.checkpoint.Rollback;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.journal.Journal;
import dev.workbench.core.metrics.JdbcSources;
import dev.workbench.core.metrics.Sources;
import dev.workbench.core.program.Claims;
import dev.workbench.core.program.CleanResults;
import dev.workbench.core.program.FollowUps;
import dev.workbench.core.program.Holdouts;
import dev.workbench.core.program.Learnings;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.project.Project;
import dev.workbench.core.review.Plans;
import dev.workbench.core.review.SignedStatements;
import dev.workbench.core.review.SshSignatures;
import dev.workbench.core.review.Stages;
import dev.workbench.core.run.Runs;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.file.FileBackend;
import dev.workbench.core.workspace.Store;
import java.nio.file.Path;
import java.time.Clock;

/** Everything the workbench keeps for one root folder, wired once. Cheap to build: nothing is read until asked. */
public final class Workbench {
    private final Store store;
    private final Backend backend;
    private final ActivityLog activity;
    private final Project project;
    private final Experiments experiments;
    private final Journal journal;
    private final Checkpoints checkpoints;
    private final Rollback rollback;
    private final Runs runs;
    private final Stages stages;
    private final Plans plans;
    private final Sources sources;
    private final Holdouts holdouts;
    private final Learnings learnings;
    private final FollowUps followUps;
    private final Claims claims;

    /** The workbench of {@code root}, its records in plain files under {@code .aw/}. */
    public Workbench(Path root, Clock clock) {
        this(new Store(root, clock));
    }

    private Workbench(Store store) {
        this(store, new FileBackend(store));
    }

    /**
     * The workbench over another back end: {@code records} holds the records (and serialises their writers), while
     * {@code local} keeps what stays in files on this machine whatever holds the records: checkpoint content
     * ({@code .aw/objects}), the stat cache, the hooks' run state, the capture configuration.
     */
    public Workbench(Store local, Backend records) {
        this.store = local;
        Backend backend = LocalFirstBackend.of(local, records);
        this.backend = backend;
        Clock clock = backend.clock();
        this.activity = new ActivityLog(backend.events(), clock);
        this.project = new Project(backend.transactions(), backend.project(), clock, activity);
        this.experiments = new Experiments(
                backend,
                project,
                activity,
                (at, kind, context, options, chosen, rationale, slug) ->
                        Journal.record(backend.events(), at, kind, context, options, chosen, rationale, slug));
        this.journal = new Journal(backend.transactions(), backend.events(), clock, experiments, activity);
        this.checkpoints = new Checkpoints(backend, store, activity);
        this.rollback = new Rollback(backend, store, checkpoints, journal, activity);
        this.runs = new Runs(backend, experiments, activity);
        this.stages = new Stages(store, backend, activity, slug -> new CleanResults(this).document(slug));
        this.plans = new Plans(backend, activity);
        this.sources = new JdbcSources(local.root());
        this.learnings = new Learnings(experiments, backend::now);
        this.followUps = new FollowUps(backend.transactions(), experiments, activity, backend::now);
        this.holdouts = new Holdouts(experiments, backend.transactions(), backend.series(), clock);
        this.claims = new Claims(
                backend,
                experiments,
                holdouts,
                activity,
                new SignedStatements(backend.stages(), SshSignatures.system()));
    }

    public Workbench(Path root) {
        this(root, Clock.systemUTC());
    }

    /** The data sources metrics are collected from; no driver is loaded until a query runs. */
    public Sources sources() {
        return sources;
    }

    public Store store() {
        return store;
    }

    public Backend backend() {
        return backend;
    }

    public ActivityLog activity() {
        return activity;
    }

    public Project project() {
        return project;
    }

    public Experiments experiments() {
        return experiments;
    }

    public Journal journal() {
        return journal;
    }

    public Checkpoints checkpoints() {
        return checkpoints;
    }

    public Rollback rollback() {
        return rollback;
    }

    public Runs runs() {
        return runs;
    }

    public Stages stages() {
        return stages;
    }

    /** The stages' plans with their versions (write-plan). */
    public Plans plans() {
        return plans;
    }

    /** Launched experiments' holdout checkpoints and their trends. */
    public Holdouts holdouts() {
        return holdouts;
    }

    /** What was learned from each experiment (record-learning). */
    public Learnings learnings() {
        return learnings;
    }

    /** Follow-up drafts proposed from an experiment's result and learning (propose-follow-ups). */
    public FollowUps followUps() {
        return followUps;
    }

    /** The claims of the program, their roll-ups and a person's decisions on them. */
    public Claims claims() {
        return claims;
    }
}
