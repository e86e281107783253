package dev.workbench.core.program;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a stored {@code analysisResult} into {@link CleanResultNumbers}, by the keys of the engines' result records
 * ({@code core/stats/report}). It reads the tree rather than binding those records so that an analysis stored by an
 * older version, or in the experiment-workspace skill's format (rows without comparisons, no {@code checks}), still
 * shows what it holds: what is absent reads as null. A treatment's numbers come from the unrounded
 * {@code comparisons} when the result has them, else from its row. The one parser of a stored analysis: the page's
 * overview reads its verdicts through it too.
 */
public final class CleanResultReading {
    private CleanResultReading() {}

    /**
     * The numbers of {@code analysis}, or null when there is none; {@code primaryEvent} names the primary metric of
     * a result that does not.
     */
    public static CleanResultNumbers read(JsonNode analysis, Boolean stale, String primaryEvent) {
        if (analysis == null || !analysis.isObject()) {
            return null;
        }
        String engine = text(analysis, "type");
        boolean bandit = "bandit".equals(engine);
        List<CleanResultNumbers.Metric> metrics = new ArrayList<>();
        if (!bandit) {
            if (analysis.path("primary_metric").isObject()) {
                metrics.add(metric(analysis.get("primary_metric"), false, primaryEvent));
            }
            analysis.path("guardrails").forEach(g -> metrics.add(metric(g, true, null)));
        }
        JsonNode srm = analysis.path("srm");
        JsonNode sample = analysis.path("sample_check");
        JsonNode checks = analysis.path("checks");
        JsonNode settings = analysis.path("settings");
        return new CleanResultNumbers(
                engine,
                text(analysis, "computed_at"),
                Boolean.TRUE.equals(stale),
                metrics,
                bandit ? bandit(analysis) : null,
                srm.isObject()
                        ? new CleanResultNumbers.Srm(
                                number(srm, "chi2_p_value"), bool(srm, "ok"), counts(srm.path("observed")))
                        : null,
                sample.isObject()
                        ? new CleanResultNumbers.Sample(
                                whole(sample, "minimum_per_variant"),
                                bool(sample, "ok"),
                                counts(sample.path("variants")))
                        : null,
                checks.isObject()
                        ? new CleanResultNumbers.Checks(
                                checks.path("srm_ok").asBoolean(),
                                checks.path("sample_ok").asBoolean(),
                                checks.path("interpretable").asBoolean(),
                                texts(checks.path("reasons")))
                        : null,
                settings.isObject()
                        ? new CleanResultNumbers.Settings(
                                number(settings, "alpha"),
                                settings.path("sequential").asBoolean(),
                                text(settings, "correction"))
                        : null);
    }

    private static CleanResultNumbers.Metric metric(JsonNode section, boolean guardrail, String event) {
        List<CleanResultNumbers.Arm> arms = new ArrayList<>();
        Map<String, JsonNode> treatmentRows = new LinkedHashMap<>();
        for (JsonNode row : section.path("rows")) {
            arms.add(new CleanResultNumbers.Arm(
                    text(row, "variant"),
                    whole(row, "n"),
                    whole(row, "conversions"),
                    number(row, "rate"),
                    number(row, "mean")));
            if (!row.path("is_control").asBoolean()) {
                treatmentRows.put(text(row, "variant"), row);
            }
        }
        List<CleanResultNumbers.Effect> effects = new ArrayList<>();
        if (section.path("comparisons").isArray()
                && !section.path("comparisons").isEmpty()) {
            section.path("comparisons").forEach(c -> effects.add(comparison(c)));
        } else {
            treatmentRows.values().forEach(r -> effects.add(row(r)));
        }
        return new CleanResultNumbers.Metric(
                section.hasNonNull("event") ? text(section, "event") : event,
                guardrail,
                text(section, "metric_type"),
                section.path("inverse").asBoolean(),
                text(section, "verdict"),
                text(section, "raw_verdict"),
                arms,
                effects);
    }

    private static CleanResultNumbers.Effect comparison(JsonNode c) {
        return new CleanResultNumbers.Effect(
                text(c, "variant"),
                text(c, "error"),
                number(c, "relative_change"),
                number(c, "observed_relative_change"),
                number(c, "ci_lower"),
                number(c, "ci_upper"),
                number(c, "chance_to_win"),
                number(c, "p_harm"),
                number(c, "risk_ctrl"),
                number(c, "risk_trt"),
                number(c, "p_value"),
                number(c, "p_value_adjusted"),
                bool(c, "significant"),
                c.path("prior_applied").asBoolean());
    }

    /** A treatment's row of an analysis that kept no comparisons (the skill's format, rounded). */
    private static CleanResultNumbers.Effect row(JsonNode r) {
        return new CleanResultNumbers.Effect(
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
                false);
    }

    private static CleanResultNumbers.Bandit bandit(JsonNode a) {
        JsonNode units =
                a.path("units").isObject() ? a.path("units") : a.path("srm").path("observed");
        JsonNode posteriors = a.path("posteriors");
        List<String> arms = new ArrayList<>();
        posteriors.fieldNames().forEachRemaining(arms::add);
        units.fieldNames().forEachRemaining(arm -> {
            if (!arms.contains(arm)) {
                arms.add(arm);
            }
        });
        List<CleanResultNumbers.BanditArm> rows = new ArrayList<>();
        for (String arm : arms) {
            rows.add(new CleanResultNumbers.BanditArm(
                    arm,
                    whole(units, arm),
                    number(posteriors.path(arm), "mean"),
                    number(a.path("best_arm_probabilities"), arm),
                    number(a.path("bandit_weights"), arm)));
        }
        JsonNode stopping = a.path("stopping");
        return new CleanResultNumbers.Bandit(
                text(a, "metric"),
                a.path("inverse").asBoolean(),
                text(a, "algorithm"),
                text(a, "update_message"),
                rows,
                stopping.path("met").asBoolean(),
                text(stopping, "best_arm"),
                number(stopping, "p_best"),
                number(stopping, "threshold"));
    }

    static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Double number(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    private static Long whole(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.isNumber() ? v.asLong() : null;
    }

    private static Boolean bool(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.isBoolean() ? v.asBoolean() : null;
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> counts = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                counts.put(e.getKey(), e.getValue().asLong());
            }
        });
        return counts;
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        node.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
