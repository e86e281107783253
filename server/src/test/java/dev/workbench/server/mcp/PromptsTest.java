package dev.workbench.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.Workbench;
import dev.workbench.core.project.Mode;
import dev.workbench.core.project.ProjectUpdate;
import dev.workbench.server.stdio.InProcessSession;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator prompts, filled from the state, area completion, and the skills served as prompts. */
class PromptsTest {
    @TempDir
    Path root;

    private static String text(McpSchema.GetPromptResult result) {
        return ((McpSchema.TextContent) result.messages().get(0).content()).text();
    }

    @Test
    void operatorPrompts_carryTheDeclarationFromTheState() throws Exception {
        Workbench wb = new Workbench(root);
        wb.project()
                .update(new ProjectUpdate(
                        "Checkout",
                        null,
                        null,
                        null,
                        null,
                        new ProjectUpdate.Area("cleaning", Mode.EXPLORE, Mode.EXPERIMENT, "reports/cleaning.md"),
                        null,
                        null));
        Files.writeString(root.resolve("report.md"), "# r\n");
        wb.stages().execute("cleaning", List.of("report.md"));
        try (InProcessSession session = InProcessSession.open(wb)) {
            List<String> names = session.client().listPrompts().prompts().stream()
                    .map(McpSchema.Prompt::name)
                    .toList();
            assertThat(names)
                    .contains(
                            "plan", "run", "review", "summary", "promote", "analysis-workflow", "experiment-workflow");
            String review = text(
                    session.client().getPrompt(new McpSchema.GetPromptRequest("review", Map.of("area", "cleaning"))));
            assertThat(review)
                    .contains(
                            "Operator declaration",
                            "Project: Checkout",
                            "Area: cleaning",
                            "Mode: explore",
                            "Likely next mode: experiment",
                            "Review surface: reports/cleaning.md",
                            "EXECUTED (review pending)",
                            "aw approve cleaning");
            wb.stages().execute("modelling", List.of("report.md"));
            String plan = text(
                    session.client().getPrompt(new McpSchema.GetPromptRequest("plan", Map.of("area", "modelling"))));
            assertThat(plan)
                    .as("an area known from its review stage only")
                    .contains("Area: modelling (new: not yet declared");
            assertThatThrownBy(() -> session.client()
                            .getPrompt(new McpSchema.GetPromptRequest("plan", Map.of("area", "no good"))))
                    .isInstanceOf(McpError.class);
            assertThatThrownBy(() ->
                            session.client().getPrompt(new McpSchema.GetPromptRequest("plan", Map.of("area", "nope"))))
                    .isInstanceOfSatisfying(McpError.class, e -> {
                        assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                        assertThat(e.getMessage())
                                .isEqualTo("INVALID_INPUT: params.arguments.area: no area \"nope\" in this "
                                        + "project; known areas: cleaning, modelling; or declare a new area first with update-project "
                                        + "(area: {name, mode})");
                    });
        }
    }

    @Test
    void thePlanPrompt_showsTheLatestPlanWithItsVersion_ofTheAreaAndOfAnExperiment() throws Exception {
        Workbench wb = new Workbench(root);
        wb.experiments()
                .upsert(dev.workbench.core.Json.strict()
                        .readValue("{\"slug\":\"checkout\"}", dev.workbench.core.experiment.ExperimentPatch.class));
        wb.plans().write("cleaning", "# Cleaning plan\n\n1. dedupe\n", null);
        wb.plans().write("cleaning", "# Cleaning plan\n\n1. dedupe by id\n", 1);
        wb.plans().write("experiment:checkout", "# Checkout plan\n", null);
        try (InProcessSession session = InProcessSession.open(wb)) {
            McpSchema.Prompt planPrompt = session.client().listPrompts().prompts().stream()
                    .filter(p -> p.name().equals("plan"))
                    .findFirst()
                    .orElseThrow();
            assertThat(planPrompt.arguments())
                    .extracting(McpSchema.PromptArgument::name)
                    .containsExactly("area", "experiment");
            String plan = text(session.client()
                    .getPrompt(new McpSchema.GetPromptRequest(
                            "plan", Map.of("area", "cleaning", "experiment", "checkout"))));
            assertThat(plan)
                    .contains(
                            "Plan of area cleaning (version 2 of 2):\n\n# Cleaning plan\n\n1. dedupe by id\n",
                            "Plan of experiment checkout (version 1 of 1):\n\n# Checkout plan\n",
                            "write-plan")
                    .doesNotContain("1. dedupe\n");
            assertThat(text(session.client()
                            .getPrompt(new McpSchema.GetPromptRequest("review", Map.of("area", "cleaning")))))
                    .doesNotContain("Plan of area");
            assertThatThrownBy(() -> session.client()
                            .getPrompt(new McpSchema.GetPromptRequest(
                                    "plan", Map.of("area", "cleaning", "experiment", "nope"))))
                    .isInstanceOfSatisfying(
                            McpError.class,
                            e -> assertThat(e.getMessage())
                                    .startsWith("NOT_FOUND: params.arguments.experiment: no experiment \"nope\""));
        }
    }

