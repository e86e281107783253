package dev.workbench.core.program;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored {@code analysisResult} read for one metric and one treatment, without analysing anything again: the
 * comparison's {@code chance_to_win} (already the chance of being better, lower-is-better metrics included),
 * {@code relative_change} (the posterior mean), {@code ci_lower} and {@code ci_upper}. The metric is looked for in
 * {@code primary_metric}, then among the {@code guardrails}: a checkpoint analysed after its primary metric was changed
 * by hand may still carry it there. A frequentist result has no chance to win (null); a bandit's has no comparisons.
 * Its {@code checks} (SRM, minimum sample) come with it: numbers of an analysis that failed them are not to be read.
 */
final class HoldoutReadings {
    private HoldoutReadings() {}

    /** The reading, or null when there is no stored analysis; its numbers are null where the analysis has none. */
    static HoldoutReport.Reading of(JsonNode analysis, Boolean stale, String metric, String treatment) {
        if (analysis == null || analysis.isNull()) {
            return null;
        }
        JsonNode comparison = comparison(section(analysis, metric), treatment);
        return new HoldoutReport.Reading(
                number(comparison, "chance_to_win"),
                number(comparison, "relative_change"),
                number(comparison, "ci_lower"),
                number(comparison, "ci_upper"),
                Boolean.TRUE.equals(stale),
                interpretable(analysis),
                failedChecks(analysis));
    }

    /** The analysis's {@code checks.interpretable}; null when it stores no checks (an analysis of an older version). */
    static Boolean interpretable(JsonNode analysis) {
        JsonNode value = analysis.path("checks").path("interpretable");
        return value.isBoolean() ? value.booleanValue() : null;
    }

    /**
     * What failed: {@code checks.reasons} as stored ("sample ratio mismatch", "not enough data"), else the names of
     * the checks that are false; empty when the checks passed or are not stored.
     */
    static List<String> failedChecks(JsonNode analysis) {
        JsonNode checks = analysis.path("checks");
        if (!Boolean.FALSE.equals(interpretable(analysis))) {
            return List.of();
        }
        List<String> failed = new ArrayList<>();
        for (JsonNode reason : checks.path("reasons")) {
            if (reason.isTextual() && !reason.textValue().isBlank()) {
                failed.add(reason.textValue());
            }
        }
        boolean noReasons = failed.isEmpty();
        for (String flag : List.of("srm_ok", "sample_ok")) {
            if (noReasons && checks.path(flag).isBoolean() && !checks.get(flag).booleanValue()) {
                failed.add(flag + " false");
            }
        }
        if (failed.isEmpty()) {
            failed.add("interpretable false");
        }
        return List.copyOf(failed);
    }

    /** Whether the analysis reads {@code metric} as lower-is-better; null when it does not have the metric. */
    static Boolean inverse(JsonNode analysis, String metric) {
        JsonNode section = section(analysis, metric);
        return section == null || !section.path("inverse").isBoolean()
                ? null
                : section.get("inverse").booleanValue();
    }

    private static JsonNode section(JsonNode analysis, String metric) {
        if (analysis == null || metric == null) {
            return null;
        }
        JsonNode primary = analysis.path("primary_metric");
        if (metric.equals(primary.path("event").textValue())) {
            return primary;
        }
        for (JsonNode guardrail : analysis.path("guardrails")) {
            if (metric.equals(guardrail.path("event").textValue())) {
                return guardrail;
            }
        }
        return null;
    }

    private static JsonNode comparison(JsonNode section, String treatment) {
        if (section == null) {
            return null;
        }
        for (JsonNode c : section.path("comparisons")) {
            if (treatment.equals(c.path("variant").textValue())) {
                return c;
            }
        }
        return null;
    }

    private static Double number(JsonNode comparison, String field) {
        JsonNode value = comparison == null ? null : comparison.get(field);
        return value != null && value.isNumber() ? value.doubleValue() : null;
    }
}
