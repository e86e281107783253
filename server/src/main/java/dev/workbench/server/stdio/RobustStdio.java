package dev.workbench.server.stdio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.server.mcp.JsonRpcShape;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between the process's stdin/stdout and the SDK's stdio transport, which ends the whole session on one
 * malformed line (SDK notes, pitfall 2). Each incoming line is checked first ({@link JsonRpcShape#check}): a
 * line that is not JSON, not a JSON-RPC 2.0 message the SDK can map, or longer than {@link #MAX_LINE_BYTES} is
 * answered here with a JSON-RPC error (with the request's id whenever it can be read) and dropped; good lines go
 * on to the SDK, leading byte-order marks removed. Oversized lines are skipped without being held in memory.
 *
 * <p>Both writers (the SDK and these error replies) go through one lock that writes whole lines only, so the
 * output stays one JSON message per line. At end of input the SDK is told only after every request read so far
 * has been answered, so a client that writes its requests and closes stdin at once still gets every answer
 * (SDK notes, pitfall 3).
 */
public final class RobustStdio {
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RobustStdio.class);
    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    /** How long answers are awaited after end of input: long tool calls finish, a stuck one does not hold the process. */
    private static final long DRAIN_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(60);

    private final InputStream in;
    private final OutputStream out;
    private final int maxLine;
    private final Object writeLock = new Object();
    private final Object pendingLock = new Object();
    private final Pipe toSdkPipe = new Pipe();
    private final OutputStream toSdk = toSdkPipe.sink();
    private final OutputStream sdkOut = new LineWriter();
    private int pending;
    private boolean initializeSent;

    RobustStdio(InputStream in, OutputStream out, int maxLine) {
        this.in = in;
        this.out = out;
        this.maxLine = maxLine;
    }

    RobustStdio(InputStream in, OutputStream out) {
        this(in, out, MAX_LINE_BYTES);
    }

    /** What the SDK reads: only well-formed JSON-RPC lines. */
    InputStream sdkInput() {
        return toSdkPipe.source();
    }

    /** What the SDK writes to: whole lines, serialised with our own error replies. */
    OutputStream sdkOutput() {
        return sdkOut;
    }

    /** Starts the thread that reads stdin; it ends at end of input, after the SDK answered what it was sent. */
    Thread start() {
        Thread t = new Thread(this::pump, "aw-stdin");
        t.start();
        return t;
    }

    private void pump() {
        try {
            byte[] chunk = new byte[64 * 1024];
            ByteArrayOutputStream line = new ByteArrayOutputStream(8 * 1024);
            boolean oversized = false;
            int n;
            while ((n = in.read(chunk)) != -1) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        if (!oversized) {
                            line.write(chunk, start, i - start);
                        }
                        handle(line, oversized);
                        line.reset();
                        oversized = false;
                        start = i + 1;
                    }
                }
                if (!oversized) {
                    line.write(chunk, start, n - start);
                    if (line.size() > maxLine) {
                        oversized = true;
                        line.reset();
                    }
                }
            }
            if (oversized || line.size() > 0) {
                handle(line, oversized);
            }
        } catch (IOException e) {
            LOG.warn("stdin closed: {}", e.toString());
        } finally {
            awaitAnswers();
            try {
                toSdk.close();
            } catch (IOException ignored) {
                // the SDK side is already gone
            }
        }
    }

    private void handle(ByteArrayOutputStream line, boolean oversized) throws IOException {
        if (oversized) {
            replyError(
                    null,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: message longer than " + maxLine + " bytes; it was skipped");
            return;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        JsonRpcShape.Verdict verdict = JsonRpcShape.check(bytes, length);
        if (verdict instanceof JsonRpcShape.Reject reject) {
            replyError(reject.id(), reject.code(), reject.message());
        } else if (verdict instanceof JsonRpcShape.ToolError toolError) {
            replyToolError(toolError);
        } else if (verdict instanceof JsonRpcShape.Forward forward) {
            JsonNode message = forward.message();
            if (message.has("method") && message.has("id")) {
                synchronized (pendingLock) {
                    pending++;
                    initializeSent |= "initialize".equals(message.get("method").asText());
                }
            }
            toSdk.write(forward.bytes());
            toSdk.write('\n');
            toSdk.flush();
        }
    }

    private void replyError(JsonNode id, int code, String message) throws IOException {
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        reply.putObject("error").put("code", code).put("message", message);
        LOG.warn("rejected an input line: {}", message);
        writeLine((Json.toLine(reply) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A tools/call answered here, as the tool itself would answer bad input: an isError result. */
    private void replyToolError(JsonRpcShape.ToolError toolError) throws IOException {
        writeLine((Json.toLine(toolError.reply()) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void writeLine(byte[] line) throws IOException {
        synchronized (writeLock) {
            out.write(line);
            out.flush();
        }
    }

    private void awaitAnswers() {
        long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
        synchronized (pendingLock) {
            // Without initialize the SDK answers nothing, so there is nothing to wait for.
            while (initializeSent && pending > 0 && System.currentTimeMillis() < deadline) {
                try {
                    pendingLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void answered() {
        synchronized (pendingLock) {
            pending--;
            pendingLock.notifyAll();
        }
    }

    /** Collects the SDK's bytes into lines and writes each line whole. */
    private final class LineWriter extends OutputStream {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8 * 1024);

        @Override
        public synchronized void write(int b) throws IOException {
            buffer.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    buffer.write(b, start, i + 1 - start);
                    emit();
                    start = i + 1;
                }
            }
            buffer.write(b, start, off + len - start);
        }

        private void emit() throws IOException {
            byte[] line = buffer.toByteArray();
            buffer.reset();
            writeLine(line);
            if (isResponse(line)) {
                answered();
            }
        }
    }

    /** A response carries an id and no method; only the top-level keys are looked at. */
    static boolean isResponse(byte[] line) {
        boolean id = false;
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (name.equals("method")) {
                    return false;
                }
                id |= name.equals("id");
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException e) {
            return false;
        }
        return id;
    }
}
