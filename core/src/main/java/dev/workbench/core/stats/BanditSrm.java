package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.stats.report.BanditResult;
import dev.workbench.core.stats.report.Srm;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bandit's SRM check (CONTRACT §6 as amended). A bandit moves its split every round, so cumulative counts
 * compared with the current weights always mismatch after a reweighting. When the record's stored analysis is an
 * earlier bandit round that set {@code bandit_weights}, the χ² is over the units added since that round (n now minus
 * n then, per arm) against the weights that round set, and {@code period {from, to}} names the two analyses
 * (their {@code computed_at}). Otherwise (no earlier round, a round in burn-in that set no weights, an inline
 * analysis) it is the cumulative check against {@code trafficWeights}, with {@code period} null.
 *
 * <p>Falls back to the cumulative check, saying why in {@code note}, when the earlier round cannot be subtracted:
 * an arm has fewer units now than then (the data was replaced by smaller data), or the round does not give n and a
 * weight for every arm. When no unit was added since the round (the same data analysed again), that round's own
 * check stands, so analysing again cannot clear a failed check.
 *
 * @param check  the χ² test that was run
 * @param period {@code {from, to}} when the test spans two rounds, else null
 * @param note   why the cumulative check stands in for the period check, or null
 */
record BanditSrm(SampleRatioCheck check, BanditResult.Period period, String note) {

    /**
     * @param arms           control then treatments
     * @param unitsNow       cumulative units per arm, same order
     * @param trafficWeights the record's split in force, or null
     * @param previous       the stored record's current {@code analysisResult}, or null (inline analysis)
     * @param computedAt     this analysis's {@code computed_at}
     */
    static BanditSrm of(
            List<String> arms, long[] unitsNow, JsonNode trafficWeights, JsonNode previous, Instant computedAt) {
        if (previous == null
                || !previous.isObject()
                || !"bandit".equals(previous.path("type").asText())
                || !previous.path("bandit_weights").isObject()) {
            return cumulative(arms, unitsNow, trafficWeights, null);
        }
        String from = previous.path("computed_at").asText("an earlier round");
        JsonNode weights = previous.get("bandit_weights");
        JsonNode unitsThen = unitsThen(previous);
        if (unitsThen == null) {
            return cumulative(
                    arms,
                    unitsNow,
                    trafficWeights,
                    "the bandit round of " + from
                            + " does not record units per arm; checked the cumulative counts against trafficWeights instead");
        }
        long[] added = new long[arms.size()];
        for (int i = 0; i < arms.size(); i++) {
            String arm = arms.get(i);
            JsonNode then = unitsThen.get(arm);
            JsonNode weight = weights.get(arm);
            if (then == null || !then.canConvertToLong() || weight == null || !weight.isNumber()) {
                return cumulative(
                        arms,
                        unitsNow,
                        trafficWeights,
                        "the bandit round of " + from
                                + " gives no units or no weight for arm '" + arm
                                + "'; checked the cumulative counts against trafficWeights instead");
            }
            added[i] = unitsNow[i] - then.longValue();
            if (added[i] < 0) {
                return cumulative(
                        arms,
                        unitsNow,
                        trafficWeights,
                        "arm '" + arm + "' has " + unitsNow[i]
                                + " units now but had " + then.longValue() + " at the bandit round of " + from
                                + " (the data was replaced by smaller data); checked the cumulative counts against"
                                + " trafficWeights instead");
            }
        }
        if (Arrays.stream(added).allMatch(a -> a == 0) && previous.path("srm").isObject()) {
            return carried(previous.get("srm"), from);
        }
        return new BanditSrm(
                SampleRatioCheck.of(arms, added, weights), new BanditResult.Period(from, computedAt.toString()), null);
    }

    /**
     * Units per arm at the earlier round: its {@code units}; for a round written before {@code units} existed, its
     * {@code srm.observed}, which then held the cumulative counts (only when that round's check had no period).
     */
    private static JsonNode unitsThen(JsonNode previous) {
        if (previous.path("units").isObject()) {
            return previous.get("units");
        }
        JsonNode srm = previous.path("srm");
        if (srm.path("observed").isObject()
                && (srm.path("period").isMissingNode() || srm.path("period").isNull())) {
            return srm.get("observed");
        }
        return null;
    }

    /**
     * The earlier round's own check, when no unit arrived since it (the same data analysed again): a test of nothing
     * would pass, and analysing again would wipe out a failed check before the decision gate reads it.
     */
    private static BanditSrm carried(JsonNode srm, String from) {
        Map<String, Long> observed = new LinkedHashMap<>();
        srm.path("observed")
                .fields()
                .forEachRemaining(e -> observed.put(e.getKey(), e.getValue().asLong()));
        boolean computed = srm.path("computed").asBoolean(false);
        Double p = srm.path("chi2_p_value").isNumber() ? srm.get("chi2_p_value").doubleValue() : null;
        boolean ok = !computed || srm.path("ok").asBoolean(false);
        BanditResult.Period period = srm.path("period").isObject()
                ? new BanditResult.Period(
                        text(srm.get("period").get("from")),
                        text(srm.get("period").get("to")))
                : null;
        String note = "no unit arrived since the bandit round of " + from + ": that round's check stands";
        return new BanditSrm(new SampleRatioCheck(computed, p, ok, observed), period, note);
    }

    private static BanditSrm cumulative(List<String> arms, long[] units, JsonNode trafficWeights, String note) {
        return new BanditSrm(SampleRatioCheck.of(arms, units, trafficWeights), null, note);
    }

    /**
     * A period an earlier round wrote, as it wrote it: its {@code from} and {@code to} are text, and a key it did not
     * write stays absent.
     */
    private static String text(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.textValue();
    }

    /** {@code srm {computed, chi2_p_value, ok, observed, period, note}}; observed are the units the test counted. */
    BanditResult.BanditSrm toResult() {
        Srm srm = BayesianReport.srm(check);
        return new BanditResult.BanditSrm(srm.computed(), srm.chi2PValue(), srm.ok(), srm.observed(), period, note);
    }
}
