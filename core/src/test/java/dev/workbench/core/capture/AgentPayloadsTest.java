package dev.workbench.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Every recorded payload under payloads/&lt;agent&gt;/ (see docs/agents.md for which come from each agent's documentation and
 * which are reconstructed), normalised with the event name {@code aw init} writes and with the agent's own name.
 */
class AgentPayloadsTest {
    private static final String CLAUDE_TRANSCRIPT =
            "/tmp/cchome/.claude/projects/-var-tmp-awcc/e6bc0117-d71a-421d-b008-40f6a1e5b1fb.jsonl";

    static JsonNode fixture(String agent, String name) {
        String path = "payloads/" + agent + "/" + name + ".json";
        try (InputStream in = AgentPayloadsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new AssertionError(path, e);
        }
    }

    /** The event normalised under our name and under the agent's own, which must agree. */
    static HookEvent both(String ours, String agent, String own, String fixture) {
        JsonNode payload = fixture(agent, fixture);
        HookEvent a = AgentPayloads.normalize(ours, agent, payload);
        HookEvent b = AgentPayloads.normalize(own, agent, payload);
        assertThat(b).isEqualTo(a);
        assertThat(payload.path("hook_event_name").asText()).isEqualTo(own);
        return a;
    }

    @Test
    void claude_preAndPostToolUse_fillSessionTranscriptCwdToolUseIdAndCommand() {
        HookEvent pre = both("pre-tool-use", "claude", "PreToolUse", "PreToolUse");
        assertThat(pre.kind()).isEqualTo(HookEvent.Kind.PRE_TOOL_USE);
        assertThat(pre.agent()).isEqualTo("claude");
        assertThat(pre.sessionId()).isEqualTo("e6bc0117-d71a-421d-b008-40f6a1e5b1fb");
        assertThat(pre.transcriptPath()).isEqualTo(CLAUDE_TRANSCRIPT);
        assertThat(pre.cwd()).isEqualTo("/var/tmp/awcc");
        assertThat(pre.toolUseId()).isEqualTo("toolu_01FakeRecorded6405");
        assertThat(pre.toolName()).isEqualTo("Bash");
        assertThat(pre.command()).isEqualTo("echo 1,2 > data.csv");
        assertThat(pre.exitCode()).isNull();
        assertThat(pre.failed()).isFalse();

        HookEvent post = both("post-tool-use", "claude", "PostToolUse", "PostToolUse");
        assertThat(post.kind()).isEqualTo(HookEvent.Kind.POST_TOOL_USE);
        assertThat(post.toolUseId()).isEqualTo(pre.toolUseId());
        assertThat(post.exitCode())
                .as("PostToolUse fires only for a command that succeeded")
                .isZero();
        assertThat(post.failed()).isFalse();
        assertThat(post.output()).isEqualTo("");
        assertThat(post.durationMs())
                .as("recorded: Claude Code 2.1.328 sends duration_ms")
                .isEqualTo(32L);
    }

    @Test
    void claude_postToolUse_ofAnInterruptedOrBackgroundCommand_hasNoExitCode() {
        JsonNode payload = fixture("claude", "PostToolUse");
        ((ObjectNode) payload.get("tool_response")).put("interrupted", true);
        assertThat(AgentPayloads.normalize("post-tool-use", "claude", payload).exitCode())
                .isNull();
        JsonNode background = fixture("claude", "PostToolUse");
        ((ObjectNode) background.get("tool_response")).put("backgroundTaskId", "b1");
        assertThat(AgentPayloads.normalize("post-tool-use", "claude", background)
                        .exitCode())
                .isNull();
    }

