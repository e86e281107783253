package dev.workbench.core.program;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;

/**
 * What {@code upsert-claim} sends: the slug, and what to change. The statement is required when creating; a status
 * other than {@code open} is a person's decision ({@link Claims#upsert}). Each field is checked on its own here.
 */
public record ClaimInput(
        @JsonProperty(required = true) @JsonPropertyDescription("kebab-case id; experiments name it as their claim")
        String slug,

        @JsonPropertyDescription("what is claimed, in plain words; required when creating")
        String statement,

        @JsonPropertyDescription("open (the agent's) | supported | refuted | mixed (a person approves these)")
        Claim.Status status,

        @JsonPropertyDescription("apply only if the stored revision is this (0: only if new); else CONFLICT")
        Long expectedRevision,

        @JsonPropertyDescription("why: shown to the person asked, and kept in the activity feed")
        String feedback) {

    public ClaimInput {
        Check.slug(slug, "slug");
        Check.text(statement, "statement");
        if (expectedRevision != null) {
            Check.atLeast(expectedRevision, 0, "expectedRevision");
        }
        Check.text(feedback, "feedback");
    }
}
