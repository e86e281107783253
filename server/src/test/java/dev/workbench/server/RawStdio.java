package dev.workbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw JSON-RPC peer for a stdio server: writes lines as given, reads answers one line at a time. */
public final class RawStdio implements AutoCloseable {
    public static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    public static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private final OutputStream toServer;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    public RawStdio(OutputStream toServer, InputStream fromServer) {
        this.toServer = toServer;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        // the server went away; take() will time out and say so
                    }
                },
                "raw-stdio-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public void send(String line) {
        sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendBytes(byte[] bytes) {
        try {
            toServer.write(bytes);
            toServer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toolCall(Object id, String tool, String argumentsJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + Json.toLine(id) + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":" + argumentsJson + "}}";
    }

    /** The next line the server wrote, parsed; fails after 20 s. */
    public JsonNode next() {
        try {
            String line = lines.poll(20, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no answer from the server within 20 s");
            }
            return Json.mapper().readTree(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new AssertionError("the server wrote a line that is not JSON", e);
        }
    }

    public void initialize() {
        send(INITIALIZE);
        JsonNode answer = next();
        if (!"init".equals(answer.path("id").asText())) {
            throw new AssertionError("unexpected answer to initialize: " + answer);
        }
        send(INITIALIZED);
    }

    public void closeInput() {
        try {
            toServer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closeInput();
    }
}