    @Test
    void claude_postToolUseFailure_isFailed_withTheExitCodeFromEitherKnownErrorForm() {
        HookEvent documented = both("post-tool-use-failure", "claude", "PostToolUseFailure", "PostToolUseFailure");
        assertThat(documented.kind()).isEqualTo(HookEvent.Kind.POST_TOOL_USE);
        assertThat(documented.failed()).isTrue();
        assertThat(documented.exitCode()).isEqualTo(1);
        assertThat(documented.command()).isEqualTo("npm test");
        assertThat(documented.output()).isEqualTo("Command exited with non-zero status code 1");

        HookEvent tool = both("post-tool-use-failure", "claude", "PostToolUseFailure", "PostToolUseFailure-exit-code");
        assertThat(tool.exitCode())
                .as("recorded: 'Exit code 3' then the output")
                .isEqualTo(3);
        assertThat(tool.failed()).isTrue();
        assertThat(tool.command()).isEqualTo("printf \"rows: 3\\n\" && exit 3");
        assertThat(tool.output()).isEqualTo("Exit code 3\nrows: 3");
        assertThat(tool.durationMs()).isEqualTo(128L);

        JsonNode vague = fixture("claude", "PostToolUseFailure");
        ((ObjectNode) vague).put("error", "Tool failed: 3 files");
        HookEvent unknown = AgentPayloads.normalize("post-tool-use-failure", "claude", vague);
        assertThat(unknown.failed()).isTrue();
        assertThat(unknown.exitCode())
                .as("no number is guessed from other wording")
                .isNull();
    }

    @Test
    void claude_sessionStartAndStop() {
        HookEvent start = both("session-start", "claude", "SessionStart", "SessionStart");
        assertThat(start.kind()).isEqualTo(HookEvent.Kind.SESSION_START);
        assertThat(start.sessionId()).isEqualTo("e6bc0117-d71a-421d-b008-40f6a1e5b1fb");
        assertThat(start.shellCommand()).isFalse();
        HookEvent stop = both("stop", "claude", "Stop", "Stop");
        assertThat(stop.kind()).isEqualTo(HookEvent.Kind.STOP);
        assertThat(stop.sessionId()).isEqualTo("b2bd6b82-503b-496c-9161-1093b807d479");
    }

    @Test
    void claude_otherTools_areNotShellCommands() {
        JsonNode payload = fixture("claude", "PostToolUse");
        ((ObjectNode) payload).put("tool_name", "Read");
        HookEvent e = AgentPayloads.normalize("post-tool-use", null, payload);
        assertThat(e.agent()).isEqualTo("claude");
        assertThat(e.command()).isNull();
        assertThat(e.exitCode()).isNull();
        assertThat(e.shellCommand()).isFalse();
    }

    @Test
    void codex_bashPayloads_haveTheOutputButNoExitCode() {
        HookEvent pre = both("pre-tool-use", "codex", "PreToolUse", "PreToolUse");
        assertThat(pre.agent()).isEqualTo("codex");
        assertThat(pre.sessionId()).isEqualTo("019ad1c2-7f3e-7a10-9c4b-5e2d8f1a6b3c");
        assertThat(pre.transcriptPath())
                .endsWith("rollout-2026-11-30T09-12-44-019ad1c2-7f3e-7a10-9c4b-5e2d8f1a6b3c.jsonl");
        assertThat(pre.cwd()).isEqualTo("/home/ada/weather");
        assertThat(pre.toolUseId()).isEqualTo("call_Vq3TxJ8kD2mN");
        assertThat(pre.command()).isEqualTo("python3 scripts/clean.py");

        HookEvent post = both("post-tool-use", "codex", "PostToolUse", "PostToolUse");
        assertThat(post.toolUseId()).isEqualTo(pre.toolUseId());
        assertThat(post.command()).isEqualTo("python3 scripts/clean.py");
        assertThat(post.output()).isEqualTo("cleaned 1461 rows\n");
        assertThat(post.exitCode())
                .as("Codex's tool_response is the output alone")
                .isNull();
        assertThat(post.failed()).isFalse();

        assertThat(both("session-start", "codex", "SessionStart", "SessionStart")
                        .kind())
                .isEqualTo(HookEvent.Kind.SESSION_START);
        assertThat(both("stop", "codex", "Stop", "Stop").kind()).isEqualTo(HookEvent.Kind.STOP);
    }

