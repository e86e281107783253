package dev.workbench.core.program;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.experiment.Holdout;
import java.util.List;

/**
 * What {@code plan-holdout} sends: the launched experiment and its holdout plan (the seed's
 * {@code analysis-holdout.md}: "keep a small holdout group on the old version … re-run analysis at 30, 60, and 90
 * days"). Each field is checked here on its own; what depends on the record (the treatments, the observation end) is
 * checked by {@link HoldoutPlanner}.
 *
 * @param slug             the decided experiment that was launched
 * @param percentage       the share of units kept on the control, in percent, 0 < p < 50
 * @param launchedAt       the launch day
 * @param checkAtDays      days after the launch to check at; {@link Holdout#DEFAULT_DAYS} when absent
 * @param shippedVariant   the treatment launched; the only treatment when absent
 * @param expectedRevision apply only if the launched experiment's record is at this revision
 */
public record HoldoutRequest(
        @JsonProperty(required = true) @JsonPropertyDescription("the decided experiment that was launched")
        String slug,

        @JsonProperty(required = true)
        @JsonPropertyDescription("percent of units kept on the control after the launch, 0 < p < 50 (the seed: 5)")
        Double percentage,

        @JsonProperty(required = true)
        @JsonPropertyDescription("the launch day, yyyy-mm-dd, on or after the experiment's observationEnd")
        String launchedAt,

        @JsonPropertyDescription(
                "days after the launch to check at: ascending, 1 to 3650, at most 10 (default [30, 60, 90])")
        List<Integer> checkAtDays,

        @JsonPropertyDescription("the treatment launched; required when there are several, else the only one")
        String shippedVariant,

        @JsonPropertyDescription("apply only if the launched experiment is at this revision; else CONFLICT")
        Long expectedRevision) {

    /** The longest plan: ten checkpoints. */
    public static final int MAX_DAYS = 10;
    /** The farthest checkpoint: ten years after the launch. */
    public static final int MAX_DAY = 3650;
    /** A holdout keeps fewer units on the control than the launch gives the treatment: below half. */
    public static final double MAX_PERCENTAGE = 50;

    public HoldoutRequest {
        Check.slug(slug, "slug");
        Check.required(percentage, "percentage");
        Check.finite(percentage, "percentage");
        if (!(percentage > 0 && percentage < MAX_PERCENTAGE)) {
            throw Check.invalid("percentage", "a percentage above 0 and below 50 (the seed keeps 5)", percentage);
        }
        launchedAt = Check.date(Check.required(launchedAt, "launchedAt"), "launchedAt");
        checkAtDays = days(checkAtDays);
        if (shippedVariant != null) {
            Check.word(shippedVariant, "shippedVariant");
        }
        if (expectedRevision != null) {
            Check.atLeast(expectedRevision, 1, "expectedRevision");
        }
    }

    private static List<Integer> days(List<Integer> days) {
        if (days == null) {
            return Holdout.DEFAULT_DAYS;
        }
        if (days.isEmpty() || days.size() > MAX_DAYS) {
            throw Check.invalid("checkAtDays", "1 to " + MAX_DAYS + " days", days.size());
        }
        int previous = 0;
        for (int i = 0; i < days.size(); i++) {
            String field = "checkAtDays[" + i + "]";
            Integer day = Check.required(days.get(i), field);
            if (day < 1 || day > MAX_DAY) {
                throw Check.invalid(field, "a day from 1 to " + MAX_DAY + " after the launch", day);
            }
            if (day <= previous) {
                throw Check.invalid(field, "a day after " + previous + " (days strictly ascending)", day);
            }
            previous = day;
        }
        return List.copyOf(days);
    }
}
