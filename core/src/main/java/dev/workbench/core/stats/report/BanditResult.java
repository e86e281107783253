package dev.workbench.core.stats.report;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code analysisResult} of analyze-bandit, keys in the order CONTRACT §6 lists them, plus {@code units} (cumulative
 * units per arm, what the next round's SRM check subtracts) and {@code checks} (and {@code input_sha256} once
 * stored); numbers unrounded, none NaN or infinite. Per-arm maps are in arm order, control first.
 *
 * @param type                 always {@value #TYPE}
 * @param experiment           the record's slug; null for an inline record without one
 * @param metric               the primary metric's event, which drives the bandit
 * @param inverse              lower is better
 * @param algorithm            {@code thompson} or {@code top-two}
 * @param srmPValue            the same value as {@code srm.chi2_p_value}
 * @param enoughUnits          every arm has the burn-in's units
 * @param updateMessage        what happened and what to do next
 * @param posteriors           each arm's normal posterior on its mean
 * @param bestArmProbabilities P(best) per arm; null while an arm has no units
 * @param banditWeights        the new traffic weights; null during burn-in or without probabilities
 * @param inputSha256          the hash of the {@code inputData} read, on a stored result; absent inline
 */
public record BanditResult(
        String type,
        @JsonInclude(ALWAYS) String experiment,
        @JsonProperty("computed_at") String computedAt,
        String metric,
        boolean inverse,
        String algorithm,
        Map<String, Long> units,
        BanditSrm srm,
        @JsonProperty("srm_p_value") @JsonInclude(ALWAYS) Double srmPValue,
        @JsonProperty("enough_units") boolean enoughUnits,
        @JsonProperty("update_message") String updateMessage,
        Map<String, Posterior> posteriors,

        @JsonProperty("best_arm_probabilities") @JsonInclude(ALWAYS)
        Map<String, Double> bestArmProbabilities,

        @JsonProperty("bandit_weights") @JsonInclude(ALWAYS) Map<String, Double> banditWeights,
        Stopping stopping,
        AnalysisChecks checks,
        @JsonProperty(AnalysisResult.INPUT_SHA256) String inputSha256)
        implements AnalysisResult<BanditResult> {

    public static final String TYPE = "bandit";

    @Override
    public BanditResult withInputSha256(String hash) {
        return new BanditResult(
                type,
                experiment,
                computedAt,
                metric,
                inverse,
                algorithm,
                units,
                srm,
                srmPValue,
                enoughUnits,
                updateMessage,
                posteriors,
                bestArmProbabilities,
                banditWeights,
                stopping,
                checks,
                hash);
    }

    /** The best arm and its P(best) once weights moved; the update message before. */
    @Override
    public String headline() {
        return banditWeights == null
                ? updateMessage
                : "best arm " + stopping.bestArm() + " (P(best) " + String.format("%.3f", stopping.pBest()) + ")";
    }

    /**
     * The bandit's {@code srm}: as the Bayesian one, over the units since the previous round against the weights it
     * set when there is one ({@code period}), else cumulative against {@code trafficWeights}.
     *
     * @param chi2PValue rounded to 4 dp; null when not computed (no units)
     * @param ok         p ≥ 0.01; null when not computed
     * @param observed   the units the test counted, per arm
     * @param period     the two rounds the test spans, or null when cumulative
     * @param note       why the cumulative check stands in for the period check, or null
     */
    public record BanditSrm(
            boolean computed,

            @JsonProperty("chi2_p_value") @JsonInclude(ALWAYS)
            Double chi2PValue,

            @JsonInclude(ALWAYS) Boolean ok,
            Map<String, Long> observed,
            @JsonInclude(ALWAYS) Period period,
            @JsonInclude(ALWAYS) String note) {}

    /**
     * {@code period {from, to}}: the {@code computed_at} of the earlier round and of this one. A round's own check
     * carried over keeps that round's period as it was written.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Period(String from, String to) {}

    /** An arm's normal posterior N(mean, variance) on its mean; both null when it has no units and no prior. */
    public record Posterior(
            @JsonInclude(ALWAYS) Double mean,
            @JsonInclude(ALWAYS) Double variance) {}

    /**
     * The stop rule.
     *
     * @param met       P(best) of the best arm ≥ threshold
     * @param bestArm   the arm most likely best, or null without probabilities
     * @param pBest     its P(best), or null
     * @param threshold the stop threshold
     */
    public record Stopping(
            boolean met,
            @JsonProperty("best_arm") @JsonInclude(ALWAYS) String bestArm,
            @JsonProperty("p_best") @JsonInclude(ALWAYS) Double pBest,
            double threshold) {}
}
