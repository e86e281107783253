package dev.workbench.core.experiment;

import java.util.List;

/**
 * The holdout plan of a launched experiment (the seed's {@code analysis-holdout.md}): after the launch a small share of
 * units stays on the control, and the effect is measured again at each of {@code checkAtDays} after
 * {@code launchedAt}, each time by a checkpoint experiment whose {@code parent} is this one. Not part of the frozen
 * contract: it is planned after the decision, and may be written on a decided record.
 *
 * @param percentage     the share of units held back on the control, in percent (0 < p < 50)
 * @param launchedAt     the launch day, {@code yyyy-mm-dd}
 * @param checkAtDays    the days after the launch to check at, ascending ({@code [30, 60, 90]} by default)
 * @param shippedVariant the treatment that was launched to everyone else
 */
public record Holdout(Double percentage, String launchedAt, List<Integer> checkAtDays, String shippedVariant) {
    /** The seed's checkpoints. */
    public static final List<Integer> DEFAULT_DAYS = List.of(30, 60, 90);

    public Holdout {
        checkAtDays = checkAtDays == null ? null : List.copyOf(checkAtDays);
    }
}
