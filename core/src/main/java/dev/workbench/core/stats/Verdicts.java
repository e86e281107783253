package dev.workbench.core.stats;

import java.util.List;
import java.util.StringJoiner;

/** The plain-language verdicts of CONTRACT §6, from unrounded probabilities. */
final class Verdicts {
    static final String NO_DATA = "no data";
    static final String DO_NOT_INTERPRET = "do not interpret: ";

    private Verdicts() {}

    /**
     * The chance to win a treatment needs for a strong signal, from the experiment-workspace skill's table
     * (CONTRACT §6 as amended): 0.95 with one treatment (2 arms); with K ≥ 3 arms, control included, 1 − 0.05/K
     * (0.98333… for 3 arms, 0.99 for 5), a Bonferroni split of a 5% error budget over the arms (Dunn, "Multiple
     * Comparisons Among Means", JASA 56, 1961).
     *
     * @param treatments T, the number of treatments compared with the one control
     */
    static double winThreshold(int treatments) {
        if (treatments <= 1) {
            return 0.95;
        }
        return 1.0 - 0.05 / (treatments + 1);
    }

    /** Primary metric: ≥ threshold strong, ≥ 0.80 leaning treatment, ≤ 1 − threshold harmful, ≤ 0.20 leaning control. */
    static String primary(double chanceToWin, double threshold) {
        if (chanceToWin >= threshold) {
            return "strong signal → adopt treatment";
        }
        if (chanceToWin >= 0.80) {
            return "leaning treatment";
        }
        if (chanceToWin <= 1.0 - threshold) {
            return "treatment appears harmful";
        }
        if (chanceToWin <= 0.20) {
            return "leaning control";
        }
        return "inconclusive";
    }

    /**
     * Guardrail, from p_harm = 1 − chance to win, read as the skill's decision guide reads it (guardrails detect harm,
     * they do not confirm lift): ≥ 0.95 strong harm, ≥ 0.80 possible harm, ≤ 0.20 likely improved (not a decision
     * signal), else no detectable effect.
     */
    static String guardrail(double pHarm) {
        if (pHarm >= 0.95) {
            return "guardrail strong harm — do not ship until understood";
        }
        if (pHarm >= 0.80) {
            return "guardrail possible harm — investigate before shipping";
        }
        if (pHarm <= 0.20) {
            return "guardrail likely improved — not a decision signal";
        }
        return "guardrail no detectable effect";
    }

    /**
     * The verdict a metric section shows when a check failed: {@code do not interpret: } and the reasons joined with
     * {@code ; }; the numbers' own verdict when every check passed.
     */
    static String gated(String raw, Checks checks) {
        return checks.interpretable() ? raw : DO_NOT_INTERPRET + String.join("; ", checks.reasons());
    }

    /**
     * A metric's verdict: one per successful comparison, prefixed {@code <variant>: } and joined with {@code ; }
     * when there are several treatments; {@code no data} when none succeeded.
     */
    static String metric(List<Comparison> comparisons, boolean guardrail, double threshold) {
        boolean prefix = comparisons.size() > 1;
        StringJoiner joined = new StringJoiner("; ");
        for (Comparison c : comparisons) {
            if (!c.succeeded()) {
                continue;
            }
            String verdict = guardrail
                    ? guardrail(c.summary().chanceToLose())
                    : primary(c.summary().chanceToWin(), threshold);
            joined.add(prefix ? c.variant() + ": " + verdict : verdict);
        }
        return joined.length() == 0 ? NO_DATA : joined.toString();
    }
}
