package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of an experiment record that an analysis reads (CONTRACT §2), checked and typed.
 *
 * @param slug           the record's slug, null for an inline experiment without one
 * @param control        the control variant
 * @param treatments     the treatment variants, in the record's order (may be empty: each analysis decides)
 * @param primaryEvent   the primary metric's event
 * @param guardrails     the guardrail events, duplicates and the primary event removed
 * @param trafficWeights the planned split, or null
 * @param minimumSample  units each variant should reach, ≥ 0
 * @param windowStart    observationStart, or null
 * @param windowEnd      observationEnd, or null
 * @param prior          the prior on the relative lift
 * @param inputData      the metric data, or null
 */
record ExperimentSpec(
        String slug,
        String control,
        List<String> treatments,
        String primaryEvent,
        List<String> guardrails,
        JsonNode trafficWeights,
        long minimumSample,
        String windowStart,
        String windowEnd,
        NormalPrior prior,
        JsonNode inputData) {

    ExperimentSpec {
        treatments = List.copyOf(treatments);
        guardrails = List.copyOf(guardrails);
    }

    /** Control first, then the treatments. */
    List<String> variants() {
        List<String> all = new ArrayList<>(treatments.size() + 1);
        all.add(control);
        all.addAll(treatments);
        return all;
    }

    /**
     * Reads the record; fails with {@code INVALID_INPUT} (or {@code INVALID_PRIOR}) naming the bad field.
     *
     * @param withPrior read priorProper/priorMean/priorStddev (the Bayesian analysis); when false (the bandit, whose
     *                  prior is its own {@code armPrior} option) they are ignored and the prior is flat
     */
    static ExperimentSpec parse(JsonNode experiment, boolean withPrior) {
        if (experiment == null || !experiment.isObject()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "experiment: must be an object with the record's fields, got " + JsonInput.describe(experiment));
        }
        String control = variantName(experiment.get("controlVariant"), "controlVariant");
        if (control == null) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, "controlVariant: required for an analysis; set it with upsert-experiment");
        }
        List<String> treatments = treatments(experiment.get("treatmentVariants"), control);
        String primary = JsonInput.optionalText(experiment, "primaryMetricEvent", "primaryMetricEvent");
        if (primary == null || primary.isBlank()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "primaryMetricEvent: required for an analysis; set it with upsert-experiment");
        }
        return new ExperimentSpec(
                JsonInput.optionalText(experiment, "slug", "slug"),
                control,
                treatments,
                primary,
                guardrails(experiment.get("guardrailEvents"), primary),
                experiment.get("trafficWeights"),
                minimumSample(experiment.get("minimumSample")),
                dateText(experiment.get("observationStart")),
                dateText(experiment.get("observationEnd")),
                withPrior ? prior(experiment) : NormalPrior.FLAT,
                experiment.get("inputData"));
    }

    private static String variantName(JsonNode node, String path) {
        if (JsonInput.isAbsent(node)) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, path + ": must be a non-empty string, got " + JsonInput.describe(node));
        }
        if (MetricData.INVERSE.equals(node.textValue())) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    path + ": a variant may not be named 'inverse' (the key marks lower-is-better metrics); rename it");
        }
        return node.textValue();
    }

    private static List<String> treatments(JsonNode node, String control) {
        List<String> treatments = new ArrayList<>();
        if (JsonInput.isAbsent(node)) {
            return treatments;
        }
        if (!node.isArray()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "treatmentVariants: must be an array of variant names, got " + JsonInput.describe(node));
        }
        Set<String> seen = new HashSet<>();
        seen.add(control);
        for (int i = 0; i < node.size(); i++) {
            String name = variantName(node.get(i), "treatmentVariants[" + i + "]");
            if (name == null) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT, "treatmentVariants[" + i + "]: must be a non-empty string, got null");
            }
            if (!seen.add(name)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "treatmentVariants[" + i + "]: '" + name + "' appears twice among the variants (control = '"
                                + control + "'); each variant needs its own name");
            }
            treatments.add(name);
        }
        return treatments;
    }

    private static List<String> guardrails(JsonNode node, String primary) {
        List<String> events = new ArrayList<>();
        if (JsonInput.isAbsent(node)) {
            return events;
        }
        if (!node.isArray()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "guardrailEvents: must be an array of event names, got " + JsonInput.describe(node));
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode event = node.get(i);
            if (event == null || !event.isTextual() || event.textValue().isBlank()) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "guardrailEvents[" + i + "]: must be a non-empty string, got " + JsonInput.describe(event));
            }
            if (!event.textValue().equals(primary) && !events.contains(event.textValue())) {
                events.add(event.textValue());
            }
        }
        return events;
    }

    private static long minimumSample(JsonNode node) {
        if (JsonInput.isAbsent(node)) {
            return 0;
        }
        if (!node.isNumber()
                || (node.isFloatingPointNumber() && node.doubleValue() != Math.rint(node.doubleValue()))
                || node.doubleValue() < 0
                || !Double.isFinite(node.doubleValue())) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "minimumSample: must be a whole number ≥ 0 (units per variant), got " + JsonInput.describe(node));
        }
        return node.longValue();
    }

    private static String dateText(JsonNode node) {
        if (JsonInput.isAbsent(node)) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

    private static NormalPrior prior(JsonNode experiment) {
        JsonNode proper = experiment.get("priorProper");
        if (JsonInput.isAbsent(proper)) {
            return NormalPrior.FLAT;
        }
        if (!proper.isBoolean()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, "priorProper: must be true or false, got " + JsonInput.describe(proper));
        }
        if (!proper.booleanValue()) {
            return NormalPrior.FLAT;
        }
        JsonNode mean = experiment.get("priorMean");
        JsonNode stddev = experiment.get("priorStddev");
        if (JsonInput.isAbsent(stddev)) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_PRIOR, "priorStddev: required when priorProper is true (a number > 0, e.g. 0.3)");
        }
        return NormalPrior.proper(
                JsonInput.isAbsent(mean) ? 0.0 : priorNumber(mean, "priorMean"),
                priorNumber(stddev, "priorStddev"),
                "priorMean",
                "priorStddev");
    }

    private static double priorNumber(JsonNode node, String path) {
        if (!node.isNumber()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_PRIOR, path + ": must be a finite number, got " + JsonInput.describe(node));
        }
        return node.doubleValue();
    }
}
