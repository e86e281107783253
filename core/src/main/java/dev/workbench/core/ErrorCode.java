package dev.workbench.core;

/**
 * Every error a tool can answer with. The names are part of the contract (CONTRACT.md): agents and hooks
 * branch on them, so a name never changes meaning.
 */
public enum ErrorCode {
    /** A field is missing, of the wrong type, out of range, or not known. */
    INVALID_INPUT,
    /** The input or the record it would produce is over the size limit. */
    INPUT_TOO_LARGE,
    /** The thing named does not exist (an experiment slug, say). */
    NOT_FOUND,
    /** {@code expectedRevision} was given and is not the stored revision. */
    CONFLICT,
    /** A path leaves the root folder. */
    PATH_OUTSIDE_ROOT,
    /**
     * A data source cannot be reached or opened: not defined in {@code .aw/sources.json}, its driver missing, its
     * server down, or a credential's environment variable unset. Nothing was queried.
     */
    SOURCE_UNAVAILABLE,
    /** The engine refused or failed a query; the message carries the engine's own words. Nothing was stored. */
    QUERY_FAILED,
    /** A status change the experiment lifecycle does not allow. */
    INVALID_TRANSITION,
    /** A frozen field of a preregistered experiment was changed. */
    CONTRACT_FROZEN,
    /** Data sent, or a stored experiment analysed, outside {@code collecting}/{@code analyzing} (before the freeze, say). */
    NOT_COLLECTING,
    /** Deciding without a current analysis: none stored, or one of data that changed since (or of an older version). */
    ANALYSIS_STALE,
    /** Deciding on an analysis whose checks failed (SRM, sample size); the message names them. */
    GATE_FAILED,
    /** Data names a variant that is not one of the experiment's. */
    UNKNOWN_VARIANT,
    /** Counts that cannot be: negative, fractional, or more conversions than units. */
    INVALID_COUNTS,
    /** NaN, Infinity, or something that is not a number where a number belongs. */
    NON_FINITE_INPUT,
    /** An analysis needs at least one treatment variant. */
    NO_TREATMENT,
    /** The metric the analysis needs has no data. */
    MISSING_METRIC,
    /** A variant of the experiment has no data for a metric. */
    MISSING_VARIANT_DATA,
    /** A metric's data is not one of the accepted shapes, or mixes them. */
    INVALID_METRIC_SHAPE,
    /** A sample variance below zero beyond rounding. */
    NEGATIVE_VARIANCE,
    /** A proper prior with a standard deviation that is not above zero. */
    INVALID_PRIOR,
    /** A bandit needs at least two arms. */
    TOO_FEW_ARMS,
    /** A bandit arm whose continuous data has no spread. */
    ZERO_VARIANCE,
    /** Approval is a human act and no person could be asked here; the message names the command that asks one. */
    HUMAN_APPROVAL_REQUIRED,
    /** The project requires signed approvals (.aw/policy.json) and this one is unsigned, or its signature is not by a listed key; the message names the command a person runs. */
    APPROVAL_UNSIGNED,
    /** A checkpoint needs an object that is missing or whose content no longer matches its hash. */
    CHECKPOINT_CORRUPT,
    /** The workspace on disk is not in a state the workbench can read (a damaged file, say). */
    STORE_ERROR,
    /** The disk (or the user's quota) is full; the message names the path and says what was changed. */
    STORAGE_FULL,
    /** Any other file-system failure (a folder where a file should be, a refused permission); the message names the path. */
    STORAGE_ERROR,
    /** A fault in the workbench itself; the message says what happened. */
    INTERNAL
}
