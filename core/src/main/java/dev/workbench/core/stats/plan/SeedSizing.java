package dev.workbench.core.stats.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The seed's sizing rules for when no baseline is known: FeatBit's experiment skills
 * (github.com/featbit/featbit-release-decision-agent, {@code skills/experiment-workspace/SKILL.md}, "Set
 * {@code minimum_sample_per_variant} using the following fallback chain", Steps 2 and 5; last changed in commit
 * 6348e4e6193e68bb774f9719db8930dccb66793d, read at 0f816d3487e317101ff926e82e6415c6de77a5e3). The table, as the
 * seed gives it:
 *
 * <pre>
 * | Metric type                       | Typical baseline range | Suggested floor |
 * |-----------------------------------|------------------------|-----------------|
 * | Button click / CTA                | 3–10%                  | 500             |
 * | Signup / registration             | 1–5%                   | 1,000           |
 * | Purchase / checkout               | 1–3%                   | 1,500           |
 * | Feature engagement (active users) | 10–30%                 | 200             |
 * | Error rate / latency (inverse)    | 1–5%                   | 1,000           |
 * </pre>
 *
 * and Step 5: "Use 1,000 as a safe conservative default (assumes ~3% baseline)". The seed's own rule for a known
 * rate, {@code ceil(30 / p_baseline)} (at least 30 conversions per variant, so that the normal approximation holds;
 * {@code references/analysis-bayesian.md}), is {@link #conversionFloor}.
 */
public final class SeedSizing {
    /** Step 5: no baseline and no metric type. */
    public static final long DEFAULT_PER_VARIANT = 1000;

    /** The seed's conversions per variant below which the normal approximation is poor. */
    public static final long MIN_CONVERSIONS = 30;

    private SeedSizing() {}

    /** The rows of the seed's metric-type table. */
    public enum MetricType {
        @JsonProperty("cta")
        CTA("cta", "Button click / CTA", "3–10%", 500),
        @JsonProperty("signup")
        SIGNUP("signup", "Signup / registration", "1–5%", 1000),
        @JsonProperty("purchase")
        PURCHASE("purchase", "Purchase / checkout", "1–3%", 1500),
        @JsonProperty("engagement")
        ENGAGEMENT("engagement", "Feature engagement (active users)", "10–30%", 200),
        @JsonProperty("inverse")
        INVERSE("inverse", "Error rate / latency (inverse)", "1–5%", 1000);

        private final String wireName;
        private final String label;
        private final String typicalBaseline;
        private final long perVariant;

        MetricType(String wireName, String label, String typicalBaseline, long perVariant) {
            this.wireName = wireName;
            this.label = label;
            this.typicalBaseline = typicalBaseline;
            this.perVariant = perVariant;
        }

        public String wireName() {
            return wireName;
        }

        /** The seed's row name. */
        public String label() {
            return label;
        }

        /** The seed's typical baseline range, e.g. "1–3%". */
        public String typicalBaseline() {
            return typicalBaseline;
        }

        /** The seed's suggested floor, units per variant. */
        public long perVariant() {
            return perVariant;
        }
    }

    /**
     * ⌈30/p⌉: units per variant for 30 expected conversions at rate {@code p} in (0, 1), computed on the decimal
     * the caller wrote ({@link BigDecimal#valueOf(double)}), so that p = 0.03 gives 1,000 as in the seed's table and
     * not the 1,001 of binary floating point.
     */
    public static long conversionFloor(double p) {
        return BigDecimal.valueOf(MIN_CONVERSIONS)
                .divide(BigDecimal.valueOf(p), 0, RoundingMode.CEILING)
                .longValueExact();
    }
}
