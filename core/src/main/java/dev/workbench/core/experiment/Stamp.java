package dev.workbench.core.experiment;

/**
 * Which write of the record this is: the revision optimistic concurrency compares, and when the record was first
 * and last written (ISO-8601 UTC).
 */
public record Stamp(long revision, String createdAt, String updatedAt) {
    /** A record not written yet. */
    public static final Stamp UNWRITTEN = new Stamp(0, null, null);
}
