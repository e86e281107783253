package dev.workbench.core.program;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.ExperimentAnalysis;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.stats.BanditAnalysis;
import dev.workbench.core.stats.FrequentistAnalysis;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A workbench in a temporary folder with the calls the clean-result tests make through the real services: upsert,
 * analyse with each engine, decide (through the gate, or over it with an override).
 */
final class ProgramBench {
    final Workbench wb;
    final ExperimentAnalysis analysis;

    ProgramBench(Path root) {
        wb = new Workbench(root, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
        analysis = new ExperimentAnalysis(wb.experiments(), wb.backend());
    }

    Experiment upsert(String json) {
        try {
            return wb.experiments()
                    .upsert(Json.strict().readValue(json, ExperimentPatch.class))
                    .experiment();
        } catch (WorkbenchException e) {
            throw e;
        } catch (Exception e) {
            if (e.getCause() instanceof WorkbenchException we) {
                throw we;
            }
            throw new AssertionError(e);
        }
    }

    /** A contract ready to collect: control a, the given treatments, primary click, a window, then collecting. */
    Experiment collecting(String slug, String method, String extraFields, String inputData) {
        upsert("{\"slug\":\"" + slug + "\",\"method\":\"" + method + "\",\"primaryMetricEvent\":\"click\","
                + "\"controlVariant\":\"a\",\"observationStart\":\"2026-11-01\"," + extraFields + "}");
        return upsert("{\"slug\":\"" + slug + "\",\"status\":\"collecting\",\"inputData\":" + inputData + "}");
    }

    JsonNode bayesian(String slug) {
        analysis.bayesian(new ExperimentAnalysis.Target(slug, null, false, null));
        return stored(slug);
    }

    JsonNode frequentist(String slug) {
        analysis.frequentist(
                new ExperimentAnalysis.Target(slug, null, false, null), FrequentistAnalysis.Options.defaults());
        return stored(slug);
    }

    JsonNode bandit(String slug) {
        analysis.bandit(new ExperimentAnalysis.Target(slug, null, false, null), BanditAnalysis.Options.defaults());
        return stored(slug);
    }

    JsonNode stored(String slug) {
        return wb.experiments().get(slug).analysisResult();
    }

    Experiment decide(String slug, String override) {
        return upsert("{\"slug\":\"" + slug + "\",\"status\":\"decided\",\"decision\":\"ship b\","
                + "\"decisionSummary\":\"b converts better\",\"decisionReason\":\"the analysis says so\""
                + (override == null ? "" : ",\"override\":{\"reason\":\"" + override + "\"}") + "}");
    }

    CleanResult result(String slug) {
        return new CleanResults(wb).of(slug);
    }

    String markdown(String slug) {
        return CleanResultMarkdown.render(result(slug));
    }

    /** Click conversions of a and b over n units each, and refunds (lower is better). */
    static String clicksAndRefunds(long n, long clicksA, long clicksB, long refundsA, long refundsB) {
        return "{\"metrics\":{\"click\":{\"a\":{\"n\":" + n + ",\"k\":" + clicksA + "},\"b\":{\"n\":" + n + ",\"k\":"
                + clicksB + "}},\"refund\":{\"inverse\":true,\"a\":{\"n\":" + n + ",\"k\":" + refundsA
                + "},\"b\":{\"n\":" + n + ",\"k\":" + refundsB + "}}}}";
    }
}
