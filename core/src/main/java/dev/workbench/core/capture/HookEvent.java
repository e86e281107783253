package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One hook call from an agent, in the workbench's terms, whatever agent sent it: {@link AgentPayloads} turns each
 * agent's payload into this, so nothing past it knows which agent ran the command.
 *
 * @param kind           what happened
 * @param agent          {@code claude}, {@code codex}, {@code gemini} or {@code cursor}
 * @param sessionId      the agent's session, when it says
 * @param transcriptPath the session's transcript file, when the agent says
 * @param cwd            the folder the command ran in (absolute), when the agent says
 * @param toolUseId      the agent's id of this tool call, shared by its before and after events, when it has one
 * @param toolName       the agent's name of the tool ({@code Bash}, {@code run_shell_command}, …)
 * @param command        the shell command line, for a shell tool; null for any other tool
 * @param exitCode       after a shell command: its exit code when the agent tells it, else null
 * @param failed         after a shell command: the agent reported it as failed (Claude Code's PostToolUseFailure)
 * @param payload        the payload as sent, for what only one agent gives
 * @param durationMs     after a shell command: how long it ran in milliseconds, when the agent says (Cursor does)
 * @param output         after a shell command: its output as the agent reports it (possibly truncated by the agent),
 *                       when the agent gives it
 */
public record HookEvent(
        Kind kind,
        String agent,
        String sessionId,
        String transcriptPath,
        String cwd,
        String toolUseId,
        String toolName,
        String command,
        Integer exitCode,
        boolean failed,
        JsonNode payload,
        Long durationMs,
        String output) {

    /** The moments the workbench acts on. */
    public enum Kind {
        SESSION_START,
        PRE_TOOL_USE,
        POST_TOOL_USE,
        STOP
    }

    /** A shell command with something to run: the only tool calls a hook captures. */
    public boolean shellCommand() {
        return command != null && !command.isBlank();
    }
}
