package dev.workbench.core.store;

import java.util.Objects;

/**
 * One thing a back end says may have changed, in the services' terms, not in files: what a resource view
 * listens to ({@link ChangeFeed}). A missed change is a bug and an extra one is harmless.
 *
 * @param kind what changed
 * @param key  which one: a slug (experiment, claim), a run id, a checkpoint name, {@code area}, {@code experiment:<slug>} or
 *             either with {@code /file} for a stage;
 *             empty for the singletons (project, journal, activity, runbook, approval policy)
 */
public record Change(Kind kind, String key) {
    public enum Kind {
        /** The project status. */
        PROJECT,
        JOURNAL,
        ACTIVITY,
        /** The runbook file in the project root. */
        RUNBOOK,
        /** Who may approve (policy or signers): every stage's derived state. */
        APPROVAL_POLICY,
        /** An experiment record; key = slug. */
        EXPERIMENT,
        /** A claim of the program; key = slug. */
        CLAIM,
        /** An experiment's analysis history; key = slug. */
        ANALYSES,
        /** A run record, or anything stored beside them; key = its name. */
        RUN,
        /** A checkpoint manifest; key = its name ({@code NN_operation}). */
        CHECKPOINT,
        /**
         * A stage's files; key = the stage's key ({@code area} or {@code experiment:<slug>}: the whole stage), or
         * that key, '/', and the file ({@code area/status.json}, {@code experiment:<slug>/plans/v2.md}).
         */
        STAGE
    }

    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    public static Change of(Kind kind) {
        return new Change(kind, "");
    }
}
