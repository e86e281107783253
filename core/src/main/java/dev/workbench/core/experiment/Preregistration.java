package dev.workbench.core.experiment;

/**
 * The frozen contract of an experiment, written when it enters {@code collecting}.
 *
 * @param at               when it was frozen, ISO-8601 UTC
 * @param sha256           the SHA-256, in hex, of the frozen fields (see {@link Experiment#contractHash()})
 * @param dataBeforeFreeze true when the record already held {@code inputData} (or an analysis) when it was frozen:
 *                         possible only for records written by a version before the Integrity rules, and kept so
 *                         that the hash is not read as "frozen before the data"; absent otherwise
 */
public record Preregistration(String at, String sha256, Boolean dataBeforeFreeze) {
    public Preregistration(String at, String sha256) {
        this(at, sha256, null);
    }
}
