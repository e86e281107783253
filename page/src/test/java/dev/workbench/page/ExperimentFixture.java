package dev.workbench.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Experiments taken through the workbench's own services, as a user's calls would, and their view parsed. */
final class ExperimentFixture {
    /** Clicks (primary) and refunds (a lower-is-better guardrail) of a and b. */
    static final String CLICK_DATA = "{\"metrics\":{"
            + "\"click\":{\"a\":{\"n\":1971,\"k\":219},\"b\":{\"n\":2029,\"k\":283}},"
            + "\"refund\":{\"inverse\":true,\"a\":{\"n\":1971,\"k\":40},\"b\":{\"n\":2029,\"k\":41}}}}";

    final Workbench wb;
    final ExperimentAnalysis analysis;

    ExperimentFixture(Path root, String day) {
        wb = new Workbench(root, Clock.fixed(Instant.parse(day + "T10:00:00Z"), ZoneOffset.UTC));
        analysis = new ExperimentAnalysis(wb.experiments(), wb.backend());
    }

    Experiment upsert(String json) {
        try {
            return wb.experiments()
                    .upsert(Json.strict().readValue(json, ExperimentPatch.class))
                    .experiment();
        } catch (java.io.IOException e) {
            if (e.getCause() instanceof WorkbenchException we) {
                throw we;
            }
            throw new AssertionError(e);
        }
    }

    /** A draft click experiment, a and b, with a refund guardrail and a minimum sample of 100. */
    Experiment draft(String slug, String method, String hypothesis) {
        ObjectNode patch = Json.mapper().createObjectNode();
        patch.put("slug", slug).put("method", method).put("hypothesis", hypothesis);
        patch.put("primaryMetricEvent", "click").put("controlVariant", "a");
        patch.putArray("treatmentVariants").add("b");
        patch.putArray("guardrailEvents").add("refund");
        patch.put("minimumSample", 100).put("observationStart", "2026-11-01");
        return upsert(patch.toString());
    }

    /** {@code slug} collecting {@code data} (or given new data while analyzing). */
    Experiment data(String slug, String data) {
        return upsert("{\"slug\":\"" + slug + "\",\"status\":\"collecting\",\"inputData\":" + data + "}");
    }

    Experiment newData(String slug, String data) {
        return upsert("{\"slug\":\"" + slug + "\",\"inputData\":" + data + "}");
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
                + (override == null
                        ? ""
                        : ",\"override\":{\"reason\":" + Json.mapper().valueToTree(override) + "}")
                + "}");
    }

    Optional<Page> page(String rest) {
        return new ExperimentView(wb).render(rest, new PageRequest(Map.of(), Links.SERVED, "token"));
    }

    /** The view of {@code slug} as a browser parses it. */
    Document view(String slug) {
        Page page = page(slug).orElseThrow();
        Document doc = Jsoup.parse("<main>" + page.body() + "</main>");
        PageChecks.idsUnique(doc);
        return doc;
    }
}
