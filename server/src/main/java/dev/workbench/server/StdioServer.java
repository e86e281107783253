package dev.workbench.server;

import dev.workbench.core.Workbench;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;

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
        RobustStdio stdio = new RobustStdio(in, out);
        var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), stdio.sdkInput(),
                stdio.sdkOutput(), RobustStdio.MAX_LINE_BYTES + 1);
        LiveResources live = new LiveResources(wb);
        McpSyncServer server = WorkbenchServer.create(wb, transport, live);
        return new StdioServer(server, live, stdio.start());
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
