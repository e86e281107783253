package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.ExperimentAnalysis;
import dev.workbench.core.stats.FrequentistAnalysis;
import dev.workbench.core.stats.report.FrequentistResult;

/**
 * Frequentist A/B analysis of an experiment (issue 15): p-values and intervals by the normal approximation, optionally
 * sequential (confidence sequences, safe under daily peeking) and corrected across the treatments; the same checks
 * and gated verdicts as analyze-bayesian. Stores analysisResult on the record.
 */
public final class AnalyzeFrequentistTool implements Tool<AnalyzeFrequentistTool.Input, FrequentistResult> {
    public static final String NAME = "analyze-frequentist";

    public record Input(
            @JsonPropertyDescription(
                    "a stored experiment, collecting or analyzing (a draft is NOT_COLLECTING): its result is stored with input_sha256 and collecting moves to analyzing")
            String slug,

            @JsonPropertyDescription(
                    "record fields inline (controlVariant, treatmentVariants, primaryMetricEvent, inputData, ...); nothing is stored")
            ObjectNode experiment,

            @JsonPropertyDescription("significance level, 0 < alpha < 0.5, default 0.05; intervals are 1 - alpha")
            Double alpha,

            @JsonPropertyDescription(
                    "true: asymptotic confidence sequences, valid however often you look (wider intervals); default false")
            Boolean sequential,

            @JsonPropertyDescription(
                    "N*: total units of the two arms compared at which the sequential interval is tightest, 1 to 1e12, default 5000")
            Double sequentialTuning,

            @JsonPropertyDescription(
                    "none (default), holm or benjamini-hochberg: adjusts the primary metric's p-values across treatments; guardrails are never corrected")
            String correction,

            @JsonPropertyDescription("compute without storing (by slug: not for a draft)")
            Boolean dryRun,

            @JsonPropertyDescription("store only if the record is at this revision; else CONFLICT")
            Long expectedRevision) {
        public Input {
            ExperimentAnalysis.check(slug, experiment);
            options(); // a bad alpha, tuning or correction is refused when the call is bound
        }

        FrequentistAnalysis.Options options() {
            return FrequentistAnalysis.Options.of(alpha, sequential, sequentialTuning, correction);
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
        return "Frequentist A/B analysis";
    }

    @Override
    public String description() {
        return "Frequentist A/B analysis with SRM and sample checks: lift, p-value, interval (fixed or sequential) and a verdict per treatment, with optional Holm or Benjamini-Hochberg correction.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<FrequentistResult> outputType() {
        return FrequentistResult.class;
    }

    @Override
    public Hints hints() {
        return Hints.OVERWRITES_IDEMPOTENT;
    }

    @Override
    public FrequentistResult call(Input in, ToolContext context) {
        Workbench wb = context.workbench();
        return new ExperimentAnalysis(wb.experiments(), wb.backend()).frequentist(in.target(), in.options());
    }
}
