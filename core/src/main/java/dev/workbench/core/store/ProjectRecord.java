package dev.workbench.core.store;

import dev.workbench.core.project.ProjectState;
import java.util.Optional;

/** The one project status record: the question worked on and the state of each area. */
public interface ProjectRecord {
    /** The status as last written; empty when none was ever written. */
    Optional<ProjectState> read();

    /** Replaces the status, whole. Must run inside a transaction ({@link Transactions}). */
    void write(ProjectState state);
}
