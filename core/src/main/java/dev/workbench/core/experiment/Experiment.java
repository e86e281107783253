package dev.workbench.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One experiment record, {@code .aw/experiments/<slug>.json}. Field names are fixed by the contract. */
public record Experiment(
        String slug,
        String hypothesis,
        Method method,
        String primaryMetricEvent,
        List<String> guardrailEvents,
        String controlVariant,
        List<String> treatmentVariants,
        Map<String, Double> trafficWeights,
        Long minimumSample,
        String observationStart,
        String observationEnd,
        Boolean priorProper,
        Double priorMean,
        Double priorStddev,
        JsonNode inputData,
        JsonNode analysisResult,
        Status status,
        String decision,
        String decisionSummary,
        String decisionReason,
        String claim,
        Preregistration preregistration,
        long revision,
        String createdAt,
        String updatedAt) {

    /** The fields the preregistration hash covers; once frozen, changing one is {@code CONTRACT_FROZEN}. */
    public static final List<String> FROZEN_FIELDS = List.of("hypothesis", "method", "primaryMetricEvent",
            "guardrailEvents", "controlVariant", "treatmentVariants", "minimumSample", "priorProper", "priorMean",
            "priorStddev");

    /** This record with a new lifecycle state. */
    public Experiment withLifecycle(Status newStatus, Preregistration newPreregistration, String newObservationEnd) {
        return new Experiment(slug, hypothesis, method, primaryMetricEvent, guardrailEvents, controlVariant,
                treatmentVariants, trafficWeights, minimumSample, observationStart, newObservationEnd, priorProper,
                priorMean, priorStddev, inputData, analysisResult, newStatus, decision, decisionSummary, decisionReason,
                claim, newPreregistration, revision, createdAt, updatedAt);
    }

    /** This record with an analysis result. */
    public Experiment withAnalysis(JsonNode result) {
        return new Experiment(slug, hypothesis, method, primaryMetricEvent, guardrailEvents, controlVariant,
                treatmentVariants, trafficWeights, minimumSample, observationStart, observationEnd, priorProper,
                priorMean, priorStddev, inputData, result, status, decision, decisionSummary, decisionReason, claim,
                preregistration, revision, createdAt, updatedAt);
    }

    /** This record as written at {@code newRevision}. */
    public Experiment withRevision(long newRevision, String newCreatedAt, String newUpdatedAt) {
        return new Experiment(slug, hypothesis, method, primaryMetricEvent, guardrailEvents, controlVariant,
                treatmentVariants, trafficWeights, minimumSample, observationStart, observationEnd, priorProper,
                priorMean, priorStddev, inputData, analysisResult, status, decision, decisionSummary, decisionReason,
                claim, preregistration, newRevision, newCreatedAt, newUpdatedAt);
    }

    /** Control first, then the treatments, as far as they are set. */
    public List<String> variants() {
        List<String> all = new ArrayList<>();
        if (controlVariant != null) {
            all.add(controlVariant);
        }
        if (treatmentVariants != null) {
            all.addAll(treatmentVariants);
        }
        return all;
    }

    /** The frozen fields in contract order, nulls included, so that a missing field hashes the same every time. */
    public Map<String, Object> frozenFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hypothesis", hypothesis);
        fields.put("method", method);
        fields.put("primaryMetricEvent", primaryMetricEvent);
        fields.put("guardrailEvents", guardrailEvents == null ? List.of() : guardrailEvents);
        fields.put("controlVariant", controlVariant);
        fields.put("treatmentVariants", treatmentVariants == null ? List.of() : treatmentVariants);
        fields.put("minimumSample", minimumSample);
        fields.put("priorProper", priorProper);
        fields.put("priorMean", priorMean);
        fields.put("priorStddev", priorStddev);
        return fields;
    }

    /**
     * SHA-256 (hex) of the frozen fields in {@link Json#canonical} form: one compact JSON object with keys in the
     * order of {@link #FROZEN_FIELDS}, nulls written out, absent lists as {@code []}, for example
     * {@code {"hypothesis":"…","method":"bayesian_ab",…,"priorProper":null,"priorMean":null,"priorStddev":null}}.
     * Anyone can recompute it from the record.
     */
    public String contractHash() {
        return Sha256.of(Json.canonical(frozenFields()).getBytes(StandardCharsets.UTF_8));
    }
}
