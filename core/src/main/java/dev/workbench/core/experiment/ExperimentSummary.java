package dev.workbench.core.experiment;

/** One line of an experiment list: enough to pick one to open with {@code get-experiment}. */
public record ExperimentSummary(
        String slug,
        Status status,
        Method method,
        String primaryMetricEvent,
        String claim,
        String decision,
        long revision,
        String updatedAt) {

    static ExperimentSummary of(Experiment e) {
        return new ExperimentSummary(e.slug(), e.status(), e.method(), e.primaryMetricEvent(), e.claim(),
                e.decision(), e.revision(), e.updatedAt());
    }
}
