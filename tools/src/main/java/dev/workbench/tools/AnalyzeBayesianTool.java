package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.ExperimentAnalysis;
import dev.workbench.core.stats.report.BayesianResult;

/** Bayesian A/B analysis of an experiment (CONTRACT section 6); stores analysisResult on the record. */
public final class AnalyzeBayesianTool implements Tool<AnalyzeBayesianTool.Input, BayesianResult> {
    public static final String NAME = "analyze-bayesian";

    public record Input(
            @JsonPropertyDescription(
                    "a stored experiment, collecting or analyzing (a draft is NOT_COLLECTING): its result is stored with input_sha256 and collecting moves to analyzing")
            String slug,

            @JsonPropertyDescription(
                    "record fields inline (controlVariant, treatmentVariants, primaryMetricEvent, inputData, ...); nothing is stored")
            ObjectNode experiment,

            @JsonPropertyDescription("compute without storing (by slug: not for a draft)")
            Boolean dryRun,

            @JsonPropertyDescription("store only if the record is at this revision; else CONFLICT")
            Long expectedRevision) {
        public Input {
            ExperimentAnalysis.check(slug, experiment);
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
        return "Bayesian A/B analysis";
    }

    @Override
    public String description() {
        return "Bayesian A/B analysis with SRM and sample checks: lift, interval, chance to win, risk and a verdict per treatment.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<BayesianResult> outputType() {
        return BayesianResult.class;
    }

    @Override
    public Hints hints() {
        return Hints.OVERWRITES_IDEMPOTENT;
    }

    @Override
    public BayesianResult call(Input in, ToolContext context) {
        Workbench wb = context.workbench();
        return new ExperimentAnalysis(wb.experiments(), wb.backend()).bayesian(in.target());
    }
}
