package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.review.HumanApproval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upsert-claim as a tool: bound from JSON, the person asked through the call's channel, refusals changing nothing. */
class UpsertClaimToolTest {
    @TempDir
    Path root;

    final List<HumanApproval.Question> asked = new ArrayList<>();

    private ToolResult run(HumanApproval human, String json) throws Exception {
        JsonNode args = Json.mapper().readTree(json);
        return ToolExecutor.execute(
                Tools.find(UpsertClaimTool.NAME).orElseThrow(), args, new ToolContext(new Workbench(root), human));
    }

    private HumanApproval approving() {
        return new HumanApproval() {
            @Override
            public Optional<Answer> ask(Request request) {
                return Optional.empty();
            }

            @Override
            public Optional<Answer> decide(Question question) {
                asked.add(question);
                return Optional.of(new Answer(true, "Ada", null));
            }
        };
    }

    @Test
    void creates_thenAStatusWithoutAPerson_isRefusedWithTheCommand_thenAPersonApproves() throws Exception {
        ToolResult created = run(HumanApproval.NONE, "{\"slug\":\"forms\",\"statement\":\"Shorter forms convert\"}");
        assertThat(created.isError()).as(created.text()).isFalse();
        assertThat(created.structured().get("created").asBoolean()).isTrue();
        assertThat(created.structured().at("/claim/status").asText()).isEqualTo("open");
        String before = Files.readString(root.resolve(".aw/claims/forms.json"));

        ToolResult refused = run(HumanApproval.NONE, "{\"slug\":\"forms\",\"status\":\"mixed\"}");
        assertThat(refused.code()).isEqualTo(ErrorCode.HUMAN_APPROVAL_REQUIRED);
        assertThat(refused.text()).contains("aw approve claim:forms --status mixed");
        assertThat(Files.readString(root.resolve(".aw/claims/forms.json"))).isEqualTo(before);

        ToolResult approved = run(approving(), "{\"slug\":\"forms\",\"status\":\"mixed\",\"expectedRevision\":1}");
        assertThat(approved.isError()).as(approved.text()).isFalse();
        assertThat(approved.structured().at("/claim/status").asText()).isEqualTo("mixed");
        assertThat(approved.structured().get("approved").asBoolean()).isTrue();
        assertThat(asked).extracting(HumanApproval.Question::subject).containsExactly("claim:forms");
    }

    @Test
    void badInput_namesTheField() throws Exception {
        assertThat(run(HumanApproval.NONE, "{\"slug\":\"forms\"}").text()).contains("statement");
        assertThat(run(HumanApproval.NONE, "{\"slug\":\"Forms!\",\"statement\":\"s\"}")
                        .text())
                .contains("slug");
        assertThat(run(HumanApproval.NONE, "{\"slug\":\"forms\",\"statement\":\"s\",\"status\":\"true\"}")
                        .text())
                .contains("status", "open", "supported");
        assertThat(root.resolve(".aw/claims")).doesNotExist();
    }
}
