package dev.workbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;

/**
 * One line of an experiment list: enough to pick one to open with {@code get-experiment}. A record that cannot
 * be read is listed with its slug and {@code problem}, so one damaged file does not hide the others.
 */
public record ExperimentSummary(
        String slug,
        Status status,
        Method method,
        String primaryMetricEvent,
        String claim,

        @JsonPropertyDescription("the experiment this one follows from (a follow-up, or a holdout checkpoint)")
        String parent,

        String decision,

        @JsonPropertyDescription("true when inputData changed since the stored analysis; absent without an analysis")
        Boolean analysisStale,

        long revision,
        String updatedAt,
        String problem) {

    /** Long texts are cut in a list; the whole record is one get-experiment away. */
    static final int MAX_TEXT = 200;

    static ExperimentSummary of(Experiment e) {
        return new ExperimentSummary(
                e.slug(),
                e.status(),
                e.contract().method(),
                e.contract().primaryMetricEvent(),
                Check.cut(e.claim(), MAX_TEXT),
                e.parent(),
                Check.cut(e.decision().choice(), MAX_TEXT),
                e.analysisStale(),
                e.revision(),
                e.stamp().updatedAt(),
                null);
    }

    static ExperimentSummary unreadable(String slug, String problem) {
        return new ExperimentSummary(slug, null, null, null, null, null, null, null, 0, null, problem);
    }
}
