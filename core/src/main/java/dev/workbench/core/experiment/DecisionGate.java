package dev.workbench.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.ArrayList;
import java.util.List;

/**
 * What entering {@code decided} needs (CONTRACT section 2): a stored analysis of the data as it is now
 * ({@code ANALYSIS_STALE} otherwise) whose {@code checks.interpretable} is true ({@code GATE_FAILED}, naming the
 * failed checks, otherwise), unless the call carries {@code override: {reason}}. An analysis without a
 * {@code checks} block was stored by an older version and must be run again: it counts as not current.
 */
final class DecisionGate {
    static final String OVERRIDE = "override";
    static final List<String> OVERRIDE_OPTIONS = List.of("wait / fix the failed checks", OVERRIDE);

    private DecisionGate() {}

    /**
     * {@code record} (about to be decided) as it may be decided: unchanged when the gate passes, with its
     * {@link DecisionOverride} when it fails and {@code override} was given.
     *
     * @throws WorkbenchException {@code ANALYSIS_STALE} or {@code GATE_FAILED} when the gate fails without an
     *                            override; {@code INVALID_INPUT} for an override the gate does not need
     */
    static Experiment apply(Experiment record, DecisionOverride.Request override, String now) {
        WorkbenchException failure = check(record);
        if (failure == null) {
            if (override != null) {
                throw Check.invalid(
                        "override",
                        "no override: the analysis is current and its checks passed, "
                                + "so there is nothing to override",
                        "override: {reason}");
            }
            return record;
        }
        if (override == null) {
            throw failure;
        }
        return record.withDecision(
                record.decision().withOverride(new DecisionOverride(override.reason(), now, failed(record))));
    }

    /** The failure the gate finds in {@code record}, or null when it may be decided. */
    static WorkbenchException check(Experiment record) {
        String slug = "experiment \"" + record.slug() + "\"";
        String rerun = "run " + tool(record) + " with its slug first";
        String orOverride = ", or decide anyway with override: {reason} (journaled)";
        JsonNode analysis = record.analysisResult();
        if (analysis == null || analysis.isNull()) {
            return new WorkbenchException(
                    ErrorCode.ANALYSIS_STALE, slug + " has no stored analysis to decide on; " + rerun + orOverride);
        }
        if (!analysis.has(Experiment.INPUT_SHA256)) {
            return new WorkbenchException(
                    ErrorCode.ANALYSIS_STALE,
                    slug + ": its stored analysis was stored by an "
                            + "older version without input_sha256, so it cannot be shown to be of the current data; "
                            + rerun
                            + orOverride);
        }
        if (Boolean.TRUE.equals(record.analysisStale())) {
            return new WorkbenchException(
                    ErrorCode.ANALYSIS_STALE,
                    slug + ": inputData changed since the stored " + "analysis (computed_at "
                            + analysis.path("computed_at").asText("?") + "); " + rerun + orOverride);
        }
        JsonNode checks = analysis.get("checks");
        if (checks == null || !checks.isObject()) {
            return new WorkbenchException(
                    ErrorCode.ANALYSIS_STALE,
                    slug + ": its stored analysis has no checks block " + "(it was stored by an older version); "
                            + rerun + orOverride);
        }
        if (!checks.path("interpretable").asBoolean(false)
                || !checks.path("interpretable").isBoolean()) {
            return new WorkbenchException(
                    ErrorCode.GATE_FAILED,
                    slug + ": the checks of its analysis failed: "
                            + String.join(", ", failedChecks(checks))
                            + " (see analysisResult.checks, srm and sample_check). "
                            + "Fix the cause and analyse again (collect more data: status collecting)" + orOverride);
        }
        return null;
    }

    /** What an override overrides, as kept on the record and journaled. */
    static List<String> failed(Experiment record) {
        JsonNode analysis = record.analysisResult();
        if (analysis == null || analysis.isNull()) {
            return List.of(GateFailure.ANALYSIS_MISSING.wireName());
        }
        if (Boolean.TRUE.equals(record.analysisStale())) {
            return List.of(GateFailure.ANALYSIS_STALE.wireName());
        }
        JsonNode checks = analysis.get("checks");
        return checks == null || !checks.isObject()
                ? List.of(GateFailure.ANALYSIS_WITHOUT_CHECKS.wireName())
                : failedChecks(checks);
    }

    private static List<String> failedChecks(JsonNode checks) {
        List<String> failed = new ArrayList<>();
        for (GateFailure check : GateFailure.CHECKS) {
            JsonNode value = checks.path(check.wireName());
            if (value.isBoolean() && !value.booleanValue()) { // null: not computed, which is not a failure
                failed.add(check.wireName());
            }
        }
        if (failed.isEmpty()) {
            failed.add(GateFailure.NOT_INTERPRETABLE.wireName());
        }
        return failed;
    }

    private static String tool(Experiment record) {
        if (record.contract().method() == Method.BANDIT) {
            return "analyze-bandit";
        }
        return record.contract().method() == Method.FREQUENTIST ? "analyze-frequentist" : "analyze-bayesian";
    }
}
