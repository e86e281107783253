package dev.workbench.core.store;

import dev.workbench.core.review.StageFile;
import java.util.List;
import java.util.Optional;

/**
 * The review stages' records: per area, the {@link StageFile}s (state, manifest, review, approval, plan), and the
 * project's approval policy and allowed signers, which decide whether an approval holds. Areas are words
 * ({@code Check.word}); callers check them before asking.
 */
public interface StageFiles {
    /** The areas that have a stage, sorted. */
    List<String> areas();

    /**
     * One stage record, bound to {@code type}; empty when the area has no such file.
     *
     * @throws dev.workbench.core.WorkbenchException when it is there but does not bind (edited by hand, say)
     */
    <T> Optional<T> read(String area, StageFile file, Class<T> type);

    /** One stage file's text as stored; empty when it does not exist. */
    Optional<String> text(String area, StageFile file);

    /** Replaces one stage record with {@code record} as JSON, creating the area's stage when it has none. */
    void write(String area, StageFile file, Object record);

    /** Replaces one stage file with {@code text} (the Markdown files). */
    void writeText(String area, StageFile file, String text);

    /** Removes one stage file; whether it was there. */
    boolean delete(String area, StageFile file);

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
