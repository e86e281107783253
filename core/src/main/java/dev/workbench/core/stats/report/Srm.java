package dev.workbench.core.stats.report;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The Bayesian analysis's {@code srm}: Pearson's χ² of the units per variant against the planned split.
 *
 * @param chi2PValue rounded to 4 dp as in the legacy format; null when not computed (no units)
 * @param ok         p ≥ 0.01; null when not computed
 * @param observed   units per variant, control first
 */
public record Srm(
        boolean computed,
        @JsonProperty("chi2_p_value") @JsonInclude(ALWAYS) Double chi2PValue,
        @JsonInclude(ALWAYS) Boolean ok,
        Map<String, Long> observed) {
    /** {@code ok} is p ≥ this: below it the units did not split as planned. */
    public static final double ALPHA = 0.01;
}
