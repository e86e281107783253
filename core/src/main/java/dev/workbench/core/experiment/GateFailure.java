package dev.workbench.core.experiment;

import java.util.List;

/**
 * What the {@link DecisionGate} can find wrong with a record about to be decided, by the name an override records in
 * {@link DecisionOverride#failedChecks()} and the error names: a failed check of the analysis (the key in its
 * {@code checks} block), or why the analysis cannot be judged at all.
 */
enum GateFailure {
    SRM("srm_ok"),
    SAMPLE("sample_ok"),
    /** The analysis says it is not interpretable although no named check failed. */
    NOT_INTERPRETABLE("interpretable"),
    ANALYSIS_MISSING("analysis missing"),
    ANALYSIS_STALE("analysis stale"),
    /** Stored by an older version, before analyses carried {@code checks}. */
    ANALYSIS_WITHOUT_CHECKS("analysis without checks");

    /** The checks an analysis reports, in the order they are named. */
    static final List<GateFailure> CHECKS = List.of(SRM, SAMPLE);

    private final String wireName;

    GateFailure(String wireName) {
        this.wireName = wireName;
    }

    /** The name as kept on the record and shown in messages. */
    String wireName() {
        return wireName;
    }
}
