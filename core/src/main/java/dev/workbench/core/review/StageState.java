package dev.workbench.core.review;

/**
 * Where an area's work stands: {@code STALE → EXECUTED → REVIEWED → APPROVED | REJECTED}. A new execution
 * makes an earlier approval stale (the approved artifacts are no longer the current ones); a rejected area is
 * executed again.
 */
public enum StageState {
    /** Nothing executed since the area was created (or its inputs changed). */
    STALE,
    /** Artifacts produced and recorded with their hashes. */
    EXECUTED,
    /** The agent's checks passed on exactly those artifacts. */
    REVIEWED,
    /** A person approved the reviewed artifacts. */
    APPROVED,
    /** A person (or the agent) sent the work back. */
    REJECTED
}
