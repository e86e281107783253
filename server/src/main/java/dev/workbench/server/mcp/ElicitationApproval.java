package dev.workbench.server.mcp;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.review.StageCheck;
import dev.workbench.core.review.StageId;
import dev.workbench.core.run.PathDigest;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the person at the MCP client to approve an area, by elicitation: they see the area, its artifacts, the
 * checks and the interpretation, and accept (approve) or decline (send back), with optional feedback. A
 * client without elicitation cannot ask anyone, and the tool answers {@code HUMAN_APPROVAL_REQUIRED}.
 */
public final class ElicitationApproval implements HumanApproval {
    private static final Map<String, Object> FORM = Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                    "feedback",
                    Map.of(
                            "type",
                            "string",
                            "title",
                            "Feedback",
                            "description",
                            "Optional: what you looked at, or what must change")));

    private final McpSyncServerExchange exchange;

    private ElicitationApproval(McpSyncServerExchange exchange) {
        this.exchange = exchange;
    }

    static HumanApproval of(McpSyncServerExchange exchange) {
        McpSchema.ClientCapabilities capabilities = exchange == null ? null : exchange.getClientCapabilities();
        return capabilities != null && capabilities.elicitation() != null ? new ElicitationApproval(exchange) : NONE;
    }

    @Override
    public Optional<Answer> ask(Request request) {
        return elicit(
                "aw approve " + request.area(), message(request), "approval request for " + named(request.area()));
    }

    /** A claim's status (or another decision that is a person's): the question's text, accepted or declined. */
    @Override
    public Optional<Answer> decide(Question question) {
        return elicit(
                question.command(),
                question.text() + "\n\nAccept to approve, decline to leave it as it is.",
                "question about " + question.subject());
    }

    private Optional<Answer> elicit(String command, String message, String what) {
        McpSchema.ElicitResult result;
        try {
            result = exchange.createElicitation(
                    McpSchema.ElicitFormRequest.builder(message, FORM).build());
        } catch (RuntimeException e) {
            throw new WorkbenchException(
                    ErrorCode.HUMAN_APPROVAL_REQUIRED,
                    "the client could not ask the person (" + e.getMessage() + "); a person runs `" + command
                            + "` in a terminal (nothing changed)");
        }
        Object given = result.content() == null ? null : result.content().get("feedback");
        String feedback = given == null || given.toString().isBlank() ? null : given.toString();
        String by = exchange.getClientInfo() == null
                ? "person at the MCP client"
                : "person at " + exchange.getClientInfo().name();
        if (result.action() == McpSchema.ElicitResult.Action.ACCEPT) {
            return Optional.of(new Answer(true, by, feedback));
        }
        if (result.action() == McpSchema.ElicitResult.Action.DECLINE) {
            return Optional.of(new Answer(false, by, feedback == null ? "declined" : feedback));
        }
        throw new WorkbenchException(
                ErrorCode.HUMAN_APPROVAL_REQUIRED,
                "the person dismissed the " + what + "; nothing changed. Ask again, or they run `" + command
                        + "` in a terminal");
    }

    /** A stage as a person reads it: {@code area "report"}, {@code experiment "checkout"}. */
    static String named(String stage) {
        return stage.startsWith(StageId.EXPERIMENT_PREFIX)
                ? "experiment \"" + stage.substring(StageId.EXPERIMENT_PREFIX.length()) + "\""
                : "area \"" + stage + "\"";
    }

    public static String message(Request r) {
        StringBuilder m = new StringBuilder("Approve the work of ")
                .append(named(r.area()))
                .append("?\n\nArtifacts:\n");
        for (PathDigest a : r.artifacts()) {
            m.append("  - ")
                    .append(a.path())
                    .append(a.size() == null ? "" : " (" + a.size() + " bytes)")
                    .append('\n');
        }
        m.append("\nChecks:\n");
        for (StageCheck c : r.checks()) {
            m.append("  - [")
                    .append(c.passed() ? "pass" : "FAIL")
                    .append("] ")
                    .append(c.name())
                    .append(c.detail() == null ? "" : ": " + c.detail())
                    .append('\n');
        }
        if (r.interpretation() != null) {
            m.append("\nInterpretation: ").append(r.interpretation()).append('\n');
        }
        if (r.document() != null) {
            m.append("\nWhat you approve (the clean result, without its banner):\n\n")
                    .append(r.document())
                    .append('\n');
        }
        return m.append("\nAccept to approve, decline to send it back.").toString();
    }
}
