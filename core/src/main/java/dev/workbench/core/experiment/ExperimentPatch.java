package dev.workbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Check;
import dev.workbench.core.stats.PriorBounds;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code upsert-experiment} sends: the slug, optionally the revision the change was made against, and
 * any settable field of the record. Fields left out keep their stored value. {@code analysisResult},
 * {@code preregistration}, {@code revision} and the timestamps belong to the workbench and cannot be set.
 * The compact constructor checks each field on its own; rules across fields are checked on the merged record.
 */
public record ExperimentPatch(
        @JsonProperty(required = true) @JsonPropertyDescription("kebab-case id, e.g. checkout-cta")
        String slug,

        @JsonPropertyDescription("apply only if the stored revision is this (0: only if new); else CONFLICT")
        Long expectedRevision,

        String hypothesis,
        Method method,
        String primaryMetricEvent,
        List<String> guardrailEvents,
        String controlVariant,
        List<String> treatmentVariants,

        @JsonPropertyDescription("the split in force, {variant: weight}; the SRM check uses it")
        Map<String, Double> trafficWeights,

        Long minimumSample,

        @JsonPropertyDescription("where minimumSample came from, e.g. the plan-sample-size step that answered")
        String minimumSampleBasis,

        @JsonPropertyDescription("yyyy-mm-dd") String observationStart,

        @JsonPropertyDescription("yyyy-mm-dd; defaults to today when decided")
        String observationEnd,

        Boolean priorProper,
        Double priorMean,
        Double priorStddev,

        @JsonPropertyDescription(
                "where exposures come from: {source, sql} returning unit_id, variant, exposed_at; frozen with the contract")
        Assignment assignment,

        @JsonPropertyDescription(
                "{event: {sql returning unit_id, at, value; type: binary|count|sum|mean; windowHours?; inverse?; covariateDays?}}; collect-metrics computes inputData from them; frozen with the contract")
        Map<String, MetricDefinition> metricDefinitions,

        @JsonPropertyDescription(
                "{\"metrics\": {event: {variant: {n,k} | {n,sum,sum_squares} | {n,mean,variance} | {n,numerator:{sum,sum_squares},denominator:{sum,sum_squares},sum_products} (ratio metric), \"inverse\"?: true}}}; {n,k} and {n,sum,sum_squares} may carry \"covariate\": {sum,sum_squares,sum_products} (pre-exposure values, for CUPED) on every variant or none; merged into the stored data (null removes an entry); only while collecting or analyzing, or with status: collecting")
        ObjectNode inputData,

        @JsonPropertyDescription(
                "draft → collecting (freezes the contract) → analyzing → decided (needs a current analysis whose checks passed) → archived; analyzing → collecting")
        Status status,

        String decision,
        String decisionSummary,
        String decisionReason,

        @JsonPropertyDescription("the slug of a claim (upsert-claim) this experiment bears on")
        String claim,

        @JsonPropertyDescription("the slug of the experiment this one follows from")
        String parent,

        @JsonPropertyDescription(
                "only with status: decided, to decide although the analysis is stale or its checks failed; journaled and kept on the record")
        DecisionOverride.Request override) {

    /** At most 50 arms: the bandit's documented range. */
    public static final int MAX_TREATMENTS = 49;

    public static final int MAX_GUARDRAILS = 20;

    public ExperimentPatch {
        Check.slug(slug, "slug");
        if (expectedRevision != null) {
            Check.atLeast(expectedRevision, 0, "expectedRevision");
        }
        Check.text(hypothesis, "hypothesis");
        if (primaryMetricEvent != null) {
            Check.word(primaryMetricEvent, "primaryMetricEvent");
        }
        guardrailEvents = Check.words(guardrailEvents, "guardrailEvents", MAX_GUARDRAILS);
        if (controlVariant != null) {
            variantName(controlVariant, "controlVariant");
        }
        treatmentVariants = Check.words(treatmentVariants, "treatmentVariants", MAX_TREATMENTS);
        if (treatmentVariants != null) {
            Check.notEmpty(treatmentVariants, "treatmentVariants");
            for (int i = 0; i < treatmentVariants.size(); i++) {
                variantName(treatmentVariants.get(i), "treatmentVariants[" + i + "]");
            }
        }
        trafficWeights = weights(trafficWeights);
        if (minimumSample != null) {
            Check.atLeast(minimumSample, 0, "minimumSample");
        }
        Check.text(minimumSampleBasis, "minimumSampleBasis");
        metricDefinitions = definitions(metricDefinitions);
        observationStart = Check.date(observationStart, "observationStart");
        observationEnd = Check.date(observationEnd, "observationEnd");
        if (priorMean != null) {
            PriorBounds.liftMean(Check.finite(priorMean, "priorMean"), "priorMean");
        }
        if (priorStddev != null) {
            PriorBounds.liftStddev(Check.finite(priorStddev, "priorStddev"), "priorStddev");
        }
        if (inputData != null && !inputData.isObject()) {
            throw Check.invalid(
                    "inputData", "an object {\"metrics\": {event: {variant: stats}}}", inputData.getNodeType());
        }
        Check.text(decision, "decision", Check.MAX_NAME * 4);
        Check.text(decisionSummary, "decisionSummary");
        Check.text(decisionReason, "decisionReason");
        Check.text(claim, "claim");
        if (parent != null) {
            Check.slug(parent, "parent");
            if (parent.equals(slug)) {
                throw Check.invalid(
                        "parent", "another experiment's slug (an experiment cannot follow from itself)", parent);
            }
        }
    }

    private static void variantName(String name, String field) {
        Check.word(name, field);
        if (name.equals("inverse")) {
            throw Check.invalid(
                    field, "a variant name other than \"inverse\" (it marks lower-is-better metrics)", name);
        }
    }

    /** At most as many metric definitions as metrics an analysis reads: the primary and the guardrails. */
    public static final int MAX_METRIC_DEFINITIONS = MAX_GUARDRAILS + 1;

    private static Map<String, MetricDefinition> definitions(Map<String, MetricDefinition> definitions) {
        if (definitions == null) {
            return null;
        }
        if (definitions.size() > MAX_METRIC_DEFINITIONS) {
            throw Check.invalid(
                    "metricDefinitions", "at most " + MAX_METRIC_DEFINITIONS + " metrics", definitions.size());
        }
        Map<String, MetricDefinition> checked = new LinkedHashMap<>();
        definitions.forEach((event, definition) -> {
            Check.word(event, "metricDefinitions key");
            String path = "metricDefinitions." + event;
            checked.put(event, Check.required(definition, path).checked(path));
        });
        return Collections.unmodifiableMap(checked);
    }

    private static Map<String, Double> weights(Map<String, Double> weights) {
        if (weights == null) {
            return null;
        }
        if (weights.isEmpty()) {
            throw Check.invalid("trafficWeights", "at least one {variant: weight}", "{}");
        }
        double sum = 0;
        for (var e : weights.entrySet()) {
            String field = "trafficWeights." + e.getKey();
            Check.required(e.getValue(), field);
            if (Check.finite(e.getValue(), field) < 0) {
                throw Check.invalid(field, "a weight ≥ 0", e.getValue());
            }
            sum += e.getValue();
        }
        if (!(sum > 0)) {
            throw Check.invalid("trafficWeights", "weights that add up to more than 0", weights);
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }
}
