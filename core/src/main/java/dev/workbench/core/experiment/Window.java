package dev.workbench.core.experiment;

/**
 * The observation window, {@code yyyy-mm-dd} dates: when data starts to count and when it stopped.
 *
 * @param start {@code observationStart}; needed to start collecting
 * @param end   {@code observationEnd}; defaults to the day of the decision
 */
public record Window(String start, String end) {
    /** No dates set. */
    public static final Window OPEN = new Window(null, null);

    public Window withEnd(String newEnd) {
        return new Window(start, newEnd);
    }
}
