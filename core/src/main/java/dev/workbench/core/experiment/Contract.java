package dev.workbench.core.experiment;

import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an experiment promises to test, frozen when it starts collecting (CONTRACT section 2): the hypothesis, the
 * method, the metrics, the variants, the minimum sample and the prior; and, since the Metrics issue, where the data
 * comes from (the {@link Assignment} and the {@link MetricDefinition}s) and the basis of the minimum sample. The
 * preregistration hash covers exactly these fields, so that anyone can show that none of them moved after the data
 * came in.
 *
 * @param metricDefinitions by event name; null when the data is written by hand
 * @param minimumSampleBasis where {@code minimumSample} came from (a {@code plan-sample-size} step, say), free text
 */
public record Contract(
        String hypothesis,
        Method method,
        String primaryMetricEvent,
        List<String> guardrailEvents,
        String controlVariant,
        List<String> treatmentVariants,
        Long minimumSample,
        Prior prior,
        Assignment assignment,
        Map<String, MetricDefinition> metricDefinitions,
        String minimumSampleBasis) {

    /**
     * The frozen fields by their record names, in the order they are hashed; changing one is {@code CONTRACT_FROZEN}.
     * The last three came later: they are hashed only when set, so a contract frozen before them keeps its hash.
     */
    public static final List<String> FIELDS = List.of(
            "hypothesis",
            "method",
            "primaryMetricEvent",
            "guardrailEvents",
            "controlVariant",
            "treatmentVariants",
            "minimumSample",
            "priorProper",
            "priorMean",
            "priorStddev",
            "minimumSampleBasis",
            "assignment",
            "metricDefinitions");

    /** A contract that says nothing yet but what the hypothesis is (it defaults to the project's). */
    public static Contract of(String hypothesis) {
        return new Contract(hypothesis, null, null, null, null, null, null, Prior.NONE);
    }

    public Contract {
        prior = prior == null ? Prior.NONE : prior;
        metricDefinitions =
                metricDefinitions == null ? null : Collections.unmodifiableMap(new TreeMap<>(metricDefinitions));
    }

    /** A contract without data definitions, as every contract was before the Metrics issue. */
    public Contract(
            String hypothesis,
            Method method,
            String primaryMetricEvent,
            List<String> guardrailEvents,
            String controlVariant,
            List<String> treatmentVariants,
            Long minimumSample,
            Prior prior) {
        this(
                hypothesis,
                method,
                primaryMetricEvent,
                guardrailEvents,
                controlVariant,
                treatmentVariants,
                minimumSample,
                prior,
                null,
                null,
                null);
    }

    /** Whether the data can be collected from its definitions: an assignment and at least one metric. */
    public boolean definesData() {
        return assignment != null && metricDefinitions != null && !metricDefinitions.isEmpty();
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

    /**
     * The frozen fields in {@link #FIELDS} order, nulls included, so that a missing field hashes the same every time;
     * except the three added later, which appear only when set (metric definitions with their events sorted).
     */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hypothesis", hypothesis);
        fields.put("method", method);
        fields.put("primaryMetricEvent", primaryMetricEvent);
        fields.put("guardrailEvents", guardrailEvents == null ? List.of() : guardrailEvents);
        fields.put("controlVariant", controlVariant);
        fields.put("treatmentVariants", treatmentVariants == null ? List.of() : treatmentVariants);
        fields.put("minimumSample", minimumSample);
        fields.put("priorProper", prior.proper());
        fields.put("priorMean", prior.mean());
        fields.put("priorStddev", prior.stddev());
        if (minimumSampleBasis != null) {
            fields.put("minimumSampleBasis", minimumSampleBasis);
        }
        if (assignment != null) {
            fields.put("assignment", assignment);
        }
        if (metricDefinitions != null) {
            fields.put("metricDefinitions", metricDefinitions);
        }
        return fields;
    }

    /**
     * SHA-256 (hex) of the frozen fields in {@link Json#canonical} form: one compact JSON object with keys in the
     * order of {@link #FIELDS}, nulls written out, absent lists as {@code []}, for example
     * {@code {"hypothesis":"…","method":"bayesian_ab",…,"priorProper":null,"priorMean":null,"priorStddev":null}};
     * then, when set, {@code "minimumSampleBasis":"…"}, {@code "assignment":{"source":"…","sql":"…"}} and
     * {@code "metricDefinitions":{event:{"sql":"…","type":"binary","windowHours":null,"inverse":null,"covariateDays":null}}}.
     * Anyone can recompute it from the record.
     */
    public String sha256() {
        return Sha256.of(Json.canonical(fields()).getBytes(StandardCharsets.UTF_8));
    }
}
