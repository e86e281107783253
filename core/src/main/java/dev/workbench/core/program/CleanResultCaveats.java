package dev.workbench.core.program;

import static dev.workbench.core.program.CleanResultFormat.change;
import static dev.workbench.core.program.CleanResultFormat.count;
import static dev.workbench.core.program.CleanResultFormat.percent;

import dev.workbench.core.experiment.DecisionOverride;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Prior;
import dev.workbench.core.experiment.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a reader of a clean result must keep in mind, each derived from the record and never invented: no analysis,
 * a stale analysis, an analysis without checks or whose checks failed, a sample below the minimum, a decision taken
 * over the gate, a guardrail that reads harm, a prior that moved the lift, data on record before the freeze, and a
 * holdout whose effect decays.
 */
final class CleanResultCaveats {
    private CleanResultCaveats() {}

    static List<String> of(Experiment e, CleanResult.Design design, CleanResultNumbers numbers, HoldoutReport holdout) {
        List<String> caveats = new ArrayList<>();
        if (numbers == null && e.status() != Status.DRAFT) {
            caveats.add("No analysis is stored: there are no numbers to read yet.");
        }
        if (numbers != null && numbers.stale()) {
            caveats.add("The analysis is stale: the data changed after it was computed"
                    + (numbers.computedAt() == null ? "" : " (" + numbers.computedAt() + ")")
                    + ", so its numbers are not those of the data on record.");
        }
        if (numbers != null) {
            checks(numbers, caveats);
        }
        sample(design, caveats);
        DecisionOverride override = e.override();
        if (override != null) {
            caveats.add("Decided although the decision gate failed ("
                    + String.join(", ", override.failedChecks() == null ? List.of() : override.failedChecks())
                    + "), for the stated reason: \"" + override.reason() + "\".");
        }
        if (numbers != null) {
            numbers.metrics().stream()
                    .filter(CleanResultNumbers.Metric::guardrail)
                    .forEach(g -> harm(g, caveats));
        }
        prior(design.prior(), numbers, caveats);
        if (e.preregistration() != null
                && Boolean.TRUE.equals(e.preregistration().dataBeforeFreeze())) {
            caveats.add("The record held data before its contract was frozen (preregistration.dataBeforeFreeze), so"
                    + " the preregistration does not show that the data came after it.");
        }
        if (holdout != null && holdout.trend() == HoldoutTrend.DECAYS) {
            caveats.add("The holdout shows the effect decaying after the launch: " + holdout.reason());
        }
        return caveats;
    }

    private static void checks(CleanResultNumbers numbers, List<String> caveats) {
        CleanResultNumbers.Checks checks = numbers.checks();
        if (checks == null) {
            caveats.add("The analysis was stored before analyses checked the sample ratio and the sample size:"
                    + " nothing on record says those checks passed.");
        } else if (!checks.interpretable()) {
            caveats.add("The analysis's checks failed (" + String.join("; ", checks.failed())
                    + "): its verdicts read \"do not interpret\".");
        }
    }

    private static void sample(CleanResult.Design design, List<String> caveats) {
        Long minimum = design.minimumSample();
        if (minimum == null || minimum == 0) {
            return;
        }
        List<String> short_ = new ArrayList<>();
        for (Map.Entry<String, Long> v : design.sample().entrySet()) {
            if (v.getValue() < minimum) {
                short_.add(v.getKey() + " has " + count(v.getValue()));
            }
        }
        if (!short_.isEmpty()) {
            caveats.add("Below the minimum sample of " + count(minimum) + " units per variant: "
                    + String.join(", ", short_) + ".");
        }
    }

    /** A guardrail whose own reading (before the checks gate it) says harm. */
    private static void harm(CleanResultNumbers.Metric g, List<String> caveats) {
        String reading = g.rawVerdict() != null ? g.rawVerdict() : g.verdict();
        if (reading == null || !reading.contains("harm")) {
            return;
        }
        List<String> effects = new ArrayList<>();
        for (CleanResultNumbers.Effect t : g.effects()) {
            if (t.error() == null) {
                effects.add(t.variant() + ": " + change(t.lift())
                        + (t.pHarm() != null ? ", chance of harm " + percent(t.pHarm()) : "")
                        + (t.pValue() != null ? ", p " + CleanResultFormat.pValue(t.pValue()) : ""));
            }
        }
        caveats.add("Guardrail " + g.event() + (g.inverse() ? " (lower is better)" : "") + " reads \"" + reading + "\""
                + (effects.isEmpty() ? "" : " (" + String.join("; ", effects) + ")") + ".");
    }

    private static void prior(Prior prior, CleanResultNumbers numbers, List<String> caveats) {
        List<String> moved = new ArrayList<>();
        if (numbers != null) {
            for (CleanResultNumbers.Metric m : numbers.metrics()) {
                for (CleanResultNumbers.Effect t : m.effects()) {
                    if (t.priorApplied() && t.observedLift() != null) {
                        moved.add(m.event() + " " + t.variant() + ": " + change(t.observedLift()) + " from the data"
                                + " alone, " + change(t.lift()) + " with the prior");
                    }
                }
            }
        }
        if (Boolean.TRUE.equals(prior.proper()) || !moved.isEmpty()) {
            caveats.add("A prior on the lift was used"
                    + (prior.mean() == null
                            ? ""
                            : " (mean " + change(prior.mean()) + ", standard deviation " + percent(prior.stddev())
                                    + ")")
                    + ": the Bayesian lift is pulled toward it"
                    + (moved.isEmpty() ? "." : " (" + String.join("; ", moved) + ")."));
        }
    }
}
