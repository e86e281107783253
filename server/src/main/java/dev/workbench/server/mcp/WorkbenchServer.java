package dev.workbench.server.mcp;

import dev.workbench.core.Workbench;
import dev.workbench.resources.WorkbenchResources;
import dev.workbench.server.Version;
import dev.workbench.tools.Tools;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.List;

/** Builds the MCP server of one workbench on a transport. */
public final class WorkbenchServer {
    static final String INSTRUCTIONS = """
            The Workbench keeps analysis and experiments honest; its state is plain files in .aw/ under the root.
            Start with get-project. Frame the question with update-project. Checkpoint data before changing it \
            (rollback undoes any step), record every command that produces numbers with record-run, and log real \
            choices with log-decision. Describe data with profile-data, never by eye. Experiments: size with \
            plan-sample-size, upsert-claim for the claim it bears on, upsert-experiment (with assignment and metricDefinitions when the data is queryable), then \
            status collecting freezes the contract; pull the numbers with collect-metrics (not by hand) and compute \
            results with analyze-bayesian, analyze-frequentist or analyze-bandit, never by eye. Once there is a result, keep \
            what it taught with record-learning and start the next cycle with propose-follow-ups (drafts, nothing \
            starts). After a launch, plan-holdout creates the holdout checkpoints and analyze-holdout reads their trend. \
            Before presenting work: \
            review-stage execute, then review (an area, or an experiment's write-up); only a person approves. Plans: \
            write-plan (versions kept), reviewed like any work. The prompts analysis-workflow and \
            experiment-workflow teach the workflow. Errors are "<CODE>: message" and say what to do instead.""";

    private WorkbenchServer() {}

    static McpSchema.Implementation serverInfo() {
        return McpSchema.Implementation.builder("workbench", Version.get())
                .title("Workbench")
                .build();
    }

    static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder()
                .tools(false)
                .resources(true, true)
                .prompts(false)
                .completions()
                .logging()
                .build();
    }

    /** The server on one stdio session; {@code live} turns file changes into notifications for its subscribers. */
    public static McpSyncServer create(Workbench wb, McpServerTransportProvider transport, LiveResources live) {
        return create(wb, McpServer.sync(transport), live);
    }

    /** The same server on a Streamable HTTP transport. */
    public static McpSyncServer create(
            Workbench wb, McpStreamableServerTransportProvider transport, LiveResources live) {
        return create(wb, McpServer.sync(transport), live);
    }

    private static McpSyncServer create(Workbench wb, McpServer.SyncSpecification<?> spec, LiveResources live) {
        WorkbenchResources resources = new WorkbenchResources(wb);
        List<SyncToolSpecification> tools =
                Tools.all().stream().map(tool -> McpFeatures.tool(tool, wb)).toList();
        McpSyncServer server = spec.jsonMapper(live.mapper())
                .serverInfo(serverInfo())
                .instructions(INSTRUCTIONS)
                .capabilities(capabilities())
                // Inputs are bound and checked by ToolExecutor, which answers in the contract's error form.
                .validateToolInputs(false)
                // Results are still checked against the output schemas, by a validator made on the first call.
                .jsonSchemaValidator(LazySchemaValidator.trusting(tools))
                .tools(tools)
                // A server-to-client request may wait on a person (an approval): give them time.
                .requestTimeout(Duration.ofMinutes(30))
                .resources(McpFeatures.resources(resources))
                .resourceTemplates(McpFeatures.templates(resources))
                .prompts(McpFeatures.prompts(wb))
                .completions(McpFeatures.completions(wb))
                .build();
        live.attach(server);
        return server;
    }
}
