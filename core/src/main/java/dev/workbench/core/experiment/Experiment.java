package dev.workbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One experiment record, {@code .aw/experiments/<slug>.json}. Field names are fixed by the contract.
 * {@code analysisStale} is derived whenever the record is shown (see {@link #analysisStale()}) and never stored, so
 * it cannot drift from the data it describes, whoever edits the file.
 */
@JsonIgnoreProperties(value = {Experiment.ANALYSIS_STALE}, allowGetters = true)
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
        DecisionOverride override,
        long revision,
        String createdAt,
        String updatedAt) {

    /** The fields the preregistration hash covers; once frozen, changing one is {@code CONTRACT_FROZEN}. */
    public static final List<String> FROZEN_FIELDS = List.of("hypothesis", "method", "primaryMetricEvent",
            "guardrailEvents", "controlVariant", "treatmentVariants", "minimumSample", "priorProper", "priorMean",
            "priorStddev");

    /** The derived property that says the stored analysis is not of the stored data. */
    public static final String ANALYSIS_STALE = "analysisStale";
    /** The key, in a stored {@code analysisResult}, of the hash of the {@code inputData} it read. */
    public static final String INPUT_SHA256 = "input_sha256";

    /** This record with a new lifecycle state. */
    public Experiment withLifecycle(Status newStatus, Preregistration newPreregistration, String newObservationEnd) {
        return new Experiment(slug, hypothesis, method, primaryMetricEvent, guardrailEvents, controlVariant,
                treatmentVariants, trafficWeights, minimumSample, observationStart, newObservationEnd, priorProper,
                priorMean, priorStddev, inputData, analysisResult, newStatus, decision, decisionSummary, decisionReason,
                claim, newPreregistration, override, revision, createdAt, updatedAt);
    }

    /** This record with an analysis result. */
    public Experiment withAnalysis(JsonNode result) {
        return new Experiment(slug, hypothesis, method, primaryMetricEvent, guardrailEvents, controlVariant,
                treatmentVariants, trafficWeights, minimumSample, observationStart, observationEnd, priorProper,
                priorMean, priorStddev, inputData, result, status, decision, decisionSummary, decisionReason, claim,
                preregistration, override, revision, createdAt, updatedAt);
    }

    /** This record with the override its decision was taken under. */
    public Experiment withOverride(DecisionOverride newOverride) {
        return new Experiment(slug, hypothesis, method, primaryMetricEvent, guardrailEvents, controlVariant,
                treatmentVariants, trafficWeights, minimumSample, observationStart, observationEnd, priorProper,
                priorMean, priorStddev, inputData, analysisResult, status, decision, decisionSummary, decisionReason,
                claim, preregistration, newOverride, revision, createdAt, updatedAt);
    }

    /** This record as written at {@code newRevision}. */
    public Experiment withRevision(long newRevision, String newCreatedAt, String newUpdatedAt) {
        return new Experiment(slug, hypothesis, method, primaryMetricEvent, guardrailEvents, controlVariant,
                treatmentVariants, trafficWeights, minimumSample, observationStart, observationEnd, priorProper,
                priorMean, priorStddev, inputData, analysisResult, status, decision, decisionSummary, decisionReason,
                claim, preregistration, override, newRevision, newCreatedAt, newUpdatedAt);
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

    /**
     * Whether the stored analysis is not known to be of the stored {@code inputData}: true when its
     * {@code input_sha256} differs from {@link #inputSha256(JsonNode)} of the data now, or is absent (an analysis
     * stored by a version before the Integrity rules cannot be shown current); null when there is no analysis.
     */
    @JsonProperty(ANALYSIS_STALE)
    @JsonPropertyDescription("true when inputData changed since the stored analysis (or the analysis predates input_sha256); absent without an analysis")
    public Boolean analysisStale() {
        if (analysisResult == null || analysisResult.isNull()) {
            return null;
        }
        JsonNode recorded = analysisResult.get(INPUT_SHA256);
        return recorded == null || !recorded.isTextual() || !recorded.asText().equals(inputSha256(inputData));
    }

    /**
     * SHA-256 (hex) of {@code inputData} in canonical form: {@link Json#canonical} (compact: no whitespace at all)
     * of the data with every object's keys sorted by {@link String#compareTo} (UTF-16 code units), recursively,
     * arrays in their order, numbers as Jackson writes the parsed value ({@code 100} stays {@code 100},
     * {@code 100.0} stays {@code 100.0}); absent data hashes as {@code null}. For example
     * {@code {"metrics":{"click":{"a":{"k":10,"n":100},"b":{"k":12,"n":100}}}}}.
     */
    public static String inputSha256(JsonNode inputData) {
        Object canonical = inputData == null ? null : sortedKeys(inputData);
        return Sha256.of(Json.canonical(canonical).getBytes(StandardCharsets.UTF_8));
    }

    private static Object sortedKeys(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), sortedKeys(e.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(sortedKeys(item)));
            return items;
        }
        return node;
    }

    /** A copy of {@code result} that records the hash of the data it read, as stored on the record. */
    public static ObjectNode boundTo(ObjectNode result, JsonNode inputData) {
        ObjectNode bound = result.deepCopy();
        bound.put(INPUT_SHA256, inputSha256(inputData));
        return bound;
    }
}
