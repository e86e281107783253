package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.ExperimentAnalysis;
import dev.workbench.core.stats.BanditAnalysis;
import dev.workbench.core.stats.report.BanditResult;

/** Thompson-sampling traffic weights from exact best-arm probabilities (CONTRACT section 6). */
public final class AnalyzeBanditTool implements Tool<AnalyzeBanditTool.Input, BanditResult> {
    public static final String NAME = "analyze-bandit";

    public record Input(
            @JsonPropertyDescription(
                    "a stored experiment, collecting or analyzing (a draft is NOT_COLLECTING): its result is stored with input_sha256 and collecting moves to analyzing")
            String slug,

            @JsonPropertyDescription("record fields inline; nothing is stored")
            ObjectNode experiment,

            @JsonPropertyDescription("thompson (default) or top-two")
            String allocation,

            @JsonPropertyDescription("floor of every arm's weight, default 0.01")
            Double minWeight,

            @JsonPropertyDescription("units every arm needs before weights move, default 100")
            Long burnIn,

            @JsonPropertyDescription("normal prior {mean, stddev} on every arm's mean")
            BanditAnalysis.ArmPrior armPrior,

            @JsonPropertyDescription("P(best) at which to stop, default 0.95")
            Double stopThreshold,

            @JsonPropertyDescription("compute without storing (by slug: not for a draft)")
            Boolean dryRun,

            @JsonPropertyDescription("store only if the record is at this revision; else CONFLICT")
            Long expectedRevision) {
        public Input {
            ExperimentAnalysis.check(slug, experiment);
        }

        BanditAnalysis.Options options() {
            BanditAnalysis.Options d = BanditAnalysis.Options.defaults();
            return new BanditAnalysis.Options(
                    allocation == null ? d.allocation() : allocation,
                    minWeight == null ? d.minWeight() : minWeight,
                    burnIn == null ? d.burnIn() : burnIn,
                    armPrior,
                    stopThreshold == null ? d.stopThreshold() : stopThreshold);
        }

        ExperimentAnalysis.Target target() {
            return new ExperimentAnalysis.Target(slug, experiment, Boolean.TRUE.equals(dryRun), expectedRevision);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Bandit traffic weights";
    }

    @Override
    public String description() {
        return "Thompson-sampling (or top-two) traffic weights from exact best-arm probabilities, with burn-in, floor and stop rule.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<BanditResult> outputType() {
        return BanditResult.class;
    }

    @Override
    public Hints hints() {
        return Hints.OVERWRITES_IDEMPOTENT;
    }

    @Override
    public BanditResult call(Input in, ToolContext context) {
        Workbench wb = context.workbench();
        return new ExperimentAnalysis(wb.experiments(), wb.backend()).bandit(in.target(), in.options());
    }
}
