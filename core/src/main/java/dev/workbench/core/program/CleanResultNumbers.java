package dev.workbench.core.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The numbers of an experiment's clean result, read from the stored {@code analysisResult} of whichever engine wrote
 * it ({@code core/stats/report}: {@code BayesianResult}, {@code FrequentistResult}, {@code BanditResult}) and never
 * computed again: a reader can find each one in the record. What an older record lacks is null.
 *
 * @param engine     the stored result's {@code type}: {@code bayesian}, {@code frequentist} or {@code bandit}
 * @param computedAt when the analysis ran, ISO-8601 UTC
 * @param stale      the record's {@code analysisStale}: the data changed since the analysis
 * @param metrics    the primary metric, then each guardrail; empty for a bandit
 * @param bandit     the bandit's round; null for the A/B engines
 * @param srm        the sample ratio check; null when the result has none
 * @param sample     the minimum sample check; null for a bandit or an older record
 * @param checks     {@code checks}; null on an analysis stored before the Integrity rules
 * @param settings   the frequentist test's settings; null for the other engines
 */
public record CleanResultNumbers(
        String engine,
        String computedAt,
        boolean stale,
        List<Metric> metrics,
        Bandit bandit,
        Srm srm,
        Sample sample,
        Checks checks,
        Settings settings) {

    public CleanResultNumbers {
        metrics = List.copyOf(metrics);
    }

    /** The primary metric's section, or null (a bandit, or a record whose analysis has none). */
    public Metric primary() {
        return metrics.stream().filter(m -> !m.guardrail()).findFirst().orElse(null);
    }

    /**
     * One metric of the analysis.
     *
     * @param metricType {@code proportion}, {@code continuous} or {@code ratio}
     * @param inverse    lower is better
     * @param verdict    as the checks gate it
     * @param rawVerdict what the numbers alone say; null on older records
     * @param variants   a row per variant, control first
     * @param effects    one per treatment
     */
    public record Metric(
            String event,
            boolean guardrail,
            String metricType,
            boolean inverse,
            String verdict,
            String rawVerdict,
            List<Arm> variants,
            List<Effect> effects) {
        public Metric {
            variants = List.copyOf(variants);
            effects = List.copyOf(effects);
        }
    }

    /** A variant's units and, as stored (rounded for people), its rate or mean. */
    public record Arm(String variant, Long n, Long conversions, Double rate, Double mean) {}

    /**
     * A treatment against the control, unrounded where the result keeps comparisons. Relative values: 0.12 is +12 %.
     *
     * @param error          why the comparison failed ({@code ZERO_SAMPLE_SIZE}, …), or null
     * @param lift           the relative lift ({@code relative_change})
     * @param observedLift   the data-only lift, when a prior moved it ({@code observed_relative_change})
     * @param ciLower        the lower end of the interval (95 %, or 1 − alpha for the frequentist test)
     * @param chanceToWin    the Bayesian chance that the treatment is better
     * @param pHarm          on a Bayesian guardrail, the chance that the treatment is worse
     * @param riskCtrl       expected loss of keeping the control
     * @param riskTrt        expected loss of shipping the treatment
     * @param pValue         the frequentist two-sided p-value
     * @param pValueAdjusted after the correction across treatments, or null
     * @param significant    the frequentist decision at alpha
     * @param priorApplied   whether the Bayesian prior moved this lift
     */
    public record Effect(
            String variant,
            String error,
            Double lift,
            Double observedLift,
            Double ciLower,
            Double ciUpper,
            Double chanceToWin,
            Double pHarm,
            Double riskCtrl,
            Double riskTrt,
            Double pValue,
            Double pValueAdjusted,
            Boolean significant,
            boolean priorApplied) {}

    /**
     * A bandit round.
     *
     * @param arms      control first
     * @param stopMet   whether the best arm's P(best) reached the threshold
     * @param bestArm   the arm most likely best, or null
     * @param pBest     its P(best), or null
     * @param threshold the stop threshold
     */
    public record Bandit(
            String metric,
            boolean inverse,
            String algorithm,
            String updateMessage,
            List<BanditArm> arms,
            boolean stopMet,
            String bestArm,
            Double pBest,
            Double threshold) {
        public Bandit {
            arms = List.copyOf(arms);
        }
    }

    /** One arm: its units, its posterior mean, P(best) and the weight this round set (null during burn-in). */
    public record BanditArm(String arm, Long units, Double mean, Double pBest, Double weight) {}

    /** {@code srm}: the χ² p-value and whether it passed; both null when it was not computed. */
    public record Srm(Double pValue, Boolean ok, Map<String, Long> observed) {}

    /** {@code sample_check}: the minimum per variant and whether every variant reached it. */
    public record Sample(Long minimumPerVariant, Boolean ok, Map<String, Long> variants) {}

    /** {@code checks}: whether the numbers may be read, and the reasons they may not. */
    public record Checks(boolean srmOk, boolean sampleOk, boolean interpretable, List<String> reasons) {
        public Checks {
            reasons = List.copyOf(reasons);
        }

        /** Why the numbers may not be read: the stored reasons, or, when an older result has none, its flags. */
        public List<String> failed() {
            if (!reasons.isEmpty()) {
                return reasons;
            }
            List<String> failed = new ArrayList<>();
            if (!srmOk) {
                failed.add("sample ratio mismatch");
            }
            if (!sampleOk) {
                failed.add("not enough data");
            }
            return failed;
        }
    }

    /** The frequentist test's settings. */
    public record Settings(Double alpha, boolean sequential, String correction) {}
}
