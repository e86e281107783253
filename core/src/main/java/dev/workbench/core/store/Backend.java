package dev.workbench.core.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where the workbench keeps its records: the ports services use, and the unit of work they share. Today's
 * implementation is {@link dev.workbench.core.store.file.FileBackend} (plain files under {@code .aw/}); another
 * back end implements these interfaces and passes the same contract tests (core's {@code store} test package),
 * without a change to services, tools or resources.
 *
 * <p>The project's own files (data, scripts, the runbook) and the content of checkpoints stay in the project
 * folder whatever holds the records: they are what the workbench protects, not what it remembers.
 */
public interface Backend {
    /** The project root, as a real path. */
    Path root();

    Clock clock();

    /** Current time, to the millisecond, as ISO-8601 UTC: how every record is stamped. */
    default String now() {
        return now(clock());
    }

    /** {@code clock}'s current time, to the millisecond, as ISO-8601 UTC. */
    static String now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Whether anything was ever recorded for this root. */
    boolean initialized();

    Transactions transactions();

    ProjectRecord project();

    ExperimentRecords experiments();

    /** The claims of the program, each a statement its experiments bear on. */
    ClaimRecords claims();

    CheckpointManifests checkpoints();

    RunRecords runs();

    StageFiles stages();

    EventLogs events();

    /** The per-day metric series of each experiment, one entry per collection. */
    SeriesLogs series();

    ChangeFeed changes();
}
