package dev.workbench.core.experiment;

/**
 * What was decided, and on what grounds; all three texts are needed to enter {@code decided}.
 *
 * @param choice   what was decided ({@code decision})
 * @param summary  {@code decisionSummary}
 * @param reason   {@code decisionReason}
 * @param override the failed gate the decision was taken over, when it was ({@code override})
 */
public record Decision(String choice, String summary, String reason, DecisionOverride override) {
    /** Nothing decided yet. */
    public static final Decision NONE = new Decision(null, null, null, null);

    public Decision withOverride(DecisionOverride newOverride) {
        return new Decision(choice, summary, reason, newOverride);
    }
}
