package dev.workbench.core.capture;

import static dev.workbench.core.capture.PayloadFields.command;
import static dev.workbench.core.capture.PayloadFields.integer;
import static dev.workbench.core.capture.PayloadFields.longValue;
import static dev.workbench.core.capture.PayloadFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that knows how each agent names its hook events and lays out its payloads. Everything past
 * {@link #normalize} works on a {@link HookEvent}. The fields each agent sends, and where each fact comes from, are in
 * docs/agents.md; Gemini CLI's shell result, text to take apart, is read by {@link GeminiPayload}.
 */
public final class AgentPayloads {
    public static final String DEFAULT_AGENT = "claude";

    /** The agents {@code aw hook --agent} and {@code aw init --agent} know. */
    public static final List<String> AGENTS = List.of("claude", "codex", "gemini", "cursor");

    /** The workbench's own event names, the ones {@code aw init} writes into every agent's hooks. */
    public static final List<String> EVENTS =
            List.of("session-start", "pre-tool-use", "post-tool-use", "post-tool-use-failure", "stop");

    /** Each agent's own event names, mapped to ours: {@code aw hook} takes either. */
    private static final Map<String, Map<String, String>> AGENT_EVENTS = Map.of(
            "claude",
                    ordered(
                            "SessionStart",
                            "session-start",
                            "PreToolUse",
                            "pre-tool-use",
                            "PostToolUse",
                            "post-tool-use",
                            "PostToolUseFailure",
                            "post-tool-use-failure",
                            "Stop",
                            "stop"),
            "codex",
                    ordered(
                            "SessionStart",
                            "session-start",
                            "PreToolUse",
                            "pre-tool-use",
                            "PostToolUse",
                            "post-tool-use",
                            "Stop",
                            "stop"),
            "gemini",
                    ordered(
                            "SessionStart",
                            "session-start",
                            "BeforeTool",
                            "pre-tool-use",
                            "AfterTool",
                            "post-tool-use",
                            "AfterAgent",
                            "stop"),
            "cursor",
                    ordered(
                            "sessionStart",
                            "session-start",
                            "beforeShellExecution",
                            "pre-tool-use",
                            "afterShellExecution",
                            "post-tool-use",
                            "preToolUse",
                            "pre-tool-use",
                            "postToolUse",
                            "post-tool-use",
                            "postToolUseFailure",
                            "post-tool-use-failure",
                            "stop",
                            "stop"));

    /** The name each agent gives its shell tool in {@code tool_name}. */
    static final Map<String, String> SHELL_TOOL =
            Map.of("claude", "Bash", "codex", "Bash", "gemini", "run_shell_command", "cursor", "Shell");

    /** Claude Code's failure text for a shell command: "Exit code 2 ..." or its documentation's wording. */
    private static final Pattern CLAUDE_EXIT =
            Pattern.compile("^(?:Exit code (\\d+)|Command exited with non-zero status code (\\d+))\\b");

    private AgentPayloads() {}

    /** The agent's name in lower case, or INVALID_INPUT naming {@code --agent} and the choices. */
    public static String agent(String agent) {
        String who = agent == null ? DEFAULT_AGENT : agent.trim().toLowerCase(Locale.ROOT);
        if (!AGENTS.contains(who)) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, "--agent: expected " + choices(AGENTS) + ", got \"" + agent + "\"");
        }
        return who;
    }

    /**
     * The workbench's name of {@code event}, given as ours ({@code pre-tool-use}) or as the agent's own
     * ({@code PreToolUse}, {@code BeforeTool}, {@code beforeShellExecution}), else INVALID_INPUT naming the choices.
     */
    public static String event(String event, String agent) {
        String who = agent(agent);
        Map<String, String> own = AGENT_EVENTS.get(who);
        if (event != null && own.containsKey(event)) {
            return own.get(event);
        }
        String kebab =
                event == null ? "" : event.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        if (EVENTS.contains(kebab)) {
            return kebab;
        }
        List<String> all = new ArrayList<>(EVENTS);
        all.addAll(own.keySet());
        throw new WorkbenchException(
                ErrorCode.INVALID_INPUT,
                "event: expected " + choices(all) + " (for --agent " + who + "), got \"" + event + "\"");
    }

    /**
     * The event {@code event} (ours, such as {@code pre-tool-use}, or the agent's, such as {@code PreToolUse}) with its
     * payload, as sent by {@code agent} (null: Claude Code).
     */
    public static HookEvent normalize(String event, String agent, JsonNode payload) {
        String who = agent(agent);
        String ours = event(event, who);
        HookEvent.Kind kind = switch (ours) {
            case "session-start" -> HookEvent.Kind.SESSION_START;
            case "pre-tool-use" -> HookEvent.Kind.PRE_TOOL_USE;
            case "post-tool-use", "post-tool-use-failure" -> HookEvent.Kind.POST_TOOL_USE;
            default -> HookEvent.Kind.STOP;
        };
        boolean failureEvent = ours.equals("post-tool-use-failure");
        return switch (who) {
            case "codex" -> codex(kind, payload);
            case "gemini" -> GeminiPayload.read(kind, payload);
            case "cursor" -> cursor(kind, failureEvent, payload);
            default -> claude(kind, failureEvent, payload);
        };
    }

    /**
     * Claude Code: {@code tool_name} Bash with {@code tool_input.command}. PostToolUse fires only for a tool call that
     * succeeded, so a Bash command it reports exited 0 (unless it was interrupted or sent to the background);
     * PostToolUseFailure carries the failure as {@code error} text, whose exit code is read only from the two forms
     * known ("Exit code N", "Command exited with non-zero status code N").
     */
    private static HookEvent claude(HookEvent.Kind kind, boolean failureEvent, JsonNode p) {
        String toolName = text(p, "tool_name");
        String command = SHELL_TOOL.get("claude").equals(toolName)
                ? command(p.path("tool_input").get("command"))
                : null;
        JsonNode response = p.path("tool_response");
        Integer exitCode = null;
        String output = null;
        boolean failed = false;
        if (kind == HookEvent.Kind.POST_TOOL_USE && command != null) {
            exitCode = integer(response.get("exit_code"));
            if (failureEvent) {
                failed = true;
                String error = text(p, "error");
                output = error;
                if (exitCode == null && error != null && !p.path("is_interrupt").asBoolean(false)) {
                    Matcher m = CLAUDE_EXIT.matcher(error);
                    if (m.find()) {
                        exitCode = Integer.valueOf(m.group(1) != null ? m.group(1) : m.group(2));
                    }
                }
            } else {
                boolean unfinished =
                        response.path("interrupted").asBoolean(false) || response.hasNonNull("backgroundTaskId");
                if (exitCode == null && !unfinished) {
                    exitCode = 0;
                }
                output = joinOutput(text(response, "stdout"), text(response, "stderr"));
            }
            failed |= exitCode != null && exitCode != 0;
        }
        return new HookEvent(
                kind,
                "claude",
                text(p, "session_id"),
                text(p, "transcript_path"),
                text(p, "cwd"),
                text(p, "tool_use_id"),
                toolName,
                command,
                exitCode,
                failed,
                p,
                longValue(p.get("duration_ms")),
                output);
    }

    /**
     * Codex CLI: Claude Code's layout (it names its shell tool Bash in hooks). Its PostToolUse fires whatever the
     * command's exit status, and {@code tool_response} is the command's output as a string, without the exit code.
     */
    private static HookEvent codex(HookEvent.Kind kind, JsonNode p) {
        String toolName = text(p, "tool_name");
        String command = SHELL_TOOL.get("codex").equals(toolName)
                ? command(p.path("tool_input").get("command"))
                : null;
        JsonNode response = p.get("tool_response");
        String output =
                kind == HookEvent.Kind.POST_TOOL_USE && command != null && response != null && response.isTextual()
                        ? response.asText()
                        : null;
        return new HookEvent(
                kind,
                "codex",
                text(p, "session_id"),
                text(p, "transcript_path"),
                text(p, "cwd"),
                text(p, "tool_use_id"),
                toolName,
                command,
                null,
                false,
                p,
                longValue(p.get("duration_ms")),
                output);
    }

    /**
     * Cursor: beforeShellExecution and afterShellExecution carry {@code command} and {@code cwd} at the top level,
     * afterShellExecution also {@code output} and {@code duration} (milliseconds); the session is
     * {@code conversation_id}. No exit code is documented; {@code exit_code} is read when present. Its generic
     * preToolUse/postToolUse events name the shell tool Shell with {@code tool_input.command}.
     */
    private static HookEvent cursor(HookEvent.Kind kind, boolean failureEvent, JsonNode p) {
        String toolName = text(p, "tool_name");
        String command;
        if (toolName == null) {
            command = kind == HookEvent.Kind.PRE_TOOL_USE || kind == HookEvent.Kind.POST_TOOL_USE
                    ? command(p.get("command"))
                    : null;
            toolName = command == null ? null : SHELL_TOOL.get("cursor");
        } else {
            command = SHELL_TOOL.get("cursor").equals(toolName)
                    ? command(p.path("tool_input").get("command"))
                    : null;
        }
        String cwd = text(p, "cwd");
        if (cwd == null || cwd.isBlank()) {
            JsonNode roots = p.path("workspace_roots");
            cwd = roots.isArray() && !roots.isEmpty() && roots.get(0).isTextual()
                    ? roots.get(0).asText()
                    : null;
        }
        String session = text(p, "conversation_id") != null ? text(p, "conversation_id") : text(p, "session_id");
        Integer exitCode = null;
        Long duration = null;
        String output = null;
        boolean failed = false;
        if (kind == HookEvent.Kind.POST_TOOL_USE && command != null) {
            exitCode = integer(p.get("exit_code"));
            duration = longValue(p.get("duration"));
            output = text(p, "output");
            failed = failureEvent || exitCode != null && exitCode != 0;
        }
        return new HookEvent(
                kind,
                "cursor",
                session,
                text(p, "transcript_path"),
                cwd,
                text(p, "tool_use_id"),
                toolName,
                command,
                exitCode,
                failed,
                p,
                duration,
                output);
    }

    private static String joinOutput(String stdout, String stderr) {
        if (stderr == null || stderr.isEmpty()) {
            return stdout;
        }
        return stdout == null || stdout.isEmpty() ? stderr : stdout + "\n" + stderr;
    }

    /** "a, b or c". */
    private static String choices(List<String> names) {
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
