package dev.workbench.core.project;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;

/**
 * A change to the project: any of its fields, one area's state, and/or an activity entry. Fields left out
 * keep their stored value (patch semantics). With {@code expectedRevision} the change applies only to that
 * revision of {@code status.json}.
 */
public record ProjectUpdate(
        String name,
        String hypothesis,
        String primaryMetric,
        String stage,
        String lastAction,
        Area area,
        Activity activity,

        @JsonPropertyDescription("apply only if status.json is at this revision; else CONFLICT")
        Long expectedRevision) {

    /** An area's new state; {@code mode}, {@code nextMode} and {@code reviewSurface} left out keep their value. */
    public record Area(
            @JsonProperty(required = true) String name,
            Mode mode,
            Mode nextMode,

            @JsonPropertyDescription("what a reviewer looks at to judge the area")
            String reviewSurface) {
        public Area {
            Check.word(name, "area.name");
            Check.text(reviewSurface, "area.reviewSurface");
        }
    }

    /** An entry for the activity feed, written as given. */
    public record Activity(
            @JsonProperty(required = true) @JsonPropertyDescription("a dotted name, e.g. data.cleaned")
            String type,

            @JsonProperty(required = true) String title,
            String detail) {
        public Activity {
            Check.word(type, "activity.type");
            Check.requiredText(title, "activity.title");
            Check.text(detail, "activity.detail");
        }
    }

    public ProjectUpdate {
        Check.text(name, "name", Check.MAX_NAME * 4);
        Check.text(hypothesis, "hypothesis");
        Check.text(primaryMetric, "primaryMetric", Check.MAX_NAME * 4);
        Check.text(stage, "stage", Check.MAX_NAME);
        Check.text(lastAction, "lastAction");
        if (expectedRevision != null) {
            Check.atLeast(expectedRevision, 0, "expectedRevision");
        }
        if (name == null
                && hypothesis == null
                && primaryMetric == null
                && stage == null
                && lastAction == null
                && area == null
                && activity == null) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "nothing to update: give at least one of name, "
                            + "hypothesis, primaryMetric, stage, lastAction, area, activity");
        }
    }

    boolean changesState() {
        return name != null
                || hypothesis != null
                || primaryMetric != null
                || stage != null
                || lastAction != null
                || area != null;
    }
}
