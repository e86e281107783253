package dev.workbench.core.experiment;

/**
 * The frozen contract of an experiment, written when it enters {@code collecting}.
 *
 * @param at     when it was frozen, ISO-8601 UTC
 * @param sha256 the SHA-256, in hex, of the frozen fields (see {@link Experiment#contractHash()})
 */
public record Preregistration(String at, String sha256) {}
