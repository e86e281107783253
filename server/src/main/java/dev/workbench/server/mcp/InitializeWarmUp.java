package dev.workbench.server.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes one {@code initialize} exchange with the SDK's mapper on a second thread while the server is
 * being built. Jackson introspects each SDK type (request, capabilities, result) by reflection the first time it
 * meets it, about a quarter of the time from launch to the answer; done here, on the other core, the real
 * request finds the mapper's readers and writers made. Nothing is sent or stored; a failure only costs the time.
 */
public final class InitializeWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(InitializeWarmUp.class);
    private static final String REQUEST = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"" + ProtocolVersions.MCP_2025_11_25 + "\",\"capabilities\":{\"roots\":"
            + "{\"listChanged\":true},\"sampling\":{},\"elicitation\":{}},\"clientInfo\":{\"name\":\"warm-up\","
            + "\"version\":\"0\"}}}";

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private InitializeWarmUp() {}

    /**
     * Starts the warm-up on a daemon thread, once per process, and returns at once. The thread also makes the SDK's
     * default mapper: Jackson's first mapper loads the JDK's calendar and locale data (its default date format),
     * which an {@code aw serve} started here, before its workbench is opened, does on the second core.
     */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> run(McpJsonDefaults.getMapper()), "aw-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(McpJsonMapper mapper) {
        try {
            var request = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(mapper, REQUEST);
            McpSchema.InitializeRequest init =
                    mapper.convertValue(request.params(), new TypeRef<McpSchema.InitializeRequest>() {});
            var result = new McpSchema.InitializeResult(
                    init.protocolVersion(),
                    WorkbenchServer.capabilities(),
                    WorkbenchServer.serverInfo(),
                    WorkbenchServer.INSTRUCTIONS);
            mapper.writeValueAsString(
                    new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), result, null));
        } catch (Exception | LinkageError e) {
            LOG.debug("initialize warm-up failed (the first answer is only slower)", e);
        }
    }
}
