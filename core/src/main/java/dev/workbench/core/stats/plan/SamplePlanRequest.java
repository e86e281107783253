package dev.workbench.core.stats.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;

/**
 * What {@code plan-sample-size} is asked: a baseline (or none, for the seed's fallback chain), the relative lift to
 * detect, the error rates, the arms and the design. The compact constructor is the one place the input is checked;
 * every refusal is {@code INVALID_INPUT} (or {@code NON_FINITE_INPUT}) naming the field. Nulls take the defaults.
 */
public record SamplePlanRequest(
        @JsonPropertyDescription("the primary metric today: {rate} for a proportion, or {mean, stddev}; leave it out "
                + "to fall back on the seed's metric-type table, then 1,000")
        Baseline baseline,

        @JsonPropertyDescription("the relative lift to detect, > 0 (0.05 = +5%); required with a baseline")
        Double mde,

        @JsonPropertyDescription(
                "two-sided false-positive rate, 0 < alpha < 0.5 as analyze-frequentist takes it; default 0.05")
        Double alpha,

        @JsonPropertyDescription("the chance to detect a true lift of mde, in [0.5, 1); default 0.8")
        Double power,

        @JsonPropertyDescription("variants including the control, ≥ 2; default 2")
        Integer arms,

        @JsonPropertyDescription("size for sequential testing (peeking-safe confidence sequences); default false")
        Boolean sequential,

        @JsonPropertyDescription("N*, units of the two arms compared where the sequence is tightest; default 5000; "
                + "only with sequential: true")
        Long sequentialTuning,

        @JsonPropertyDescription("units entering the experiment per day, all arms together; gives days")
        Long dailyUnits,

        @JsonPropertyDescription("without a baseline: the seed's metric type (cta, signup, purchase, engagement, "
                + "inverse) picks its suggested floor")
        SeedSizing.MetricType metricType,

        @JsonPropertyDescription("the analysis' correction across treatments: none (default), holm or "
                + "benjamini-hochberg; with more than one treatment either plans at alpha/(arms − 1)")
        Correction correction) {

    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_POWER = 0.8;
    public static final int DEFAULT_ARMS = 2;
    public static final long DEFAULT_TUNING = 5000;
    public static final int MAX_ARMS = 100;

    /** {rate} or {mean, stddev}. */
    public record Baseline(
            @JsonPropertyDescription("conversion rate of the control, in (0, 1)")
            Double rate,

            @JsonPropertyDescription("mean per unit of the control, ≠ 0")
            Double mean,

            @JsonPropertyDescription("standard deviation per unit, > 0")
            Double stddev) {
        public Baseline {
            if (rate != null && (mean != null || stddev != null)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        (mean != null ? "baseline.mean" : "baseline.stddev")
                                + ": expected either baseline.rate (a proportion) or baseline.mean with"
                                + " baseline.stddev, not both");
            }
            if (rate == null && mean == null && stddev == null) {
                throw Check.invalid("baseline", "{rate} or {mean, stddev}", "{}");
            }
            if (rate != null) {
                Check.finite(rate, "baseline.rate");
                if (!(rate > 0.0 && rate < 1.0)) {
                    throw Check.invalid("baseline.rate", "a number in (0, 1)", rate);
                }
            } else {
                Check.finite(Check.required(mean, "baseline.mean"), "baseline.mean");
                Check.finite(Check.required(stddev, "baseline.stddev"), "baseline.stddev");
                if (mean == 0.0) {
                    throw Check.invalid("baseline.mean", "a number ≠ 0 (the lift is relative to it)", mean);
                }
                if (!(stddev > 0.0)) {
                    throw Check.invalid("baseline.stddev", "a number > 0", stddev);
                }
            }
        }

        public boolean isRate() {
            return rate != null;
        }
    }

    /** The analysis' multiple-testing corrections (the Statistics-depth issue, item 5). */
    public enum Correction {
        @JsonProperty("none")
        NONE,
        @JsonProperty("holm")
        HOLM,
        @JsonProperty("benjamini-hochberg")
        BENJAMINI_HOCHBERG
    }

    public SamplePlanRequest {
        if (mde != null) {
            Check.finite(mde, "mde");
            if (!(mde > 0.0)) {
                throw Check.invalid("mde", "a relative lift > 0 (0.05 = +5%)", mde);
            }
        }
        if (baseline != null) {
            Check.required(mde, "mde");
            if (baseline.isRate() && !(baseline.rate() * (1.0 + mde) < 1.0)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "mde: expected a lift that keeps the treatment's rate below 1 (baseline.rate·(1+mde) < 1, so mde < "
                                + (1.0 / baseline.rate() - 1.0) + "), got " + mde);
            }
        }
        if (alpha != null && !(Check.finite(alpha, "alpha") >= 1e-300 && alpha < 0.5)) {
            throw Check.invalid(
                    "alpha", "a number 0 < alpha < 0.5 (at least 1e-300), as analyze-frequentist takes it", alpha);
        }
        if (power != null && !(Check.finite(power, "power") >= 0.5 && power < 1.0)) {
            throw Check.invalid("power", "a number in [0.5, 1)", power);
        }
        if (arms != null) {
            Check.atLeast(arms, 2, "arms");
            if (arms > MAX_ARMS) {
                throw Check.invalid("arms", "at most " + MAX_ARMS + " variants", arms);
            }
        }
        if (sequentialTuning != null) {
            Check.atLeast(sequentialTuning, 1, "sequentialTuning");
            if (sequentialTuning > 1_000_000_000_000L) {
                throw Check.invalid(
                        "sequentialTuning", "at most 1e12 units, as analyze-frequentist takes it", sequentialTuning);
            }
            if (!Boolean.TRUE.equals(sequential)) {
                throw new WorkbenchException(ErrorCode.INVALID_INPUT, "sequentialTuning: only with sequential: true");
            }
        }
        if (dailyUnits != null) {
            Check.atLeast(dailyUnits, 1, "dailyUnits");
        }
    }

    public double alphaOrDefault() {
        return alpha != null ? alpha : DEFAULT_ALPHA;
    }

    public double powerOrDefault() {
        return power != null ? power : DEFAULT_POWER;
    }

    public int armsOrDefault() {
        return arms != null ? arms : DEFAULT_ARMS;
    }

    public boolean isSequential() {
        return Boolean.TRUE.equals(sequential);
    }

    public long tuningOrDefault() {
        return sequentialTuning != null ? sequentialTuning : DEFAULT_TUNING;
    }

    public Correction correctionOrDefault() {
        return correction != null ? correction : Correction.NONE;
    }
}
