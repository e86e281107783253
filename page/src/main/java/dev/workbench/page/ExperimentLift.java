package dev.workbench.page;

import static dev.workbench.page.ExperimentNodes.bool;
import static dev.workbench.page.ExperimentNodes.number;
import static dev.workbench.page.ExperimentNodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One treatment against the control on one metric, as an engine stored it: the record's analysis (every metric, the
 * unrounded {@code comparisons} where it has them, else its rows) or a line of the analysis history (the primary
 * metric only). Nothing is computed: a value the analysis does not hold is null.
 *
 * @param engine        the analysis's {@code type}: {@code bayesian} or {@code frequentist}
 * @param at            its {@code computed_at}
 * @param historyOnly   true when it comes from the history (another engine than the record's stored analysis)
 * @param ofCurrentData for a history line, whether it read the data now on record; null for the record's analysis
 * @param lift          {@code relative_change}: 0.12 is +12 %
 * @param observedLift  the data-only lift when a prior moved it ({@code observed_relative_change}), else null
 * @param chanceToWin   Bayesian
 * @param pHarm         on a Bayesian guardrail, the chance the treatment is worse
 * @param riskCtrl      Bayesian expected loss of keeping the control
 * @param riskTrt       Bayesian expected loss of shipping the treatment
 * @param pValue        frequentist, two-sided
 * @param pValueAdjusted frequentist, after the correction across treatments
 * @param varianceReduction with CUPED
 */
record ExperimentLift(
        String engine,
        String at,
        boolean historyOnly,
        Boolean ofCurrentData,
        String metric,
        boolean guardrail,
        boolean inverse,
        String variant,
        String error,
        Double lift,
        Double observedLift,
        Double lower,
        Double upper,
        Double chanceToWin,
        Double pHarm,
        Double riskCtrl,
        Double riskTrt,
        Double pValue,
        Double pValueAdjusted,
        Boolean significant,
        Double varianceReduction) {

    /** Every metric of a stored A/B analysis: the primary metric's treatments, then each guardrail's. */
    static List<ExperimentLift> of(JsonNode analysis, String primaryEvent) {
        List<ExperimentLift> lifts = new ArrayList<>();
        if (analysis == null || !analysis.isObject() || "bandit".equals(text(analysis, "type"))) {
            return lifts;
        }
        String engine = text(analysis, "type");
        String at = text(analysis, "computed_at");
        if (analysis.path("primary_metric").isObject()) {
            section(lifts, engine, at, analysis.get("primary_metric"), false, primaryEvent);
        }
        for (JsonNode guardrail : analysis.path("guardrails")) {
            section(lifts, engine, at, guardrail, true, null);
        }
        return lifts;
    }

    /**
     * The primary metric's treatments as a history line keeps them ({@code AnalysisHistory}); the line does not keep
     * whether lower is better, so {@code inverse} is the metric's as its data declares it.
     */
    static List<ExperimentLift> ofHistory(
            JsonNode line, String primaryEvent, boolean inverse, String currentInputSha256) {
        List<ExperimentLift> lifts = new ArrayList<>();
        String hash = text(line, "input_sha256");
        Boolean current = hash == null ? null : hash.equals(currentInputSha256);
        for (JsonNode t : line.path("treatments")) {
            lifts.add(new ExperimentLift(
                    text(line, "type"),
                    text(line, "at"),
                    true,
                    current,
                    primaryEvent,
                    false,
                    inverse,
                    text(t, "variant"),
                    text(t, "error"),
                    number(t, "lift"),
                    null,
                    number(t, "ci_lower"),
                    number(t, "ci_upper"),
                    number(t, "chance_to_win"),
                    null,
                    null,
                    null,
                    number(t, "p_value"),
                    null,
                    bool(t, "significant"),
                    null));
        }
        return lifts;
    }

    private static void section(
            List<ExperimentLift> out, String engine, String at, JsonNode s, boolean guardrail, String fallbackEvent) {
        String event = s.hasNonNull("event") ? text(s, "event") : fallbackEvent;
        boolean inverse = s.path("inverse").asBoolean();
        JsonNode comparisons = s.path("comparisons");
        if (comparisons.isArray() && !comparisons.isEmpty()) {
            for (JsonNode c : comparisons) {
                out.add(new ExperimentLift(
                        engine,
                        at,
                        false,
                        null,
                        event,
                        guardrail,
                        inverse,
                        text(c, "variant"),
                        text(c, "error"),
                        number(c, "relative_change"),
                        priorMoved(c) ? number(c, "observed_relative_change") : null,
                        number(c, "ci_lower"),
                        number(c, "ci_upper"),
                        number(c, "chance_to_win"),
                        number(c, "p_harm"),
                        number(c, "risk_ctrl"),
                        number(c, "risk_trt"),
                        number(c, "p_value"),
                        number(c, "p_value_adjusted"),
                        bool(c, "significant"),
                        number(c, "variance_reduction")));
            }
            return;
        }
        for (JsonNode r : s.path("rows")) { // an analysis that kept no comparisons: its rounded rows
            if (!r.path("is_control").asBoolean()) {
                out.add(new ExperimentLift(
                        engine,
                        at,
                        false,
                        null,
                        event,
                        guardrail,
                        inverse,
                        text(r, "variant"),
                        null,
                        number(r, "rel_delta"),
                        number(r, "rel_delta_observed"),
                        number(r, "ci_lower"),
                        number(r, "ci_upper"),
                        number(r, "p_win"),
                        number(r, "p_harm"),
                        number(r, "risk_ctrl"),
                        number(r, "risk_trt"),
                        number(r, "p_value"),
                        number(r, "p_value_adjusted"),
                        null,
                        number(r, "variance_reduction")));
            }
        }
    }

    private static boolean priorMoved(JsonNode c) {
        return c.path("prior_applied").asBoolean();
    }
}
