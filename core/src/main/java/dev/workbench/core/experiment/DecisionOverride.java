package dev.workbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import java.util.List;

/**
 * A decision taken although the decision gate failed, kept on the record and in the journal.
 *
 * @param reason       why the decision was taken anyway, as the caller gave it
 * @param at           when, ISO-8601 UTC
 * @param failedChecks what the gate found: the failed checks ({@code srm_ok}, {@code sample_ok}), or
 *                     {@code analysis missing} / {@code analysis stale} / {@code analysis without checks}
 */
public record DecisionOverride(String reason, String at, List<String> failedChecks) {

    /** What a caller sends with {@code status: decided} to decide although the gate fails. */
    public record Request(
            @JsonProperty(required = true)
            @JsonPropertyDescription(
                    "why the decision is taken although the analysis is stale or its checks failed; journaled")
            String reason) {
        public Request {
            Check.requiredText(reason, "override.reason");
        }
    }
}
