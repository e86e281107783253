package dev.workbench.core.program;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import java.util.List;

/**
 * What {@code propose-follow-ups} sends: the experiment to follow from, the hypotheses of its follow-ups (one to
 * three; by default the latest learning's {@code nextHypothesis}), and whether they would re-read its data.
 */
public record FollowUpRequest(
        @JsonProperty(required = true)
        @JsonPropertyDescription("the experiment to follow from: analysed (analyzing), decided or archived")
        String slug,

        @JsonPropertyDescription(
                "one to three hypotheses, one draft each; default: the nextHypothesis of the slug's latest learning")
        List<String> hypotheses,

        @JsonPropertyDescription(
                "true when the follow-ups would re-read the parent's data: then no prior is taken from it (it would count the data twice); default false")
        Boolean reuseData) {

    /** The most follow-ups one call proposes. */
    public static final int MAX_FOLLOW_UPS = 3;

    public FollowUpRequest {
        Check.slug(slug, "slug");
        if (hypotheses != null) {
            if (hypotheses.isEmpty() || hypotheses.size() > MAX_FOLLOW_UPS) {
                throw Check.invalid(
                        "hypotheses", "1 to " + MAX_FOLLOW_UPS + " hypotheses", hypotheses.size() + " entries");
            }
            for (int i = 0; i < hypotheses.size(); i++) {
                Check.requiredText(hypotheses.get(i), "hypotheses[" + i + "]");
            }
            hypotheses = List.copyOf(hypotheses);
        }
    }

    /** Whether the follow-ups would re-read the parent's data. */
    public boolean reusesData() {
        return Boolean.TRUE.equals(reuseData);
    }
}
