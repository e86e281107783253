package dev.workbench.server;

import static dev.workbench.server.McpCalls.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.program.SeedHoldoutSeries;
import dev.workbench.server.stdio.InProcessSession;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole experiment program through a real MCP client (issue 16's test): a claim; three launches decided through the
 * gates, on data that reproduces the original results of the seed's three holdout series; a learning; the clean result
 * before and after a person's approval; each launch's holdout checkpoints analysed on data that reproduces its series,
 * and the trend analyze-holdout reads; follow-ups proposed with the posterior as prior; the claim's roll-up, and its
 * status set by a person. The person is the client's elicitation handler: it accepts, and every question it was shown
 * is kept to check what the person saw.
 */
class ProgramMcpTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String CLAIM = "short-forms-last";

    @TempDir
    Path root;

    InProcessSession session;
    final List<String> asked = new ArrayList<>();

    /** A session whose clock reads {@code day}, with a person who accepts whatever they are asked. */
    private void on(String day) {
        if (session != null) {
            session.close();
        }
        session = InProcessSession.open(
                new Workbench(root, Clock.fixed(Instant.parse(day + "T09:00:00Z"), ZoneOffset.UTC)),
                spec -> spec.capabilities(McpSchema.ClientCapabilities.builder()
                                .elicitation()
                                .build())
                        .elicitation(request -> {
                            asked.add(request.message());
                            return new McpSchema.ElicitResult(
                                    McpSchema.ElicitResult.Action.ACCEPT, Map.of("feedback", "checked"));
                        }));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private JsonNode call(String tool, Map<String, Object> arguments) {
        return McpCalls.call(session.client(), tool, arguments);
    }

    private JsonNode ok(String tool, Map<String, Object> arguments) {
        return McpCalls.ok(session.client(), tool, arguments);
    }

    private String resource(String uri) {
        return McpCalls.text(session.client(), uri);
    }

    private JsonNode resourceJson(String uri) throws Exception {
        return PLAIN.readTree(resource(uri));
    }

    private void collectAndAnalyse(String slug, SeedHoldoutSeries.Point point, double controlShare) {
        Object data = Json.mapper()
                .convertValue(
                        SeedHoldoutSeries.inputData(point, "purchase", "control", "shipped", controlShare), Map.class);
        ok("upsert-experiment", args("slug", slug, "status", "collecting", "inputData", data));
        ok("analyze-bayesian", args("slug", slug));
    }

    private static String launch(SeedHoldoutSeries.Series s) {
        return "checkout-" + s.trend().wireName();
    }

    /** A launch decided through the gates: refused before any analysis, decided once the stored analysis is current. */
    private void decidedLaunch(SeedHoldoutSeries.Series s) {
        String slug = launch(s);
        ok(
                "upsert-experiment",
                args(
                        "slug",
                        slug,
                        "claim",
                        CLAIM,
                        "method",
                        "bayesian_ab",
                        "primaryMetricEvent",
                        "purchase",
                        "controlVariant",
                        "control",
                        "treatmentVariants",
                        List.of("shipped"),
                        "observationStart",
                        "2026-05-01",
                        "trafficWeights",
                        args("control", 0.5, "shipped", 0.5)));
        Object data = Json.mapper()
                .convertValue(
                        SeedHoldoutSeries.inputData(s.original(), "purchase", "control", "shipped", 0.5), Map.class);
        ok("upsert-experiment", args("slug", slug, "status", "collecting", "inputData", data));
        Map<String, Object> decide = args(
                "slug", slug,
                "status", "decided",
                "decision", "ship shipped",
                "decisionSummary", "the short form, from the stored analysis",
                "decisionReason", "chance to win " + s.original().chanceToWin());
        assertThat(call("upsert-experiment", decide).at("/error/code").asText())
                .as("no decision without an analysis")
                .isNotEmpty();
        ok("analyze-bayesian", args("slug", slug));
        assertThat(ok("upsert-experiment", decide).get("status").asText()).isEqualTo("decided");
    }

    @Test
    void aWholeProgram_claimLaunchesLearningsCleanResultsHoldoutsFollowUpsAndTheRollUp() throws Exception {
        on("2026-05-20");
        ok(
                "update-project",
                args(
                        "name", "Checkout",
                        "hypothesis", "A shorter checkout form raises completed purchases",
                        "primaryMetric", "purchase"));
        JsonNode claim = ok(
                "upsert-claim",
                args("slug", CLAIM, "statement", "A shorter checkout form raises purchases, and the lift lasts"));
        assertThat(claim.at("/claim/status").asText()).isEqualTo("open");

        for (SeedHoldoutSeries.Series s : SeedHoldoutSeries.all()) {
            decidedLaunch(s);
        }
        String holds = launch(SeedHoldoutSeries.HOLDS);
        ok(
                "record-learning",
                args(
                        "experiment", holds,
                        "whatChanged", "the checkout form lost four optional fields",
                        "whatHappened", "purchases rose by about 8 % at the decision",
                        "confirmedOrRefuted", "confirmed",
                        "whyItHappened", "fewer fields, fewer abandoned forms",
                        "nextHypothesis", "Remembering the address raises purchases further"));

        // The clean result is a draft until a person approves the experiment's review.
        String uri = "aw://experiments/" + holds + "/result";
        String draft = resource(uri);
        assertThat(draft).contains("Draft — awaiting approval").contains("fewer fields, fewer abandoned forms");
        ok("review-stage", args("experiment", holds, "action", "execute"));
        ok(
                "review-stage",
                args(
                        "experiment",
                        holds,
                        "action",
                        "review",
                        "checks",
                        List.of(args("name", "numbers are the stored analysis's", "passed", true)),
                        "interpretation",
                        "the short form wins; a holdout will tell whether it lasts"));
        JsonNode approved = ok("review-stage", args("experiment", holds, "action", "approve"));
        assertThat(approved.get("state").asText()).isEqualTo("APPROVED");
        assertThat(asked.get(asked.size() - 1))
                .as("the person is shown the text they approve")
                .contains("What you approve", "# Clean result: " + holds, "fewer fields, fewer abandoned forms");
        String clean = resource(uri);
        assertThat(clean).doesNotContain("Draft — awaiting approval").contains("**Approved** by");

        for (SeedHoldoutSeries.Series s : SeedHoldoutSeries.all()) {
            ok("plan-holdout", args("slug", launch(s), "percentage", 5, "launchedAt", "2026-06-01"));
        }
        assertThat(resource(uri))
                .as("the holdout plan changed the approved record: the approval no longer holds")
                .contains("Draft — awaiting approval", "approval stale");

        on("2026-09-15");
        assertThat(ok("get-project", args()).get("holdoutChecksDue")).hasSize(9);
        for (SeedHoldoutSeries.Series s : SeedHoldoutSeries.all()) {
            for (int i = 0; i < SeedHoldoutSeries.DAYS.size(); i++) {
                String checkpoint = launch(s) + "-holdout-" + SeedHoldoutSeries.DAYS.get(i) + "d";
                collectAndAnalyse(checkpoint, s.checkpoints().get(i), 0.05);
            }
            JsonNode report = ok("analyze-holdout", args("slug", launch(s)));
            assertThat(report.get("trend").asText())
                    .as("%s: %s", s, report.get("reason").asText())
                    .isEqualTo(s.trend().wireName());
        }
        assertThat(ok("get-project", args()).get("holdoutChecksDue")).isEmpty();

        JsonNode proposal = ok("propose-follow-ups", args("slug", holds));
        JsonNode created = proposal.at("/created/0");
        JsonNode parent = ok("get-experiment", args("slug", holds));
        JsonNode shipped = parent.at("/analysisResult/primary_metric/comparisons/0");
        assertThat(shipped.get("variant").asText()).isEqualTo("shipped");
        JsonNode followUp =
                ok("get-experiment", args("slug", created.get("slug").asText()));
        assertThat(followUp.get("status").asText()).isEqualTo("draft");
        assertThat(followUp.get("parent").asText()).isEqualTo(holds);
        assertThat(followUp.get("claim").asText()).isEqualTo(CLAIM);
        assertThat(followUp.get("hypothesis").asText()).isEqualTo("Remembering the address raises purchases further");
        assertThat(followUp.get("priorProper").asBoolean()).isTrue();
        assertThat(followUp.get("priorMean").asDouble())
                .isEqualTo(shipped.get("relative_change").asDouble());
        assertThat(followUp.get("priorStddev").asDouble())
                .isEqualTo(shipped.get("se_rel").asDouble());
        assertThat(followUp.get("minimumSample").asLong()).isPositive();
        assertThat(followUp.get("minimumSampleBasis").asText()).isNotBlank();

        String result = resource(uri);
        assertThat(result).contains(created.get("slug").asText(), holds + "-holdout-90d", "**Trend: holds");

        // The write-up changed since it was approved (holdout, follow-up): a person approves it as it is now.
        ok("review-stage", args("experiment", holds, "action", "execute"));
        ok(
                "review-stage",
                args(
                        "experiment",
                        holds,
                        "action",
                        "review",
                        "checks",
                        List.of(args("name", "the holdout holds", "passed", true)),
                        "interpretation",
                        "the lift lasted through day 90"));
        ok("review-stage", args("experiment", holds, "action", "approve"));
        assertThat(asked.get(asked.size() - 1)).contains("**Trend: holds");
        assertThat(resource(uri)).contains("**Approved** by").doesNotContain("Draft — awaiting approval");

        JsonNode rollup = resourceJson("aw://claims/" + CLAIM);
        assertThat(rollup.get("experiments"))
                .as("3 launches, 9 checkpoints, 1 follow-up")
                .hasSize(13);
        for (JsonNode e : rollup.get("experiments")) {
            if (!e.hasNonNull("parent")) {
                assertThat(e.get("status").asText()).isEqualTo("decided");
                assertThat(e.get("decision").asText()).isEqualTo("ship shipped");
                assertThat(e.at("/holdout/trend").asText())
                        .isEqualTo(e.get("slug").asText().substring("checkout-".length()));
            }
            if (e.get("slug").asText().equals(holds)) {
                assertThat(e.at("/learnings/0/nextHypothesis").asText()).startsWith("Remembering the address");
            }
        }

        int before = asked.size();
        JsonNode mixed = ok("upsert-claim", args("slug", CLAIM, "status", "mixed"));
        assertThat(mixed.at("/claim/status").asText()).isEqualTo("mixed");
        assertThat(mixed.get("approved").asBoolean()).isTrue();
        assertThat(asked).hasSize(before + 1);
        assertThat(asked.get(before)).contains("MIXED", launch(SeedHoldoutSeries.DECAYS), "holdout trend: decays");
        assertThat(resourceJson("aw://claims").toString()).contains("\"status\":\"mixed\"");
    }
}
