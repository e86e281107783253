package dev.workbench.core.store;

import dev.workbench.core.review.StageFile;
import dev.workbench.core.review.StageId;
import java.util.List;
import java.util.Optional;

/**
 * The review stages' records: per stage (an area's or an experiment's, {@link StageId}), the {@link StageFile}s
 * (state, manifest, review, approval, plan) and the plan's versions, and the project's approval policy and allowed
 * signers, which decide whether an approval holds. Callers check stage names before asking.
 */
public interface StageFiles {
    /** The areas that have a stage, sorted (experiments' stages are not listed here). */
    List<String> areas();

    /**
     * One stage record, bound to {@code type}; empty when the stage has no such file.
     *
     * @throws dev.workbench.core.WorkbenchException when it is there but does not bind (edited by hand, say)
     */
    <T> Optional<T> read(StageId stage, StageFile file, Class<T> type);

    /** One stage file's text as stored; empty when it does not exist. */
    Optional<String> text(StageId stage, StageFile file);

    /** Replaces one stage record with {@code record} as JSON, creating the stage when it has none. */
    void write(StageId stage, StageFile file, Object record);

    /** Replaces one stage file with {@code text} (the Markdown files). */
    void writeText(StageId stage, StageFile file, String text);

    /** Removes one stage file; whether it was there. */
    boolean delete(StageId stage, StageFile file);

    /** The versions of the stage's plan that are kept ({@code plans/v<K>.md}), ascending; empty when none. */
    List<Integer> planVersions(StageId stage);

    /** The text of plan version {@code version}; empty when there is no such version. */
    Optional<String> planVersion(StageId stage, int version);

    /**
     * Keeps {@code text} as plan version {@code version}, which must not exist yet: versions are never rewritten.
     *
     * @throws dev.workbench.core.WorkbenchException {@code CONFLICT} when that version exists
     */
    void writePlanVersion(StageId stage, int version, String text);

    /**
     * The approval policy as written ({@code {"approval": "signed"}}); empty when there is none.
     *
     * @throws java.io.UncheckedIOException when it is there but cannot be read
     */
    Optional<byte[]> policy();

    /**
     * Who may sign approvals, in ssh-keygen's allowed-signers format; empty when nobody is listed.
     *
     * @throws java.io.UncheckedIOException when it is there but cannot be read
     */
    Optional<byte[]> signers();
}
