package dev.workbench.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.server.stdio.InProcessSession;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim's status through the real MCP client: upsert-claim asks the person by elicitation, showing the claim, the
 * proposed status and its experiments; accepting sets it, declining changes nothing, and a client without
 * elicitation gets the terminal command. The roll-up reads the same through aw://claims and aw://claims/{slug}.
 */
class ClaimElicitationTest {
    @TempDir
    Path root;

    @BeforeEach
    void aClaimWithAnExperiment() {
        try (InProcessSession session = InProcessSession.open(new Workbench(root))) {
            call(session, "upsert-claim", Map.of("slug", "forms", "statement", "Shorter forms convert better"));
            call(session, "upsert-experiment", Map.of("slug", "short-form", "claim", "forms"));
        }
    }

    private static JsonNode call(InProcessSession session, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = session.client().callTool(new McpSchema.CallToolRequest(tool, args));
        return new ObjectMapper().valueToTree(r.structuredContent());
    }

    private JsonNode supportedWith(McpSchema.ElicitResult answer, AtomicReference<String> shown) {
        try (InProcessSession session = InProcessSession.open(
                new Workbench(root),
                spec -> spec.capabilities(McpSchema.ClientCapabilities.builder()
                                .elicitation()
                                .build())
                        .elicitation(request -> {
                            shown.set(request.message());
                            return answer;
                        }))) {
            return call(session, "upsert-claim", Map.of("slug", "forms", "status", "supported"));
        }
    }

    private JsonNode read(String uri) throws Exception {
        try (InProcessSession session = InProcessSession.open(new Workbench(root))) {
            McpSchema.ReadResourceResult r = session.client().readResource(new McpSchema.ReadResourceRequest(uri));
            return Json.mapper()
                    .readTree(((McpSchema.TextResourceContents) r.contents().get(0)).text());
        }
    }

    @Test
    void accepting_setsTheStatus_andThePersonSawTheClaimAndItsExperiments() throws Exception {
        AtomicReference<String> shown = new AtomicReference<>();
        JsonNode r = supportedWith(
                new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("feedback", "convincing")),
                shown);
        assertThat(r.at("/claim/status").asText()).as(r.toString()).isEqualTo("supported");
        assertThat(r.get("approved").asBoolean()).isTrue();
        assertThat(r.at("/claim/statusApproval/feedback").asText()).isEqualTo("convincing");
        assertThat(shown.get()).contains("SUPPORTED", "Shorter forms convert better", "short-form: draft");

        JsonNode list = read("aw://claims");
        assertThat(list.at("/items/0/slug").asText()).isEqualTo("forms");
        assertThat(list.at("/items/0/approved").asBoolean()).isTrue();
        assertThat(list.at("/items/0/experiments").asInt()).isEqualTo(1);
        JsonNode rollup = read("aw://claims/forms");
        assertThat(rollup.at("/claim/status").asText()).isEqualTo("supported");
        assertThat(rollup.at("/experiments/0/slug").asText()).isEqualTo("short-form");
    }

    @Test
    void declining_changesNothing_andSaysSo() throws Exception {
        String before = Files.readString(root.resolve(".aw/claims/forms.json"));
        JsonNode r = supportedWith(
                new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, Map.of()), new AtomicReference<>());
        assertThat(r.get("changed").asBoolean()).as(r.toString()).isFalse();
        assertThat(r.get("note").asText()).contains("declined", "nothing changed");
        assertThat(Files.readString(root.resolve(".aw/claims/forms.json"))).isEqualTo(before);
    }

    @Test
    void withoutElicitation_itNamesTheTerminalCommand_andChangesNothing() throws Exception {
        String before = Files.readString(root.resolve(".aw/claims/forms.json"));
        try (InProcessSession session = InProcessSession.open(new Workbench(root))) {
            JsonNode r = call(session, "upsert-claim", Map.of("slug", "forms", "status", "refuted"));
            assertThat(r.at("/error/code").asText()).isEqualTo("HUMAN_APPROVAL_REQUIRED");
            assertThat(r.at("/error/message").asText()).contains("aw approve claim:forms --status refuted");
            JsonNode bad = call(session, "upsert-experiment", Map.of("slug", "other", "claim", "no such claim"));
            assertThat(bad.at("/error/code").asText()).isEqualTo("INVALID_INPUT");
            assertThat(bad.at("/error/message").asText()).contains("claim", "upsert-claim");
        }
        assertThat(Files.readString(root.resolve(".aw/claims/forms.json"))).isEqualTo(before);
    }

    @Test
    void underTheSignedPolicy_theToolRefusesAsUnsigned_withoutAsking() throws Exception {
        Files.writeString(root.resolve(".aw/policy.json"), "{\"approval\": \"signed\"}\n");
        AtomicReference<String> shown = new AtomicReference<>();
        JsonNode r = supportedWith(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of()), shown);
        assertThat(r.at("/error/code").asText()).isEqualTo("APPROVAL_UNSIGNED");
        assertThat(r.at("/error/message").asText()).contains("aw approve claim:forms --status supported --key");
        assertThat(shown.get()).isNull();
    }
}