    @Test
    void thePlanPrompt_saysAPlanMdEditedByHand_differsFromTheLatestVersion() throws Exception {
        Workbench wb = new Workbench(root);
        wb.plans().write("cleaning", "# Cleaning plan\n", null);
        java.nio.file.Files.writeString(root.resolve(".aw/stages/cleaning/plan.md"), "# Edited by hand\n");
        try (InProcessSession session = InProcessSession.open(wb)) {
            String plan = text(
                    session.client().getPrompt(new McpSchema.GetPromptRequest("plan", Map.of("area", "cleaning"))));
            assertThat(plan)
                    .contains("Plan of area cleaning (plan.md, edited by hand: it differs from version 1 (write-plan"
                            + " keeps it as version 2 before its own)):\n\n# Edited by hand\n")
                    .doesNotContain("version 1 of 1");
        }
    }

    @Test
    void anAreaInAProjectWithoutAreas_isAnErrorSayingThereAreNone() throws Exception {
        try (InProcessSession session = InProcessSession.open(new Workbench(root))) {
            assertThatThrownBy(() -> session.client()
                            .getPrompt(new McpSchema.GetPromptRequest("summary", Map.of("area", "nope"))))
                    .isInstanceOfSatisfying(
                            McpError.class,
                            e -> assertThat(e.getMessage())
                                    .isEqualTo(
                                            "INVALID_INPUT: params.arguments.area: no area \"nope\" in this project; there are no areas yet: "
                                                    + "declare a new area first with update-project (area: {name, mode})"));
            McpSchema.CompleteResult none = session.client()
                    .completeCompletion(new McpSchema.CompleteRequest(
                            new McpSchema.PromptReference("plan"),
                            new McpSchema.CompleteRequest.CompleteArgument("area", "")));
            assertThat(none.completion().values()).isEmpty();
        }
    }

    @Test
    void areaArgument_completesFromProjectAreasAndStages() throws Exception {
        Workbench wb = new Workbench(root);
        wb.project()
                .update(new ProjectUpdate(
                        null,
                        null,
                        null,
                        null,
                        null,
                        new ProjectUpdate.Area("cleaning", Mode.PROBE, null, null),
                        null,
                        null));
        Files.writeString(root.resolve("m.csv"), "1\n");
        wb.stages().execute("clustering", List.of("m.csv"));
        try (InProcessSession session = InProcessSession.open(wb)) {
            McpSchema.CompleteResult result = session.client()
                    .completeCompletion(new McpSchema.CompleteRequest(
                            new McpSchema.PromptReference("plan"),
                            new McpSchema.CompleteRequest.CompleteArgument("area", "cl")));
            assertThat(result.completion().values()).containsExactly("cleaning", "clustering");
        }
    }

    @Test
    void skills_areServedAsPrompts_withTheirDescriptions() {
        try (InProcessSession session = InProcessSession.open(new Workbench(root))) {
            McpSchema.Prompt skill = session.client().listPrompts().prompts().stream()
                    .filter(p -> p.name().equals("experiment-workflow"))
                    .findFirst()
                    .orElseThrow();
            assertThat(skill.description()).isNotBlank().hasSizeLessThan(200);
            String body =
                    text(session.client().getPrompt(new McpSchema.GetPromptRequest("experiment-workflow", Map.of())));
            assertThat(body).contains("upsert-experiment", "analyze-bayesian").doesNotStartWith("---");
        }
    }
}
