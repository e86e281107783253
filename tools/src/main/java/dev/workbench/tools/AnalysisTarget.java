package dev.workbench.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Experiments;
import java.time.Instant;
import java.util.function.Function;

/**
 * What both analysis tools share: the experiment comes either by {@code slug} (read from the store, the result
 * stored back unless {@code dryRun}) or inline as {@code experiment} (nothing stored). By slug, the record must
 * be collecting or analyzing ({@code NOT_COLLECTING} for a draft, dry run or not: analysing data before the
 * freeze is what the freeze prevents; {@code INVALID_TRANSITION} to store onto a decided or archived record, whose
 * dry run is allowed). A result by slug carries {@code input_sha256}, the hash of the data it read.
 */
final class AnalysisTarget {
    private AnalysisTarget() {}

    static void check(String slug, JsonNode experiment) {
        if ((slug == null) == (experiment == null || experiment.isNull())) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT,
                    "give exactly one of slug (a stored experiment) and experiment (record fields inline)");
        }
        if (slug != null) {
            dev.workbench.core.Check.slug(slug, "slug");
        } else if (!experiment.isObject()) {
            throw dev.workbench.core.Check.invalid("experiment", "an object with the record's fields", experiment.getNodeType());
        }
    }

    /**
     * Runs {@code analysis} on the target and, for a stored experiment outside a dry run, stores the result.
     *
     * @param kind for the activity title, e.g. "Bayesian analysis"
     */
    static ObjectNode run(Workbench wb, String slug, JsonNode inline, boolean dryRun, Long expectedRevision, String kind,
                          Function<JsonNode, ObjectNode> analysis) {
        if (slug == null) {
            return analysis.apply(inline);
        }
        if (dryRun) {
            Experiment record = wb.experiments().get(slug);
            Experiments.requireAnalysable(record, true);
            return Experiment.boundTo(analysis.apply(Json.toTree(record)), record.inputData());
        }
        // Read, analyse and store under one lock: the stored result is always of the data it sits beside, and
        // its input_sha256 says which.
        return wb.store().transaction(() -> {
            Experiment record = wb.experiments().get(slug);
            Experiments.requireAnalysable(record, false);
            ObjectNode result = analysis.apply(Json.toTree(record));
            Experiment stored = wb.experiments().storeAnalysis(slug, result, expectedRevision,
                    kind + " of " + slug + ": " + summary(result));
            return (ObjectNode) stored.analysisResult();
        });
    }

    static Instant now(Workbench wb) {
        return Instant.now(wb.store().clock()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static String summary(ObjectNode result) {
        JsonNode verdict = result.path("primary_metric").path("verdict");
        if (!verdict.isMissingNode()) {
            return verdict.asText();
        }
        JsonNode stopping = result.path("stopping");
        return result.path("bandit_weights").isNull() ? result.path("update_message").asText("burn-in")
                : "best arm " + stopping.path("best_arm").asText() + " (P(best) " + String.format("%.3f",
                stopping.path("p_best").asDouble()) + ")";
    }
}
