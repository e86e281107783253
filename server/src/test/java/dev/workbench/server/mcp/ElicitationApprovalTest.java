package dev.workbench.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.Workbench;
import dev.workbench.core.review.StageCheck;
import dev.workbench.server.stdio.InProcessSession;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approval over MCP: a client that answers elicitation (accept, decline) and one that cannot ask anyone. */
class ElicitationApprovalTest {
    @TempDir
    Path root;

    @BeforeEach
    void reviewedArea() throws Exception {
        Files.writeString(root.resolve("report.md"), "# Report\n");
        Workbench wb = new Workbench(root);
        wb.stages().execute("report", List.of("report.md"));
        wb.stages().review("report", List.of(new StageCheck("renders", true, "ok")), "as expected");
    }

    private JsonNode approveWith(McpSchema.ElicitResult answer, AtomicReference<String> shown) {
        try (InProcessSession session = InProcessSession.open(
                new Workbench(root),
                spec -> spec.capabilities(McpSchema.ClientCapabilities.builder()
                                .elicitation()
                                .build())
                        .elicitation(request -> {
                            shown.set(request.message());
                            return answer;
                        }))) {
            return call(session);
        }
    }

    private static JsonNode call(InProcessSession session) {
        McpSchema.CallToolResult r = session.client()
                .callTool(new McpSchema.CallToolRequest("review-stage", Map.of("area", "report", "action", "approve")));
        return new ObjectMapper().valueToTree(r.structuredContent());
    }

