package dev.workbench.core.experiment;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The moves of an experiment's lifecycle and what each needs (CONTRACT section 2): entering {@code collecting}
 * freezes the contract, entering {@code decided} passes the {@link DecisionGate}; and which records may be analysed.
 */
final class Lifecycle {
    private Lifecycle() {}

    /**
     * {@code merged} moved to {@code target}, with what the move writes: the preregistration when the contract is
     * frozen, the end of the window and an override when it is decided.
     *
     * @param today the date a decision without {@code observationEnd} ends the window on
     */
    static Experiment move(
            Experiment before,
            Experiment merged,
            Status target,
            String now,
            LocalDate today,
            DecisionOverride.Request override) {
        if (target == before.status()) {
            return merged;
        }
        if (!before.status().canMoveTo(target)) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_TRANSITION,
                    "experiment \"" + before.slug() + "\" cannot move "
                            + before.status().wireName() + " → " + target.wireName() + "; from "
                            + before.status().wireName()
                            + " it can move to "
                            + (before.status().next().isEmpty()
                                    ? "nothing (it is final)"
                                    : String.join(
                                            " or ",
                                            before.status().next().stream()
                                                    .map(Status::wireName)
                                                    .toList())));
        }
        Preregistration prereg = merged.preregistration();
        String end = merged.window().end();
        if (target == Status.COLLECTING) {
            Contract c = merged.contract();
            List<String> missing = new ArrayList<>();
            if (c.primaryMetricEvent() == null) missing.add("primaryMetricEvent");
            if (c.controlVariant() == null) missing.add("controlVariant");
            if (c.treatmentVariants() == null || c.treatmentVariants().isEmpty()) missing.add("treatmentVariants");
            if (merged.window().start() == null) missing.add("observationStart");
            if (!missing.isEmpty()) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_TRANSITION,
                        "experiment \"" + before.slug() + "\" cannot start collecting without "
                                + String.join(", ", missing));
            }
            if (prereg == null) {
                boolean dataBefore = before.inputData() != null || before.analysisResult() != null;
                prereg = new Preregistration(now, c.sha256(), dataBefore ? Boolean.TRUE : null);
            }
        } else if (target == Status.DECIDED) {
            Decision d = merged.decision();
            List<String> missing = new ArrayList<>();
            if (d.choice() == null) missing.add("decision");
            if (d.summary() == null) missing.add("decisionSummary");
            if (d.reason() == null) missing.add("decisionReason");
            if (!missing.isEmpty()) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_TRANSITION,
                        "experiment \"" + before.slug() + "\" cannot be decided without " + String.join(", ", missing));
            }
            if (end == null) {
                end = today.toString();
            }
            merged = DecisionGate.apply(merged, override, now);
        }
        return merged.withLifecycle(target, prereg, end);
    }

    /** See {@link Experiments#requireAnalysable}. */
    static void requireAnalysable(Experiment record, boolean dryRun) {
        if (record.status() == Status.DRAFT) {
            throw new WorkbenchException(
                    ErrorCode.NOT_COLLECTING,
                    "experiment \"" + record.slug() + "\" is a draft; "
                            + "a stored experiment is analysed only after its contract is frozen. Set status: collecting first "
                            + "(upsert-experiment), or analyse data you do not store with experiment: {...} inline");
        }
        if (!dryRun && (record.status() == Status.DECIDED || record.status() == Status.ARCHIVED)) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_TRANSITION,
                    "experiment \"" + record.slug() + "\" is "
                            + record.status().wireName() + "; its stored analysis is what the decision rests on. "
                            + "Use dryRun to compute without storing");
        }
    }
}
