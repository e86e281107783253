package dev.workbench.core.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.workbench.core.Check;

/** One check of a review: what was checked, whether it passed, and what was seen. */
public record StageCheck(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) Boolean passed,
        String detail) {
    public StageCheck {
        Check.requiredText(name, "checks[].name");
        Check.required(passed, "checks[].passed");
        Check.text(detail, "checks[].detail");
    }
}
