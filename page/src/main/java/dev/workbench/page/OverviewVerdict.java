package dev.workbench.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.program.CleanResultFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment's verdict in one line, read from its stored {@code analysisResult} by the keys the clean result reads
 * ({@code program/CleanResultReading}: {@code primary_metric.verdict}, its {@code comparisons} or treatment rows, a
 * bandit's {@code best_arm}), never computed again. The overview lists 200 of these, so it reads the tree once and
 * does not build the whole clean result (which reads every other experiment for follow-ups).
 *
 * @param verdict what the primary metric's verdict says as stored, or null without an analysis
 * @param effects per treatment: its lift and its chance to win (or p-value), in the clean result's format
 * @param stale   the record's {@code analysisStale}: the data changed since the analysis
 */
record OverviewVerdict(String verdict, String effects, boolean stale) {
    static final OverviewVerdict NONE = new OverviewVerdict(null, null, false);

    static OverviewVerdict of(Experiment e) {
        JsonNode a = e.analysisResult();
        if (a == null || !a.isObject()) {
            return NONE;
        }
        boolean stale = Boolean.TRUE.equals(e.analysisStale());
        if ("bandit".equals(text(a, "type"))) {
            JsonNode stopping = a.path("stopping");
            String best = text(stopping, "best_arm");
            Double pBest = number(stopping, "p_best");
            return new OverviewVerdict(
                    stopping.path("met").asBoolean() ? "stop: the best arm reached the threshold" : "keep running",
                    best == null ? null : "best arm " + best + ", P(best) " + CleanResultFormat.percent(pBest),
                    stale);
        }
        JsonNode primary = a.path("primary_metric");
        if (!primary.isObject()) {
            return new OverviewVerdict(null, null, stale);
        }
        List<String> effects = new ArrayList<>();
        if (primary.path("comparisons").isArray()
                && !primary.path("comparisons").isEmpty()) {
            for (JsonNode c : primary.path("comparisons")) {
                effects.add(effect(
                        text(c, "variant"),
                        number(c, "relative_change"),
                        number(c, "chance_to_win"),
                        number(c, "p_value"),
                        number(c, "p_value_adjusted")));
            }
        } else {
            for (JsonNode r : primary.path("rows")) {
                if (!r.path("is_control").asBoolean()) {
                    effects.add(effect(
                            text(r, "variant"),
                            number(r, "rel_delta"),
                            number(r, "p_win"),
                            number(r, "p_value"),
                            number(r, "p_value_adjusted")));
                }
            }
        }
        return new OverviewVerdict(
                text(primary, "verdict"), effects.isEmpty() ? null : String.join("; ", effects), stale);
    }

    /** With several treatments the verdict reads the adjusted p-value: that one is shown, named so, when stored. */
    private static String effect(String variant, Double lift, Double chanceToWin, Double pValue, Double adjusted) {
        String chance = chanceToWin != null
                ? ", chance to win " + CleanResultFormat.percent(chanceToWin)
                : adjusted != null
                        ? ", adjusted p " + CleanResultFormat.pValue(adjusted)
                        : pValue != null ? ", p " + CleanResultFormat.pValue(pValue) : "";
        return variant + " " + CleanResultFormat.change(lift) + chance;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }
}
