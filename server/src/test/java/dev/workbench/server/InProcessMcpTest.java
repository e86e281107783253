package dev.workbench.server;

import dev.workbench.core.Workbench;
import dev.workbench.server.stdio.InProcessSession;
import io.modelcontextprotocol.client.McpSyncClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The tool scenarios over the stdio wire format on in-memory pipes: fast, everything but the process. */
class InProcessMcpTest extends McpToolScenarios {
    @TempDir
    Path root;

    InProcessSession session;

    @BeforeEach
    void start() {
        session = InProcessSession.open(new Workbench(root));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    @Override
    McpSyncClient client() {
        return session.client();
    }

    @Override
    Path root() {
        return root;
    }
}
