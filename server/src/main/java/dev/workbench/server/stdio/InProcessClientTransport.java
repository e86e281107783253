package dev.workbench.server.stdio;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An MCP client transport over a pair of streams: newline-delimited JSON-RPC, exactly what a stdio client
 * writes to a server process, without the process. The SDK ships none (SDK notes, section 2.10).
 */
public final class InProcessClientTransport implements McpClientTransport {
    private final BufferedReader in;
    private final OutputStream out;
    private final McpJsonMapper mapper;
    private volatile boolean closing;

    public InProcessClientTransport(InputStream fromServer, OutputStream toServer, McpJsonMapper mapper) {
        this.in = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
        this.out = toServer;
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        Thread reader = new Thread(
                () -> {
                    try {
                        String line;
                        while (!closing && (line = in.readLine()) != null) {
                            if (!line.isBlank()) {
                                McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                                handler.apply(Mono.just(message)).subscribe();
                            }
                        }
                    } catch (IOException e) {
                        if (!closing) {
                            throw new UncheckedIOException(e);
                        }
                    }
                },
                "aw-client-reader");
        reader.setDaemon(true);
        reader.start();
        return Mono.empty();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            try {
                byte[] line = (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
                synchronized (out) {
                    out.write(line);
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closing = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // the server side is gone already
            }
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return mapper.convertValue(data, type);
    }
}
