package dev.workbench.server;

import static dev.workbench.server.McpCalls.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Workbench;
import dev.workbench.server.stdio.InProcessSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Program issue's learnings and follow-ups (issue 16, Deliver 2 and 4) through a real MCP client: an experiment
 * decided through the gate, its learning, and a follow-up proposed from it with the parent's posterior as prior.
 */
class ProgramLearningsMcpTest {

    @TempDir
    Path root;

    InProcessSession session;

    @BeforeEach
    void start() {
        session = InProcessSession.open(new Workbench(root));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private JsonNode ok(String tool, Map<String, Object> arguments) {
        return McpCalls.ok(session.client(), tool, arguments);
    }

    private String refused(String code, String tool, Map<String, Object> arguments) {
        return McpCalls.refused(session.client(), root, code, tool, arguments);
    }

    private Map<String, Object> learning() {
        return args(
                "experiment",
                "cta",
                "whatChanged",
                "The checkout form cut from 9 fields to 4 (variant b)",
                "whatHappened",
                "Completed checkouts 11.1% → 13.9%, chance to win 0.99",
                "confirmedOrRefuted",
                "confirmed",
                "whyItHappened",
                "Less effort to finish; a novelty effect is not ruled out",
                "nextHypothesis",
                "Showing the steps left raises completion further");
    }

    @Test
    void aDecidedExperiment_itsLearning_andAFollowUpWithItsPosteriorAsPrior() {
        ok(
                "upsert-experiment",
                args(
                        "slug",
                        "cta",
                        "method",
                        "bayesian_ab",
                        "primaryMetricEvent",
                        "click",
                        "controlVariant",
                        "a",
                        "treatmentVariants",
                        List.of("b"),
                        "observationStart",
                        "2026-11-01",
                        "minimumSample",
                        100));
        ok(
                "upsert-experiment",
                args(
                        "slug",
                        "cta",
                        "status",
                        "collecting",
                        "inputData",
                        args(
                                "metrics",
                                args("click", args("a", args("n", 1971, "k", 219), "b", args("n", 2029, "k", 283))))));
        assertThat(refused("INVALID_INPUT", "record-learning", learning()))
                .contains("experiment: expected an experiment with a result", "status collecting");
        ok("analyze-bayesian", args("slug", "cta"));
        ok(
                "upsert-experiment",
                args(
                        "slug",
                        "cta",
                        "status",
                        "decided",
                        "decision",
                        "ship b",
                        "decisionSummary",
                        "b converts better",
                        "decisionReason",
                        "chance to win 0.99"));

        JsonNode learned = ok("record-learning", learning());
        assertThat(learned.path("index").asInt()).isZero();
        JsonNode record = ok("get-experiment", args("slug", "cta"));
        assertThat(record.path("revision").asLong())
                .isEqualTo(learned.path("revision").asLong());
        assertThat(record.at("/learnings/0/nextHypothesis").asText())
                .isEqualTo("Showing the steps left raises completion further");
        JsonNode recent = ok("get-project", args()).path("recentActivity");
        assertThat(recent.get(recent.size() - 1).path("type").asText()).isEqualTo("experiment.learning");

        JsonNode proposal = ok("propose-follow-ups", args("slug", "cta"));
        JsonNode created = proposal.at("/created/0");
        JsonNode comparison = record.at("/analysisResult/primary_metric/comparisons/0");
        assertThat(created.at("/prior/mean").asDouble())
                .isEqualTo(comparison.path("relative_change").asDouble());
        assertThat(created.at("/prior/stddev").asDouble())
                .isEqualTo(comparison.path("se_rel").asDouble());
        JsonNode draft = ok("get-experiment", args("slug", created.path("slug").asText()));
        assertThat(draft.path("status").asText()).isEqualTo("draft");
        assertThat(draft.path("parent").asText()).isEqualTo("cta");
        assertThat(draft.path("hypothesis").asText()).isEqualTo("Showing the steps left raises completion further");
        assertThat(draft.path("priorProper").asBoolean()).isTrue();
        assertThat(draft.path("minimumSample").asLong())
                .isEqualTo(created.at("/sample/minimumSample").asLong())
                .isPositive();
        assertThat(draft.path("minimumSampleBasis").asText()).startsWith("propose-follow-ups from \"cta\"");

        assertThat(refused("INVALID_INPUT", "propose-follow-ups", args("slug", "cta", "hypotheses", List.of())))
                .contains("hypotheses");
    }
}
