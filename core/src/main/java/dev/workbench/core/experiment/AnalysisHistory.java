package dev.workbench.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.store.ExperimentRecords;
import java.util.List;

/**
 * The history of an experiment's stored analyses: one entry per stored analysis, appended in the transaction that
 * stores it, so the lift over time and the rounds of a bandit can be read back after the record holds only the
 * latest analysis. An entry: {@code at}, {@code revision} (of the record the analysis was stored at), {@code type},
 * {@code input_sha256}, {@code n} (per variant, of the primary metric), {@code srm_p}, {@code checks} (when the
 * analysis has them); for a Bayesian analysis {@code verdict} and {@code treatments[]} ({@code variant},
 * {@code lift}, {@code ci_lower}, {@code ci_upper}, {@code chance_to_win}, {@code error}), and for a frequentist one
 * the same with {@code chance_to_win} null and {@code p_value}, {@code significant} added; for a bandit
 * {@code bandit_weights}, {@code best_arm_probabilities} and {@code stopping}.
 */
public final class AnalysisHistory {

    private final ExperimentRecords records;

    public AnalysisHistory(ExperimentRecords records) {
        this.records = records;
    }

    /** The last {@code max} entries for {@code slug}, oldest first; empty when nothing was analysed. */
    public List<JsonNode> recent(String slug, int max) {
        return records.recentAnalyses(slug, max);
    }

    /** How many analyses of {@code slug} were stored. */
    public long count(String slug) {
        return records.analysisCount(slug);
    }

    /** Appends the entry for {@code result}, stored on {@code record} at {@code revision}. Inside a transaction. */
    void append(Experiment record, long revision, JsonNode result) {
        records.appendAnalysis(record.slug(), line(record, revision, result));
    }

    static ObjectNode line(Experiment record, long revision, JsonNode result) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.set("at", result.path("computed_at").isMissingNode() ? null : result.get("computed_at"));
        line.put("revision", revision);
        line.set("type", result.get("type"));
        line.set(Experiment.INPUT_SHA256, result.get(Experiment.INPUT_SHA256));
        ObjectNode n = line.putObject("n");
        Contract contract = record.contract();
        JsonNode primary = record.inputData() == null || contract.primaryMetricEvent() == null
                ? null
                : record.inputData().path("metrics").path(contract.primaryMetricEvent());
        for (String variant : contract.variants()) {
            JsonNode units = primary == null ? null : primary.path(variant).get("n");
            n.set(variant, units == null ? null : units);
        }
        JsonNode srm = result.path("srm");
        line.set("srm_p", srm.has("chi2_p_value") ? srm.get("chi2_p_value") : null);
        copy(result, line, "checks");
        if ("bandit".equals(result.path("type").asText())) {
            copy(result, line, "bandit_weights");
            copy(result, line, "best_arm_probabilities");
            copy(result, line, "stopping");
        } else {
            JsonNode metric = result.path("primary_metric");
            copy(metric, line, "verdict");
            ArrayNode treatments = line.putArray("treatments");
            for (JsonNode c : metric.path("comparisons")) {
                ObjectNode t = treatments.addObject();
                t.set("variant", c.get("variant"));
                t.set("lift", c.get("relative_change"));
                t.set("ci_lower", c.get("ci_lower"));
                t.set("ci_upper", c.get("ci_upper"));
                t.set("chance_to_win", c.get("chance_to_win"));
                if (c.has("p_value")) {
                    t.set("p_value", c.get("p_value"));
                    t.set("significant", c.get("significant"));
                }
                t.set("error", c.get("error"));
            }
        }
        return line;
    }

    private static void copy(JsonNode from, ObjectNode to, String key) {
        if (from.has(key)) {
            to.set(key, from.get(key));
        }
    }
}