    @Test
    void underTheSignedPolicy_elicitationIsNotAsked_andTheApprovalIsRefusedAsUnsigned() throws Exception {
        Files.writeString(root.resolve(".aw/policy.json"), "{\"approval\": \"signed\"}\n");
        Files.writeString(
                root.resolve(".aw/allowed_signers"), "ada@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ3rQdQ2\n");
        String before = Files.readString(root.resolve(".aw/stages/report/status.json"));
        AtomicReference<String> shown = new AtomicReference<>();
        JsonNode result =
                approveWith(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of()), shown);
        assertThat(result.at("/error/code").asText()).isEqualTo("APPROVAL_UNSIGNED");
        assertThat(result.at("/error/message").asText()).contains("aw approve report --key");
        assertThat(shown.get())
                .as("the person was not asked: elicitation cannot sign")
                .isNull();
        assertThat(Files.readString(root.resolve(".aw/stages/report/status.json")))
                .isEqualTo(before);
        assertThat(root.resolve(".aw/stages/report/approval.json")).doesNotExist();
    }

    @Test
    void accepting_approves_andThePersonSawTheAreaArtifactsAndInterpretation() {
        AtomicReference<String> shown = new AtomicReference<>();
        JsonNode result = approveWith(
                new McpSchema.ElicitResult(
                        McpSchema.ElicitResult.Action.ACCEPT, Map.of("feedback", "numbers check out")),
                shown);
        assertThat(result.get("state").asText()).isEqualTo("APPROVED");
        assertThat(result.at("/approval/feedback").asText()).isEqualTo("numbers check out");
        assertThat(shown.get()).contains("report", "report.md", "renders", "as expected");
    }

    /** An experiment's own review through the MCP client: approved by elicitation, stale once the record changes. */
    @Test
    void anExperimentsStage_approvedByElicitation_readsStaleWhenItsRecordChanges() throws Exception {
        AtomicReference<String> shown = new AtomicReference<>();
        try (InProcessSession session = InProcessSession.open(
                new Workbench(root),
                spec -> spec.capabilities(McpSchema.ClientCapabilities.builder()
                                .elicitation()
                                .build())
                        .elicitation(request -> {
                            shown.set(request.message());
                            return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of());
                        }))) {
            tool(session, "upsert-experiment", Map.of("slug", "checkout", "hypothesis", "Shorter converts better"));
            JsonNode plan = tool(session, "write-plan", Map.of("experiment", "checkout", "text", "# Plan\n"));
            assertThat(plan.get("path").asText()).isEqualTo(".aw/experiments/checkout/plans/v1.md");
            JsonNode executed = tool(
                    session,
                    "review-stage",
                    Map.of(
                            "experiment",
                            "checkout",
                            "action",
                            "execute",
                            "artifacts",
                            List.of("report.md", ".aw/experiments/checkout/plan.md")));
            assertThat(executed.get("area").asText()).isEqualTo("experiment:checkout");
            tool(
                    session,
                    "review-stage",
                    Map.of(
                            "experiment",
                            "checkout",
                            "action",
                            "review",
                            "checks",
                            List.of(Map.of("name", "traced", "passed", true))));
            JsonNode approved = tool(session, "review-stage", Map.of("experiment", "checkout", "action", "approve"));
            assertThat(approved.get("state").asText()).isEqualTo("APPROVED");
            assertThat(shown.get())
                    .contains("experiment \"checkout\"", "aw://experiments/checkout/result", "What you approve");
            assertThat(status(session)).contains("\"state\": \"APPROVED\"");

            tool(
                    session,
                    "upsert-experiment",
                    Map.of("slug", "checkout", "hypothesis", "Shorter converts much better"));
            assertThat(status(session))
                    .contains("\"state\": \"STALE\"", "aw://experiments/checkout/result changed since approval");
            String version = ((McpSchema.TextResourceContents) session.client()
                            .readResource(new McpSchema.ReadResourceRequest("aw://experiments/checkout/plans/1"))
                            .contents()
                            .get(0))
                    .text();
            assertThat(version).isEqualTo("# Plan\n");
        }
    }

    private static JsonNode tool(InProcessSession session, String name, Map<String, Object> arguments) {
        McpSchema.CallToolResult r = session.client().callTool(new McpSchema.CallToolRequest(name, arguments));
        assertThat(r.isError()).as(String.valueOf(r.content())).isNotEqualTo(Boolean.TRUE);
        return new ObjectMapper().valueToTree(r.structuredContent());
    }

    private static String status(InProcessSession session) {
        return ((McpSchema.TextResourceContents) session.client()
                        .readResource(new McpSchema.ReadResourceRequest("aw://experiments/checkout/stage/status.json"))
                        .contents()
                        .get(0))
                .text();
    }

    @Test
    void declining_sendsItBack() {
        JsonNode result = approveWith(
                new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, Map.of()), new AtomicReference<>());
        assertThat(result.get("state").asText()).isEqualTo("REJECTED");
    }

    @Test
    void cancelling_decidesNothing() {
        JsonNode result = approveWith(
                new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.CANCEL, null), new AtomicReference<>());
        assertThat(result.at("/error/code").asText()).isEqualTo("HUMAN_APPROVAL_REQUIRED");
        assertThat(result.at("/error/message").asText()).contains("dismissed");
        assertThat(new Workbench(root).stages().status("report").state().name()).isEqualTo("REVIEWED");
    }

    @Test
    void feedbackOfAnotherJsonType_isTakenAsText() {
        JsonNode result = approveWith(
                new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("feedback", 123)),
                new AtomicReference<>());
        assertThat(result.at("/approval/feedback").asText()).isEqualTo("123");
    }

    @Test
    void aClientThatFailsToAsk_getsHumanApprovalRequired_notAnInternalError() {
        try (InProcessSession session = InProcessSession.open(
                new Workbench(root),
                spec -> spec.capabilities(McpSchema.ClientCapabilities.builder()
                                .elicitation()
                                .build())
                        .elicitation(request -> {
                            throw new IllegalStateException("no person at this client");
                        }))) {
            JsonNode result = call(session);
            assertThat(result.at("/error/code").asText()).isEqualTo("HUMAN_APPROVAL_REQUIRED");
            assertThat(new Workbench(root).stages().status("report").state().name())
                    .isEqualTo("REVIEWED");
        }
    }

    @Test
    void aClientWithoutElicitation_getsHumanApprovalRequired_namingTheTerminalCommand() {
        try (InProcessSession session = InProcessSession.open(new Workbench(root))) {
            JsonNode result = call(session);
            assertThat(result.at("/error/code").asText()).isEqualTo("HUMAN_APPROVAL_REQUIRED");
            assertThat(result.at("/error/message").asText()).contains("aw approve report");
        }
    }
}
