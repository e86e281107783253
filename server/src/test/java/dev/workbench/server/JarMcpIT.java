package dev.workbench.server;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The tool scenarios against the built jar, started as a subprocess the way an MCP client starts it. */
class JarMcpIT extends McpToolScenarios {
    @TempDir
    Path root;

    McpSyncClient client;

    @BeforeEach
    void start() {
        var transport = new StdioClientTransport(
                ServerParameters.builder(Processes.java())
                        .args(Processes.jvmArgs("-jar", Processes.jar().toString(), "serve", "--root", root.toString()))
                        .build(),
                McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(line -> System.err.println("[server] " + line));
        client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
    }

    @AfterEach
    void stop() {
        client.closeGracefully();
    }

    @Override
    McpSyncClient client() {
        return client;
    }

    @Override
    Path root() {
        return root;
    }
}