    @Test
    void codex_nullTranscriptPath_isNull() {
        JsonNode payload = fixture("codex", "PreToolUse");
        ((ObjectNode) payload).putNull("transcript_path");
        assertThat(AgentPayloads.normalize("pre-tool-use", "codex", payload).transcriptPath())
                .isNull();
    }

    @Test
    void gemini_recordedShellTool_hasItsSessionTranscriptCwdAndCommand() {
        HookEvent before = both("pre-tool-use", "gemini", "BeforeTool", "BeforeTool");
        assertThat(before.kind()).isEqualTo(HookEvent.Kind.PRE_TOOL_USE);
        assertThat(before.agent()).isEqualTo("gemini");
        assertThat(before.toolName()).isEqualTo("run_shell_command");
        assertThat(before.command()).isEqualTo("echo 1,2 > data.csv");
        assertThat(before.cwd()).isEqualTo("/var/tmp/awgm");
        assertThat(before.sessionId()).isEqualTo("a69783ff-7782-4903-b246-0766540e5a57");
        assertThat(before.transcriptPath())
                .isEqualTo("/tmp/gmhome/.gemini/tmp/awgm/chats/session-2026-12-01T06-28-a69783ff.jsonl");
        assertThat(before.toolUseId()).as("Gemini CLI sends no tool-call id").isNull();
        assertThat(before.exitCode()).isNull();

        HookEvent after = both("post-tool-use", "gemini", "AfterTool", "AfterTool");
        assertThat(after.exitCode())
                .as("no 'Exit Code' line: the command exited 0")
                .isZero();
        assertThat(after.failed()).isFalse();
        assertThat(after.output()).isEqualTo("");
        assertThat(after.durationMs()).isNull();
    }

