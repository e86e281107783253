package dev.workbench.core.stats;

import dev.workbench.core.stats.report.AnalysisChecks;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks an analysis must pass before its numbers may be read (CONTRACT §6 as amended): {@code checks {srm_ok,
 * sample_ok, interpretable}}. When a check fails, every metric section's verdict reads {@code do not interpret: }
 * with the reasons, and the decision gate of {@code decided} reads {@code interpretable}.
 *
 * <p>Written as {@code {srm_ok, sample_ok, interpretable, reasons[]}}; {@code reasons} are the words the gated
 * verdict uses, empty when the analysis is interpretable.
 *
 * <p>When the SRM test is not computed (no units at all) there is no split to contradict, so {@code srm_ok} is
 * true; an analysis of no units is still not interpretable, because {@code sample_ok} then is false ("not enough
 * data") whatever the minimum sample.
 *
 * @param srmOk    the sample ratio matches the planned split (or no units were there to test)
 * @param sampleOk there is enough data: the sample check passed (bayesian) or burn-in is done (bandit), and there
 *                 are units at all
 */
record Checks(boolean srmOk, boolean sampleOk) {
    static final String SAMPLE_RATIO_MISMATCH = "sample ratio mismatch";
    static final String NOT_ENOUGH_DATA = "not enough data";

    boolean interpretable() {
        return srmOk && sampleOk;
    }

    /** Why the analysis is not interpretable, in the contract's order; empty when it is. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>(2);
        if (!srmOk) {
            reasons.add(SAMPLE_RATIO_MISMATCH);
        }
        if (!sampleOk) {
            reasons.add(NOT_ENOUGH_DATA);
        }
        return reasons;
    }

    /** As the result writes it: {@code checks {srm_ok, sample_ok, interpretable, reasons[]}}. */
    AnalysisChecks toResult() {
        return new AnalysisChecks(srmOk, sampleOk, interpretable(), reasons());
    }
}
