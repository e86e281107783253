package dev.workbench.core.program;

import dev.workbench.core.experiment.Experiments;

/**
 * The holdouts of launched experiments: their checkpoint experiments and the trend those show. Built by the
 * Holdouts part of the Program issue; the other parts (claims' roll-up, the clean result) read {@link #report}.
 */
public final class Holdouts {
    private final Experiments experiments;

    public Holdouts(Experiments experiments) {
        this.experiments = experiments;
    }

    /**
     * The holdout report of the launched experiment {@code slug}: its final analysis beside each checkpoint's, and
     * their trend. {@code NOT_FOUND} when there is no such experiment, {@code INVALID_INPUT} (naming {@code slug})
     * when it has no holdout plan.
     */
    public HoldoutReport report(String slug) {
        throw new UnsupportedOperationException(
                "the Holdouts part builds this: " + experiments.get(slug).slug());
    }
}
