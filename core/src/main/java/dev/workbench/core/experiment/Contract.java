package dev.workbench.core.experiment;

import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an experiment promises to test, frozen when it starts collecting (CONTRACT section 2): the hypothesis, the
 * method, the metrics, the variants, the minimum sample and the prior. The preregistration hash covers exactly these
 * fields, so that anyone can show that none of them moved after the data came in.
 */
public record Contract(
        String hypothesis,
        Method method,
        String primaryMetricEvent,
        List<String> guardrailEvents,
        String controlVariant,
        List<String> treatmentVariants,
        Long minimumSample,
        Prior prior) {

    /** The frozen fields by their record names, in the order they are hashed; changing one is {@code CONTRACT_FROZEN}. */
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
            "priorStddev");

    /** A contract that says nothing yet but what the hypothesis is (it defaults to the project's). */
    public static Contract of(String hypothesis) {
        return new Contract(hypothesis, null, null, null, null, null, null, Prior.NONE);
    }

    public Contract {
        prior = prior == null ? Prior.NONE : prior;
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

    /** The frozen fields in {@link #FIELDS} order, nulls included, so that a missing field hashes the same every time. */
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
        return fields;
    }

    /**
     * SHA-256 (hex) of the frozen fields in {@link Json#canonical} form: one compact JSON object with keys in the
     * order of {@link #FIELDS}, nulls written out, absent lists as {@code []}, for example
     * {@code {"hypothesis":"…","method":"bayesian_ab",…,"priorProper":null,"priorMean":null,"priorStddev":null}}.
     * Anyone can recompute it from the record.
     */
    public String sha256() {
        return Sha256.of(Json.canonical(fields()).getBytes(StandardCharsets.UTF_8));
    }
}
