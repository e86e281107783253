package dev.workbench.core.capture;

import static dev.workbench.core.capture.PayloadFields.command;
import static dev.workbench.core.capture.PayloadFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini CLI's hook payloads for {@link AgentPayloads}. Apart from the other agents because Gemini sends no exit
 * code or output field: both are read out of the text its shell tool hands the model, whose layout follows
 * packages/core/src/tools/shell.ts and changes with it, so the patterns for it live here alone.
 */
final class GeminiPayload {
    /**
     * What Gemini CLI's shell tool appends to its {@code llmContent} after {@code Output: <output>}
     * (packages/core/src/tools/shell.ts): an optional error, "Exit Code: N" only when N is not 0, an optional signal,
     * background PIDs and the process group, one per line.
     */
    private static final Pattern GEMINI_TAIL = Pattern.compile(
            "(\\nError: [^\\n]*)?(?:\\nExit Code: (-?\\d+))?(\\nSignal: [^\\n]*)?(?:\\nBackground PIDs: [\\d, ]*)?"
                    + "(?:\\nProcess Group PGID: \\d+)?\\s*");

    /** The same tail found at the end of the content, when the output cannot be told apart by {@code returnDisplay}. */
    private static final Pattern GEMINI_TAIL_AT_END = Pattern.compile(
            "(?:\\nError: [^\\n]*)?(?:\\nExit Code: -?\\d+)?(?:\\nSignal: [^\\n]*)?(?:\\nBackground PIDs: [\\d, ]*)?"
                    + "\\nProcess Group PGID: \\d+\\s*$");

    /** The wrapper recent Gemini CLI versions put around a tool's result ({@code <untrusted_context>…</untrusted_context>}). */
    private static final Pattern GEMINI_WRAPPER = Pattern.compile("(?s)\\s*<([A-Za-z_]+)>\\n(.*)\\n</\\1>\\s*");

    private GeminiPayload() {}

    /**
     * Gemini CLI: {@code run_shell_command} with {@code tool_input.command} (and {@code dir_path}, the folder it runs
     * in, relative to {@code cwd}); AfterTool's {@code tool_response} holds {@code llmContent}, {@code returnDisplay}
     * and an optional {@code error}. No tool-call id is sent.
     */
    static HookEvent read(HookEvent.Kind kind, JsonNode p) {
        String toolName = text(p, "tool_name");
        JsonNode input = p.path("tool_input");
        String command = AgentPayloads.SHELL_TOOL.get("gemini").equals(toolName) ? command(input.get("command")) : null;
        String cwd = text(p, "cwd");
        String dir = command == null ? null : text(input, "dir_path");
        if (dir != null && !dir.isBlank()) {
            try {
                cwd = cwd == null
                        ? Path.of(dir).toString()
                        : Path.of(cwd).resolve(dir).normalize().toString();
            } catch (InvalidPathException e) {
                // not a path this system can name: keep the session's folder
            }
        }
        Integer exitCode = null;
        boolean failed = false;
        String output = null;
        if (kind == HookEvent.Kind.POST_TOOL_USE && command != null) {
            JsonNode response = p.path("tool_response");
            String content = response.isTextual() ? response.asText() : text(response, "llmContent");
            String display = text(response, "returnDisplay");
            failed = response.hasNonNull("error");
            if (content != null) {
                Matcher wrapped = GEMINI_WRAPPER.matcher(content);
                if (wrapped.matches()) {
                    content = wrapped.group(2);
                }
                // The output is returnDisplay (outside debug mode), which tells exactly where the tail starts; else the
                // tail is matched at the end, where a line of output could imitate it.
                String tail = null;
                String prefix = "Output: " + (display == null || display.isEmpty() ? "(empty)" : display);
                if (display != null && content.startsWith(prefix)) {
                    tail = content.substring(prefix.length());
                    output = display;
                } else if (content.startsWith("Output: ")) {
                    Matcher end = GEMINI_TAIL_AT_END.matcher(content);
                    if (end.find()) {
                        tail = content.substring(end.start());
                        String shown = content.substring("Output: ".length(), end.start());
                        output = shown.equals("(empty)") ? "" : shown;
                    }
                }
                Matcher m = tail == null ? null : GEMINI_TAIL.matcher(tail);
                if (m != null && m.matches()) {
                    if (m.group(2) != null) {
                        exitCode = Integer.valueOf(m.group(2));
                    } else if (m.group(1) == null && m.group(3) == null && !failed) {
                        exitCode = 0; // the tool writes "Exit Code" only when it is not 0
                    }
                }
            }
            if (output == null) {
                output = display != null ? display : response.isTextual() ? response.asText() : null;
            }
            failed |= exitCode != null && exitCode != 0;
        }
        return new HookEvent(
                kind,
                "gemini",
                text(p, "session_id"),
                text(p, "transcript_path"),
                cwd,
                null,
                toolName,
                command,
                exitCode,
                failed,
                p,
                null,
                output);
    }
}
