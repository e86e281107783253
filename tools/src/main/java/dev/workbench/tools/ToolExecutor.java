package dev.workbench.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.StorageException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single place a tool is run: binds the arguments to the input record strictly ({@link ToolArguments}), calls
 * the tool, and turns every failure into a {@link ToolResult} error with a code; nothing escapes as an exception.
 * Inputs over {@link #MAX_INPUT_BYTES} and results over the {@link ResponseBudget} are refused.
 */
public final class ToolExecutor {
    public static final int MAX_INPUT_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ToolExecutor.class);

    private ToolExecutor() {}

    public static <I, O> ToolResult execute(Tool<I, O> tool, JsonNode arguments, ToolContext context) {
        try {
            boolean absent = arguments == null || arguments.isNull() || arguments.isMissingNode();
            I input;
            try {
                input = ToolArguments.bind(tool, absent ? JsonNodeFactory.instance.objectNode() : arguments);
            } catch (WorkbenchException e) {
                if (absent && e.code() == ErrorCode.INVALID_INPUT) {
                    throw new WorkbenchException(
                            e.code(),
                            "arguments: none given; " + tool.name() + " expects "
                                    + ToolArguments.expectedArguments(tool) + " (" + e.getMessage() + ")");
                }
                throw e;
            }
            JsonNode result = Json.toTree(tool.call(input, context));
            // Written out once: the budget is measured on this text and MCP sends it as the text content.
            String text = Json.toLine(result);
            // Writes check their responses before committing and lists trim themselves, so this is a last guard.
            int size = ResponseBudget.toolResponseOfJson(text);
            if (size > ResponseBudget.LIMIT) {
                LOG.error("{} produced a {}-byte response", tool.name(), size);
                return ToolResult.error(
                        ErrorCode.INTERNAL,
                        tool.name() + " produced a response of " + size + " bytes, over the " + ResponseBudget.LIMIT
                                + "-byte limit");
            }
            return ToolResult.success(result, text);
        } catch (WorkbenchException e) {
            return ToolResult.error(e.code(), e.getMessage());
        } catch (UncheckedIOException e) {
            LOG.warn("{}: storage failure", tool.name(), e);
            return storageFailure(e, context);
        } catch (RuntimeException e) {
            LOG.error("{} failed", tool.name(), e);
            return ToolResult.error(
                    ErrorCode.INTERNAL, tool.name() + " failed: " + e + " (details on the server's stderr)");
        }
    }

    /**
     * A file-system failure, the same for every tool: {@code STORAGE_FULL} for a full disk or quota, else
     * {@code STORAGE_ERROR}; the message names the path relative to the root and what was changed: nothing, when
     * the failure came before the call's first write (every write is atomic, so the failed one left its file as
     * it was), else that the earlier writes of the call stay.
     */
    static ToolResult storageFailure(UncheckedIOException e, ToolContext context) {
        boolean full = false;
        String reason = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t instanceof FileSystemException fse ? fse.getReason() : t.getMessage();
            if (message != null
                    && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                full = true;
            }
            if (t instanceof IOException && !(t instanceof UncheckedIOException)) {
                reason = t instanceof FileSystemException fse ? describe(fse) : message;
            }
        }
        String what = e.getMessage() == null || e.getMessage().equals(String.valueOf(e.getCause()))
                ? "a file operation failed"
                : e.getMessage();
        StringBuilder text = new StringBuilder(what);
        if (reason != null && !what.contains(reason)) {
            text.append(": ").append(reason);
        }
        text.append(
                e instanceof StorageException partial
                        ? "; the call stopped there: the " + partial.earlierWrites()
                                + " write(s) it had made before stay, each whole, and this file is as it was"
                        : "; nothing was changed");
        text.append(
                full
                        ? "; free some disk space and call again"
                        : "; fix the path (a folder where a file should be, or a permission) and call again");
        String root = context.workbench().backend().root().toString();
        String message = text.toString().replace(root + File.separator, "").replace(root, ".");
        return ToolResult.error(full ? ErrorCode.STORAGE_FULL : ErrorCode.STORAGE_ERROR, message);
    }

    /** A FileSystemException as words: its reason and, for a rename, both paths. */
    private static String describe(FileSystemException e) {
        String reason = e.getReason() == null
                ? e.getClass()
                        .getSimpleName()
                        .replace("Exception", "")
                        .replaceAll("([a-z])([A-Z])", "$1 $2")
                        .toLowerCase()
                : e.getReason();
        return e.getFile() == null
                ? reason
                : e.getFile() + (e.getOtherFile() == null ? "" : " -> " + e.getOtherFile()) + ": " + reason;
    }
}
