package dev.workbench.server.stdio;

import dev.workbench.core.Workbench;
import dev.workbench.server.Version;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A workbench server and an MCP client joined by in-memory pipes carrying the stdio wire format, including
 * {@link RobustStdio}. Used by {@code aw demo} and by the tests: everything but the process boundary is real.
 */
public final class InProcessSession implements AutoCloseable {
    private final StdioServer server;
    private final McpSyncClient client;

    private InProcessSession(StdioServer server, McpSyncClient client) {
        this.server = server;
        this.client = client;
    }

    public static InProcessSession open(Workbench wb) {
        return open(wb, spec -> spec);
    }

    /** @param customise adds client features (elicitation, consumers) before the client is built */
    public static InProcessSession open(Workbench wb, UnaryOperator<McpClient.SyncSpec> customise) {
        Pipe toServer = new Pipe();
        Pipe toClient = new Pipe();
        StdioServer server = StdioServer.start(wb, toServer.source(), toClient.sink());
        var transport = new InProcessClientTransport(toClient.source(), toServer.sink(), McpJsonDefaults.getMapper());
        McpSyncClient client = customise
                .apply(McpClient.sync(transport)
                        .clientInfo(new McpSchema.Implementation("aw-in-process", Version.get()))
                        .requestTimeout(Duration.ofSeconds(60))
                        .initializationTimeout(Duration.ofSeconds(30)))
                .build();
        client.initialize();
        return new InProcessSession(server, client);
    }

    public McpSyncClient client() {
        return client;
    }

    @Override
    public void close() {
        client.closeGracefully();
        try {
            server.awaitInputEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
