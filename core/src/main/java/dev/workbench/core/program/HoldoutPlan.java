package dev.workbench.core.program;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.experiment.Status;
import java.util.List;

/**
 * What {@code plan-holdout} answers: the plan as stored on the launched experiment and what became of each checkpoint
 * experiment.
 *
 * @param slug        the launched experiment
 * @param holdout     its holdout plan, defaults filled in
 * @param changed     whether anything was written (false when the same plan was already in place)
 * @param checkpoints one per planned day, ascending
 * @param notPlanned  draft checkpoints of days an earlier plan had and this one drops: kept, not deleted (a person may
 *                    have written into them); they are not listed as due or reported by {@code analyze-holdout}
 */
public record HoldoutPlan(
        String slug,
        Holdout holdout,
        boolean changed,
        List<Planned> checkpoints,

        @JsonPropertyDescription("draft checkpoints of days no longer planned: kept, no longer reported")
        List<String> notPlanned) {

    public HoldoutPlan {
        checkpoints = List.copyOf(checkpoints);
        notPlanned = List.copyOf(notPlanned);
    }

    /** What this call did to a checkpoint. */
    public enum Action {
        @JsonProperty("created")
        CREATED,
        /** A draft re-filled from a changed plan. */
        @JsonProperty("updated")
        UPDATED,
        @JsonProperty("unchanged")
        UNCHANGED
    }

    /**
     * One checkpoint experiment.
     *
     * @param slug   {@code <parent>-holdout-<day>d}
     * @param day    days after the launch
     * @param dueOn  its observation end, {@code launchedAt + day}: when it can be collected and analysed
     * @param status its lifecycle status
     * @param action what this call did to it
     */
    public record Planned(String slug, int day, String dueOn, Status status, Action action) {}
}
