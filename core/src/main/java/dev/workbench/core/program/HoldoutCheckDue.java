package dev.workbench.core.program;

/**
 * A holdout check that is due and not done: its day has come ({@code launchedAt + day ≤ today}) and its checkpoint has
 * no current analysis. {@code get-project} lists these.
 *
 * @param experiment the launched experiment
 * @param checkpoint the checkpoint experiment's slug
 * @param day        days after the launch
 * @param dueOn      {@code launchedAt + day}, {@code yyyy-mm-dd}
 * @param state      what is missing: {@code missing} (no such record), {@code stale} (analysed, but its data changed
 *                   since), {@code early} (analysed, but on data cut off before {@code dueOn}), else the checkpoint's
 *                   status ({@code draft}, {@code collecting}, …) with no analysis yet
 */
public record HoldoutCheckDue(String experiment, String checkpoint, int day, String dueOn, String state) {
    /** The checkpoint has no record. */
    public static final String MISSING = "missing";
    /** The checkpoint's stored analysis is not of its data. */
    public static final String STALE = "stale";
    /** The checkpoint's analysis is of data cut off before its day: the check is not done yet. */
    public static final String EARLY = "early";
}