    @Test
    void gemini_recordedFailure_takesTheExitCodeFromTheTail_notFromTheOutputsLookAlike() {
        HookEvent failed = both("post-tool-use", "gemini", "AfterTool", "AfterTool-exit-3");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.output()).isEqualTo("rows: 3\nExit Code: 0");
        assertThat(failed.command()).isEqualTo("printf \"rows: 3\\nExit Code: 0\\n\"; exit 3");
    }

    @Test
    void gemini_olderUnwrappedContent_andDirPath() {
        HookEvent failed = both("post-tool-use", "gemini", "AfterTool", "AfterTool-exit-2");
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.output())
                .isEqualTo("Exit Code: 0 is what this line says, but it is output\n"
                        + "ValueError: window must be positive");
        HookEvent before = both("pre-tool-use", "gemini", "BeforeTool", "BeforeTool-dir-path");
        assertThat(before.command()).isEqualTo("python3 clean.py");
        assertThat(before.cwd())
                .as("dir_path is relative to the session's folder")
                .isEqualTo("/home/ada/weather/scripts");
    }

    @Test
    void gemini_debugModeDisplay_fallsBackToTheTailAtTheEnd() {
        JsonNode payload = fixture("gemini", "AfterTool-exit-3");
        ObjectNode response = (ObjectNode) payload.get("tool_response");
        response.put("returnDisplay", response.get("llmContent").asText()); // what debug mode shows
        HookEvent e = AgentPayloads.normalize("post-tool-use", "gemini", payload);
        assertThat(e.exitCode()).isEqualTo(3);
        assertThat(e.output()).isEqualTo("rows: 3\nExit Code: 0");
    }

    @Test
    void gemini_summarisedOrUnknownContent_hasNoExitCode() {
        JsonNode payload = fixture("gemini", "AfterTool-exit-3");
        ((ObjectNode) payload.get("tool_response")).put("llmContent", "The command printed a count.");
        HookEvent e = AgentPayloads.normalize("post-tool-use", "gemini", payload);
        assertThat(e.exitCode()).isNull();
        assertThat(e.failed()).isFalse();
        assertThat(e.output()).isEqualTo("rows: 3\nExit Code: 0");
        ((ObjectNode) payload.get("tool_response")).putObject("error").put("message", "spawn failed");
        assertThat(AgentPayloads.normalize("post-tool-use", "gemini", payload).failed())
                .isTrue();
    }

    @Test
    void gemini_sessionStartAndAfterAgent() {
        assertThat(both("session-start", "gemini", "SessionStart", "SessionStart")
                        .kind())
                .isEqualTo(HookEvent.Kind.SESSION_START);
        HookEvent stop = both("stop", "gemini", "AfterAgent", "AfterAgent");
        assertThat(stop.kind()).isEqualTo(HookEvent.Kind.STOP);
        assertThat(stop.cwd()).isEqualTo("/var/tmp/awgm");
    }

    @Test
    void cursor_shellExecution_hasConversationCommandCwdDurationAndOutput() {
        HookEvent before = both("pre-tool-use", "cursor", "beforeShellExecution", "beforeShellExecution");
        assertThat(before.kind()).isEqualTo(HookEvent.Kind.PRE_TOOL_USE);
        assertThat(before.agent()).isEqualTo("cursor");
        assertThat(before.sessionId()).isEqualTo("7c2d4e1a-9b3f-4a6e-8d21-5f0c3b9e7a14");
        assertThat(before.command()).isEqualTo("python3 scripts/clean.py");
        assertThat(before.cwd()).isEqualTo("/home/ada/weather");
        assertThat(before.toolName()).isEqualTo("Shell");
        assertThat(before.toolUseId()).isNull();

        HookEvent after = both("post-tool-use", "cursor", "afterShellExecution", "afterShellExecution");
        assertThat(after.durationMs()).isEqualTo(1840L);
        assertThat(after.output()).isEqualTo("cleaned 1461 rows\n");
        assertThat(after.exitCode()).as("Cursor documents no exit code").isNull();
        assertThat(after.failed()).isFalse();

        assertThat(both("session-start", "cursor", "sessionStart", "sessionStart")
                        .kind())
                .isEqualTo(HookEvent.Kind.SESSION_START);
        assertThat(both("stop", "cursor", "stop", "stop").kind()).isEqualTo(HookEvent.Kind.STOP);
    }

    @Test
    void cursor_emptyCwd_fallsBackToTheFirstWorkspaceRoot() {
        JsonNode payload = fixture("cursor", "beforeShellExecution");
        ((ObjectNode) payload).put("cwd", "");
        assertThat(AgentPayloads.normalize("pre-tool-use", "cursor", payload).cwd())
                .isEqualTo("/home/ada/weather");
    }

    @Test
    void anUnknownAgent_isInvalidInputNamingTheOptionAndTheChoices() {
        assertThatThrownBy(() -> AgentPayloads.normalize("stop", "copilot", fixture("claude", "Stop")))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("--agent: expected claude, codex, gemini or cursor, got \"copilot\"")
                .satisfies(e -> assertThat(((WorkbenchException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
        assertThat(AgentPayloads.agent("Gemini")).isEqualTo("gemini");
    }

    @Test
    void anotherAgentsEventName_isRefused_withTheChoices() {
        assertThatThrownBy(() -> AgentPayloads.normalize("BeforeTool", "claude", fixture("claude", "Stop")))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("event: expected session-start, pre-tool-use")
                .hasMessageContaining("PostToolUseFailure")
                .hasMessageContaining("got \"BeforeTool\"");
        assertThatThrownBy(() -> AgentPayloads.event("teatime", "cursor")).hasMessageContaining("beforeShellExecution");
        assertThat(AgentPayloads.event("PreToolUse", null)).isEqualTo("pre-tool-use");
    }
}
