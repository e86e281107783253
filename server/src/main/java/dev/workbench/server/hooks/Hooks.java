package dev.workbench.server.hooks;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.capture.AgentPayloads;
import dev.workbench.core.capture.Capture;
import dev.workbench.core.capture.HookEvent;
import dev.workbench.core.capture.SessionSummary;
import dev.workbench.core.capture.TurnEnd;
import dev.workbench.server.Main;
import java.io.UncheckedIOException;

/**
 * What a hook call does, wherever it runs: in {@code aw hook}'s own process, or in a running server that a hook
 * forwarded its payload to. One call in (the event's name, the agent, the payload's text), one {@link Result} out.
 */
public final class Hooks {
    private Hooks() {}

    /** What the hook prints and how it exits: 0, or 1 with the reason on stderr (a hook never blocks the agent). */
    public record Result(int exitCode, String stdout, String stderr) {}

    /**
     * Runs the hook {@code event} for {@code agent} (null: Claude Code) with the payload's text, and answers in the
     * form that agent reads (see {@link #render}). A failure prints nothing on stdout and exits 1, which every supported
     * agent treats as a non-blocking error (exit 2 would block the tool call in all four): docs/agents.md.
     */
    public static Result run(Workbench wb, String event, String agent, String payloadText) {
        try {
            HookEvent e = AgentPayloads.normalize(event, agent, payload(payloadText == null ? "" : payloadText.trim()));
            String context = null;
            switch (e.kind()) {
                case SESSION_START -> context = SessionSummary.text(wb);
                case PRE_TOOL_USE -> Capture.pre(wb, e);
                case POST_TOOL_USE -> Capture.post(wb, e);
                case STOP -> TurnEnd.keepRunbookCurrent(wb);
            }
            return new Result(0, render(e, context), "");
        } catch (WorkbenchException | UncheckedIOException e) {
            return new Result(Main.TOOL_ERROR, "", "aw hook " + event + ": " + e + "\n");
        }
    }

    /**
     * What the hook prints for {@code e}, in the form its agent reads: the session-start summary as plain text for
     * Claude Code and Codex (both add plain stdout to the model's context), as {@code hookSpecificOutput.additionalContext}
     * JSON for Gemini CLI (whose hooks may print nothing but JSON) and as {@code additional_context} for Cursor;
     * every other Gemini and Cursor event answers an empty object: Cursor's before-shell hook states no permission
     * ({@code "allow"} would let the command skip Cursor's own approval, as auto-approving hooks use it), so the
     * person's approval settings apply as they are; Claude Code and Codex get nothing.
     */
    static String render(HookEvent e, String context) {
        ObjectNode out = Json.mapper().createObjectNode();
        switch (e.agent()) {
            case "gemini" -> {
                if (e.kind() == HookEvent.Kind.SESSION_START) {
                    out.putObject("hookSpecificOutput")
                            .put("hookEventName", "SessionStart")
                            .put("additionalContext", context);
                }
                return out + "\n";
            }
            case "cursor" -> {
                if (e.kind() == HookEvent.Kind.SESSION_START) {
                    out.put("additional_context", context);
                }
                return out + "\n";
            }
            default -> {
                return context == null ? "" : context;
            }
        }
    }

    /** The hook's payload: a JSON object (empty text reads as an empty one), else INVALID_INPUT naming stdin. */
    static JsonNode payload(String text) {
        if (text.isEmpty()) {
            return Json.mapper().createObjectNode();
        }
        String expected = "stdin: expected the hook's JSON payload, an object such as "
                + "{\"tool_name\": \"Bash\", \"tool_input\": {\"command\": \"...\"}}, got ";
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String first = text.lines().findFirst().orElse("");
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    expected + "text that is not JSON"
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                            + ": \""
                            + (first.length() > 40 ? first.substring(0, 40) + "..." : first) + "\"");
        }
        if (!node.isObject()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    expected + "a JSON " + node.getNodeType().name().toLowerCase());
        }
        return node;
    }
}
