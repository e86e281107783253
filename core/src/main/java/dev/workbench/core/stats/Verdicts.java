package dev.workbench.core.stats;

import java.util.List;
import java.util.StringJoiner;

/** The plain-language verdicts of CONTRACT §6, from unrounded probabilities. */
final class Verdicts {
    static final String NO_DATA = "no data";

    private Verdicts() {
    }

    /**
     * The chance to win a treatment needs for a strong signal when T treatments are compared with one control:
     * 1 − 0.05/T, a Bonferroni split of a 5% error budget (Dunn, "Multiple Comparisons Among Means", JASA 56, 1961).
     */
    static double winThreshold(int treatments) {
        return 1.0 - 0.05 / treatments;
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

    /** Guardrail, from p_harm = 1 − chance to win: &lt; 0.1 healthy, &lt; 0.3 borderline, else alarm. */
    static String guardrail(double pHarm) {
        if (pHarm < 0.1) {
            return "guardrail healthy";
        }
        if (pHarm < 0.3) {
            return "guardrail borderline — monitor";
        }
        return "guardrail ALARM — possible regression";
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
