package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.program.HoldoutReport;

/**
 * A launched experiment's stored final analysis beside each holdout checkpoint's, and the trend they make (holds,
 * decays, improves, inconclusive), by the rule in the README. Reads only: it analyses nothing again.
 */
public final class AnalyzeHoldoutTool implements Tool<AnalyzeHoldoutTool.Input, HoldoutReport> {
    public static final String NAME = "analyze-holdout";

    public record Input(
            @JsonProperty(required = true) @JsonPropertyDescription("the launched experiment (plan-holdout planned it)")
            String slug) {
        public Input {
            Check.slug(slug, "slug");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Analyse a holdout";
    }

    @Override
    public String description() {
        return "Compares a launched experiment's stored analysis with each holdout checkpoint's (chance to win, lift, interval) and classifies the trend: holds, decays, improves or inconclusive. Read-only.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<HoldoutReport> outputType() {
        return HoldoutReport.class;
    }

    @Override
    public Hints hints() {
        return Hints.READ_ONLY;
    }

    @Override
    public HoldoutReport call(Input in, ToolContext context) {
        return context.workbench().holdouts().report(in.slug());
    }
}
