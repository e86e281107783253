package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.Locale;

/**
 * The one place that knows how each agent names its hook events and lays out its payloads. Everything past
 * {@link #normalize} works on a {@link HookEvent}.
 */
public final class AgentPayloads {
    public static final String DEFAULT_AGENT = "claude";

    private AgentPayloads() {}

    /**
     * The event {@code event} (the name {@code aw hook} was given: ours, such as {@code pre-tool-use}, or the agent's,
     * such as {@code PreToolUse}) with its payload, as sent by {@code agent} (null: Claude Code).
     */
    public static HookEvent normalize(String event, String agent, JsonNode payload) {
        String who = agent == null ? DEFAULT_AGENT : agent.toLowerCase(Locale.ROOT);
        HookEvent.Kind kind;
        boolean failure = false;
        switch (event.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)) {
            case "session-start" -> kind = HookEvent.Kind.SESSION_START;
            case "pre-tool-use" -> kind = HookEvent.Kind.PRE_TOOL_USE;
            case "post-tool-use" -> kind = HookEvent.Kind.POST_TOOL_USE;
            case "post-tool-use-failure" -> {
                kind = HookEvent.Kind.POST_TOOL_USE;
                failure = true;
            }
            case "stop" -> kind = HookEvent.Kind.STOP;
            default -> throw new WorkbenchException(ErrorCode.INVALID_INPUT, "event: expected session-start, "
                    + "pre-tool-use, post-tool-use, post-tool-use-failure or stop, got \"" + event + "\"");
        }
        String toolName = text(payload, "tool_name");
        String command = "Bash".equals(toolName) ? text(payload.path("tool_input"), "command") : null;
        JsonNode exit = payload.path("tool_response").path("exit_code");
        Integer exitCode = exit.isIntegralNumber() ? Integer.valueOf(exit.asInt())
                : payload.path("tool_response").path("interrupted").asBoolean(false) ? Integer.valueOf(130) : null;
        return new HookEvent(kind, who, text(payload, "session_id"), text(payload, "transcript_path"),
                text(payload, "cwd"), text(payload, "tool_use_id"), toolName, command, exitCode, failure, payload);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
