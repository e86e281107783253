package dev.workbench.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.resources.ResourceContent;
import dev.workbench.resources.ResourceInfo;
import dev.workbench.resources.Skills;
import dev.workbench.resources.WorkbenchPrompts;
import dev.workbench.resources.WorkbenchResources;
import dev.workbench.tools.Tool;
import dev.workbench.tools.ToolContext;
import dev.workbench.tools.ToolExecutor;
import dev.workbench.tools.ToolResult;
import dev.workbench.tools.ToolSchemas;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the SDK-free tools and resources into MCP specifications. Every tool call goes through
 * {@link ToolExecutor}, so a bad input is always an {@code isError} result with the contract's text and
 * structured error, never a JSON-RPC error.
 */
public final class McpFeatures {
    /** Converts the arguments to a tree keeping explicit nulls: binding reports a null where none belongs. */
    private static final ObjectMapper KEEP_NULLS = new ObjectMapper();

    private McpFeatures() {}

    static SyncToolSpecification tool(Tool<?, ?> tool, Workbench wb) {
        McpSchema.Tool definition = McpSchema.Tool.builder()
                .name(tool.name())
                .title(tool.title())
                .description(tool.description())
                .inputSchema(new OnDemandSchema(() -> ToolSchemas.input(tool)))
                .outputSchema(new OnDemandSchema(() -> ToolSchemas.output(tool)))
                .annotations(McpSchema.ToolAnnotations.builder()
                        .title(tool.title())
                        .readOnlyHint(tool.hints().readOnly())
                        .destructiveHint(tool.hints().destructive())
                        .idempotentHint(tool.hints().idempotent())
                        .openWorldHint(false)
                        .build())
                .build();
        return SyncToolSpecification.builder()
                .tool(definition)
                .callHandler((exchange, request) -> toCallResult(ToolExecutor.execute(
                        tool,
                        KEEP_NULLS.valueToTree(request.arguments()),
                        new ToolContext(wb, ElicitationApproval.of(exchange)))))
                .build();
    }

    /**
     * The result as the SDK sends it. The structured content stays the executor's tree: the SDK's mapper writes a
     * tree as it writes the map it was once converted to (nulls included), and its output check takes either.
     */
    static McpSchema.CallToolResult toCallResult(ToolResult result) {
        return McpSchema.CallToolResult.builder()
                .structuredContent(result.structured())
                .addTextContent(result.text())
                .isError(result.isError())
                .build();
    }

    static List<SyncResourceSpecification> resources(WorkbenchResources resources) {
        return resources.resources().stream()
                .map(info -> new SyncResourceSpecification(
                        McpSchema.Resource.builder(info.uri(), info.name())
                                .title(info.title())
                                .description(info.description())
                                .mimeType(info.mimeType())
                                .build(),
                        (exchange, request) -> read(resources, request.uri())))
                .toList();
    }

    static List<SyncResourceTemplateSpecification> templates(WorkbenchResources resources) {
        return resources.templates().stream()
                .map((ResourceInfo info) -> new SyncResourceTemplateSpecification(
                        McpSchema.ResourceTemplate.builder(info.uri(), info.name())
                                .title(info.title())
                                .description(info.description())
                                .mimeType(info.mimeType())
                                .build(),
                        (exchange, request) -> read(resources, request.uri())))
                .toList();
    }

    /** The operator prompts, with an area argument, and one prompt per packaged skill. */
    static List<McpServerFeatures.SyncPromptSpecification> prompts(Workbench wb) {
        WorkbenchPrompts prompts = new WorkbenchPrompts(wb);
        List<McpServerFeatures.SyncPromptSpecification> specs = new ArrayList<>();
        for (WorkbenchPrompts.PromptInfo info : WorkbenchPrompts.PROMPTS) {
            List<McpSchema.PromptArgument> arguments = new ArrayList<>(List.of(McpSchema.PromptArgument.builder("area")
                    .description("the area of work, e.g. cleaning")
                    .required(true)
                    .build()));
            if (info.name().equals("plan")) {
                arguments.add(McpSchema.PromptArgument.builder("experiment")
                        .description("an experiment (slug) whose plan to show too")
                        .required(false)
                        .build());
            }
            McpSchema.Prompt prompt = new McpSchema.Prompt(info.name(), info.title(), info.description(), arguments);
            specs.add(new McpServerFeatures.SyncPromptSpecification(prompt, (exchange, request) -> {
                Object area =
                        request.arguments() == null ? null : request.arguments().get("area");
                Object experiment =
                        request.arguments() == null ? null : request.arguments().get("experiment");
                try {
                    return userMessage(
                            info.description(),
                            prompts.render(
                                    info.name(),
                                    area == null ? null : area.toString(),
                                    experiment == null ? null : experiment.toString()));
                } catch (WorkbenchException e) {
                    // the prompt's argument, named by where it sits in the request
                    String message =
                            e.getMessage().startsWith("area") || e.getMessage().startsWith("experiment")
                                    ? "params.arguments." + e.getMessage()
                                    : e.getMessage();
                    throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                            .message(e.code() + ": " + message)
                            .build();
                }
            }));
        }
        for (Skills.Skill skill : Skills.all()) {
            specs.add(new McpServerFeatures.SyncPromptSpecification(
                    new McpSchema.Prompt(skill.name(), skill.name(), skill.description(), List.of()),
                    (exchange, request) -> userMessage(skill.description(), skill.body())));
        }
        return specs;
    }

    /** Area names complete from the project's areas and the review stages; experiments from their slugs. */
    static List<McpServerFeatures.SyncCompletionSpecification> completions(Workbench wb) {
        WorkbenchPrompts prompts = new WorkbenchPrompts(wb);
        return WorkbenchPrompts.PROMPTS.stream()
                .map(info -> new McpServerFeatures.SyncCompletionSpecification(
                        new McpSchema.PromptReference(info.name()), (exchange, request) -> {
                            String prefix = request.argument().value();
                            List<String> all = "area".equals(request.argument().name())
                                    ? prompts.areas(prefix)
                                    : "experiment".equals(request.argument().name())
                                            ? wb.experiments().slugs().stream()
                                                    .filter(slug -> prefix == null || slug.startsWith(prefix))
                                                    .toList()
                                            : List.<String>of();
                            List<String> shown = all.subList(0, Math.min(all.size(), WorkbenchPrompts.MAX_COMPLETIONS));
                            return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(
                                    shown, all.size(), all.size() > shown.size()));
                        }))
                .toList();
    }

    private static McpSchema.GetPromptResult userMessage(String description, String text) {
        return McpSchema.GetPromptResult.builder(
                        List.of(McpSchema.PromptMessage.builder(McpSchema.Role.USER, new McpSchema.TextContent(text))
                                .build()))
                .description(description)
                .build();
    }

    /** Resource reads fail as protocol errors, as MCP specifies; the message still says what to do. */
    private static McpSchema.ReadResourceResult read(WorkbenchResources resources, String uri) {
        try {
            ResourceContent content = resources.read(uri);
            return McpSchema.ReadResourceResult.builder(
                            List.of(McpSchema.TextResourceContents.builder(content.uri(), content.text())
                                    .mimeType(content.mimeType())
                                    .build()))
                    .build();
        } catch (WorkbenchException e) {
            int code = e.code() == ErrorCode.NOT_FOUND
                    ? McpSchema.ErrorCodes.RESOURCE_NOT_FOUND
                    : McpSchema.ErrorCodes.INVALID_PARAMS;
            throw McpError.builder(code)
                    .message(e.toString())
                    .data(Map.of("uri", uri))
                    .build();
        }
    }
}
