package dev.workbench.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One experiment record (CONTRACT section 2), composed of the parts that change for different reasons: the
 * {@link Contract} frozen at preregistration, the split in force ({@code trafficWeights}, not frozen), the observation
 * {@link Window}, the data and the stored analysis, the lifecycle {@link Status}, the {@link Decision}, and the
 * {@link Stamp} of its last write; and, apart from the decision, its place in the program ({@link Lineage}) and what
 * was learned from it ({@link Learning}s). Its JSON is flat, with the contract's field names ({@link ExperimentJson}).
 * {@code analysisStale} is derived whenever the record is shown (see {@link #analysisStale()}) and never stored.
 * The parts are never null: an unset part is its empty value ({@link Window#OPEN}, {@link Decision#NONE}, …).
 */
@JsonSerialize(using = ExperimentJson.Writer.class)
@JsonDeserialize(converter = ExperimentJson.Reader.class)
public record Experiment(
        String slug,
        Contract contract,
        Map<String, Double> trafficWeights,
        Window window,
        JsonNode inputData,
        JsonNode analysisResult,
        Status status,
        Decision decision,
        String claim,
        Lineage lineage,
        List<Learning> learnings,
        Preregistration preregistration,
        Stamp stamp) {

    /** The derived property that says the stored analysis is not of the stored data. */
    public static final String ANALYSIS_STALE = "analysisStale";
    /** The key, in a stored {@code analysisResult}, of the hash of the {@code inputData} it read. */
    public static final String INPUT_SHA256 = "input_sha256";

    public Experiment {
        contract = contract == null ? Contract.of(null) : contract;
        window = window == null ? Window.OPEN : window;
        decision = decision == null ? Decision.NONE : decision;
        stamp = stamp == null ? Stamp.UNWRITTEN : stamp;
        lineage = lineage == null ? Lineage.NONE : lineage;
        learnings = learnings == null ? List.of() : List.copyOf(learnings);
    }

    /** A new record, not written yet: a draft whose hypothesis is {@code hypothesis} (the project's, by default). */
    public static Experiment draft(String slug, String hypothesis) {
        return new Experiment(
                slug,
                Contract.of(hypothesis),
                null,
                Window.OPEN,
                null,
                null,
                Status.DRAFT,
                Decision.NONE,
                null,
                Lineage.NONE,
                List.of(),
                null,
                Stamp.UNWRITTEN);
    }

    public Experiment withContract(Contract newContract) {
        return new Experiment(
                slug,
                newContract,
                trafficWeights,
                window,
                inputData,
                analysisResult,
                status,
                decision,
                claim,
                lineage,
                learnings,
                preregistration,
                stamp);
    }

    public Experiment withTrafficWeights(Map<String, Double> newWeights) {
        return new Experiment(
                slug,
                contract,
                newWeights,
                window,
                inputData,
                analysisResult,
                status,
                decision,
                claim,
                lineage,
                learnings,
                preregistration,
                stamp);
    }

    public Experiment withWindow(Window newWindow) {
        return new Experiment(
                slug,
                contract,
                trafficWeights,
                newWindow,
                inputData,
                analysisResult,
                status,
                decision,
                claim,
                lineage,
                learnings,
                preregistration,
                stamp);
    }

    public Experiment withInputData(JsonNode newInputData) {
        return new Experiment(
                slug,
                contract,
                trafficWeights,
                window,
                newInputData,
                analysisResult,
                status,
                decision,
                claim,
                lineage,
                learnings,
                preregistration,
                stamp);
    }

    /** This record with an analysis result. */
    public Experiment withAnalysis(JsonNode result) {
        return new Experiment(
                slug,
                contract,
                trafficWeights,
                window,
                inputData,
                result,
                status,
                decision,
                claim,
                lineage,
                learnings,
                preregistration,
                stamp);
    }

    public Experiment withDecision(Decision newDecision) {
        return new Experiment(
                slug,
                contract,
                trafficWeights,
                window,
                inputData,
                analysisResult,
                status,
                newDecision,
                claim,
                lineage,
                learnings,
                preregistration,
                stamp);
    }

    public Experiment withClaim(String newClaim) {
        return new Experiment(
                slug,
                contract,
                trafficWeights,
                window,
                inputData,
                analysisResult,
                status,
                decision,
                newClaim,
                lineage,
                learnings,
                preregistration,
                stamp);
    }

    /** This record in another place in the program (a parent, a holdout plan). */
    public Experiment withLineage(Lineage newLineage) {
        return new Experiment(
                slug,
                contract,
                trafficWeights,
                window,
                inputData,
                analysisResult,
                status,
                decision,
                claim,
                newLineage,
                learnings,
                preregistration,
                stamp);
    }

    /** This record with {@code learning} after those it has. */
    public Experiment withLearning(Learning learning) {
        List<Learning> all = new ArrayList<>(learnings);
        all.add(learning);
        return new Experiment(
                slug,
                contract,
                trafficWeights,
                window,
                inputData,
                analysisResult,
                status,
                decision,
                claim,
                lineage,
                all,
                preregistration,
                stamp);
    }

    /** This record with a new lifecycle state. */
    public Experiment withLifecycle(Status newStatus, Preregistration newPreregistration, String newObservationEnd) {
        return new Experiment(
                slug,
                contract,
                trafficWeights,
                window.withEnd(newObservationEnd),
                inputData,
                analysisResult,
                newStatus,
                decision,
                claim,
                lineage,
                learnings,
                newPreregistration,
                stamp);
    }

    /** This record as written at {@code newRevision}. */
    public Experiment withRevision(long newRevision, String newCreatedAt, String newUpdatedAt) {
        return new Experiment(
                slug,
                contract,
                trafficWeights,
                window,
                inputData,
                analysisResult,
                status,
                decision,
                claim,
                lineage,
                learnings,
                preregistration,
                new Stamp(newRevision, newCreatedAt, newUpdatedAt));
    }

    /** The revision of the stored record, 0 before its first write. */
    public long revision() {
        return stamp.revision();
    }

    /** The slug of the experiment this one follows from, or null. */
    public String parent() {
        return lineage.parent();
    }

    /** The override the decision was taken under, if the gate failed; null otherwise. */
    public DecisionOverride override() {
        return decision.override();
    }

    /**
     * Whether the stored analysis is not known to be of the stored {@code inputData}: true when its
     * {@code input_sha256} differs from {@link #inputSha256(JsonNode)} of the data now, or is absent (an analysis
     * stored by a version before the Integrity rules cannot be shown current); null when there is no analysis.
     */
    public Boolean analysisStale() {
        return analysisStale(analysisResult, inputData);
    }

    static Boolean analysisStale(JsonNode analysisResult, JsonNode inputData) {
        if (analysisResult == null || analysisResult.isNull()) {
            return null;
        }
        JsonNode recorded = analysisResult.get(INPUT_SHA256);
        return recorded == null || !recorded.isTextual() || !recorded.asText().equals(inputSha256(inputData));
    }

    /** The record's JSON as a back end keeps it: without what is derived when it is shown ({@code analysisStale}). */
    public ObjectNode storedJson() {
        ObjectNode stored = (ObjectNode) Json.toTree(this);
        stored.remove(ANALYSIS_STALE);
        return stored;
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
