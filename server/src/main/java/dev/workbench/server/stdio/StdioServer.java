package dev.workbench.server.stdio;

import dev.workbench.core.Workbench;
import dev.workbench.server.mcp.InitializeWarmUp;
import dev.workbench.server.mcp.LiveResources;
import dev.workbench.server.mcp.WorkbenchServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Runs the workbench's MCP server over a pair of streams (the process's stdin and stdout, or pipes in tests). */
public final class StdioServer {
    private final McpSyncServer server;
    private final LiveResources live;
    private final Thread reader;

    private StdioServer(McpSyncServer server, LiveResources live, Thread reader) {
        this.server = server;
        this.live = live;
        this.reader = reader;
    }

    /** Starts serving; returns at once. The session ends when {@code in} ends. */
    public static StdioServer start(Workbench wb, InputStream in, OutputStream out) {
        InitializeWarmUp.start(); // unless `aw serve` started it already
        // the SDK's default mapper, which the transport and the server below both use
        RobustStdio stdio = new RobustStdio(in, out);
        var transport = oneSender(new StdioServerTransportProvider(
                McpJsonDefaults.getMapper(), stdio.sdkInput(), stdio.sdkOutput(), RobustStdio.MAX_LINE_BYTES + 1));
        LiveResources live = new LiveResources(wb);
        McpSyncServer server = WorkbenchServer.create(wb, transport, live);
        return new StdioServer(server, live, stdio.start());
    }

    /**
     * The SDK's stdio transport with every outgoing message handed over from one thread. Its outgoing queue is a
     * Reactor sink that fails a send made while another thread is inside one, after 100 ms of retrying
     * ("Failed to enqueue message", Reactor's rule 1.3): answers finishing on several threads of a busy machine
     * lost answers that way (seen in {@code StdioFuzzTest} on a loaded machine, where that run then got no further answer).
     */
    static McpServerTransportProvider oneSender(McpServerTransportProvider provider) {
        Scheduler sender = Schedulers.newSingle("aw-stdout", true);
        return new McpServerTransportProvider() {
            @Override
            public void setSessionFactory(McpServerSession.Factory factory) {
                provider.setSessionFactory(transport -> factory.create(new McpServerTransport() {
                    @Override
                    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
                        return transport.sendMessage(message).subscribeOn(sender);
                    }

                    @Override
                    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
                        return transport.unmarshalFrom(data, type);
                    }

                    @Override
                    public Mono<Void> closeGracefully() {
                        return transport.closeGracefully();
                    }

                    @Override
                    public void close() {
                        transport.close();
                    }

                    @Override
                    public List<String> protocolVersions() {
                        return transport.protocolVersions();
                    }
                }));
            }

            @Override
            public Mono<Void> notifyClients(String method, Object params) {
                return provider.notifyClients(method, params);
            }

            @Override
            public Mono<Void> notifyClient(String sessionId, String method, Object params) {
                return provider.notifyClient(sessionId, method, params);
            }

            @Override
            public Mono<Void> closeGracefully() {
                return provider.closeGracefully().doFinally(signal -> sender.dispose());
            }

            @Override
            public void close() {
                provider.close();
                sender.dispose();
            }

            @Override
            public List<String> protocolVersions() {
                return provider.protocolVersions();
            }
        };
    }

    /** Waits until the input has ended and every request read was answered. */
    public void awaitInputEnd() throws InterruptedException {
        reader.join();
    }

    public void close() {
        live.close();
        server.close();
    }
}
