package dev.workbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import com.fasterxml.jackson.databind.util.StdConverter;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The one place that knows the flat JSON form of an {@link Experiment}: the field names and order of the contract
 * (CONTRACT section 2), on disk and on the wire. {@link Experiment} is composed of small records; its JSON is this
 * {@link Form}, so files written before the record was composed read and write back byte for byte.
 */
final class ExperimentJson {
    private ExperimentJson() {}

    /**
     * The record as it is written: every field flat, in contract order, absent values left out by the mapper, and
     * {@code analysisStale} derived on every write and never read (it cannot drift from the data it describes,
     * whoever edits the file).
     */
    @JsonIgnoreProperties(
            value = {Experiment.ANALYSIS_STALE},
            allowGetters = true)
    record Form(
            String slug,
            String hypothesis,
            Method method,
            String primaryMetricEvent,
            List<String> guardrailEvents,
            String controlVariant,
            List<String> treatmentVariants,
            Map<String, Double> trafficWeights,
            Long minimumSample,
            String minimumSampleBasis,
            String observationStart,
            String observationEnd,
            Boolean priorProper,
            Double priorMean,
            Double priorStddev,
            Assignment assignment,
            Map<String, MetricDefinition> metricDefinitions,
            JsonNode inputData,
            JsonNode analysisResult,
            Status status,
            String decision,
            String decisionSummary,
            String decisionReason,
            String claim,
            String parent,
            Integer holdoutDay,
            Holdout holdout,
            List<Learning> learnings,
            Preregistration preregistration,
            DecisionOverride override,
            long revision,
            String createdAt,
            String updatedAt) {

        static Form of(Experiment e) {
            Contract c = e.contract();
            Decision d = e.decision();
            Stamp s = e.stamp();
            return new Form(
                    e.slug(),
                    c.hypothesis(),
                    c.method(),
                    c.primaryMetricEvent(),
                    c.guardrailEvents(),
                    c.controlVariant(),
                    c.treatmentVariants(),
                    e.trafficWeights(),
                    c.minimumSample(),
                    c.minimumSampleBasis(),
                    e.window().start(),
                    e.window().end(),
                    c.prior().proper(),
                    c.prior().mean(),
                    c.prior().stddev(),
                    c.assignment(),
                    c.metricDefinitions(),
                    e.inputData(),
                    e.analysisResult(),
                    e.status(),
                    d.choice(),
                    d.summary(),
                    d.reason(),
                    e.claim(),
                    e.lineage().parent(),
                    e.lineage().holdoutDay(),
                    e.lineage().holdout(),
                    e.learnings().isEmpty() ? null : e.learnings(),
                    e.preregistration(),
                    d.override(),
                    s.revision(),
                    s.createdAt(),
                    s.updatedAt());
        }

        Experiment experiment() {
            return new Experiment(
                    slug,
                    new Contract(
                            hypothesis,
                            method,
                            primaryMetricEvent,
                            guardrailEvents,
                            controlVariant,
                            treatmentVariants,
                            minimumSample,
                            new Prior(priorProper, priorMean, priorStddev),
                            assignment,
                            metricDefinitions,
                            minimumSampleBasis),
                    trafficWeights,
                    new Window(observationStart, observationEnd),
                    inputData,
                    analysisResult,
                    status,
                    new Decision(decision, decisionSummary, decisionReason, override),
                    claim,
                    new Lineage(parent, holdoutDay, holdout),
                    learnings,
                    preregistration,
                    new Stamp(revision, createdAt, updatedAt));
        }

        /** See {@link Experiment#analysisStale()}. */
        @JsonProperty(Experiment.ANALYSIS_STALE)
        @JsonPropertyDescription(
                "true when inputData changed since the stored analysis (or the analysis predates input_sha256); absent without an analysis")
        public Boolean analysisStale() {
            return Experiment.analysisStale(analysisResult, inputData);
        }
    }

    /** Reads a record from its {@link Form}. */
    static final class Reader extends StdConverter<Form, Experiment> {
        @Override
        public Experiment convert(Form form) {
            return form.experiment();
        }
    }

    /**
     * Writes a record as its {@link Form}, also unwrapped into an enclosing object ({@code upsert-experiment}'s
     * result is the record plus {@code created}), which a converter alone cannot do.
     */
    static final class Writer extends StdSerializer<Experiment> {
        /** How names are changed when unwrapped; null when the record is written as an object of its own. */
        private final NameTransformer unwrapper;

        private volatile JsonSerializer<Object> unwrapped;

        Writer() {
            this(null);
        }

        private Writer(NameTransformer unwrapper) {
            super(Experiment.class);
            this.unwrapper = unwrapper;
        }

        @Override
        public void serialize(Experiment value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            form(provider).serialize(Form.of(value), gen, provider);
        }

        private JsonSerializer<Object> form(SerializerProvider provider) throws IOException {
            JsonSerializer<Object> whole = provider.findValueSerializer(Form.class);
            if (unwrapper == null) {
                return whole;
            }
            JsonSerializer<Object> cached = unwrapped;
            if (cached == null) {
                cached = whole.unwrappingSerializer(unwrapper);
                unwrapped = cached;
            }
            return cached;
        }

        @Override
        public boolean isUnwrappingSerializer() {
            return unwrapper != null;
        }

        @Override
        public JsonSerializer<Experiment> unwrappingSerializer(NameTransformer transformer) {
            return new Writer(transformer);
        }
    }
}
