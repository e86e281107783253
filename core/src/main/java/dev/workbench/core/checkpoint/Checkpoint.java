package dev.workbench.core.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.workbench.core.provenance.GitState;
import java.util.List;

/**
 * A checkpoint manifest, {@code .aw/checkpoints/<name>.json}: immutable once written.
 *
 * @param name     {@code NN_operation}
 * @param area     the area the checkpoint belongs to (the runbook's pipeline lane), or null when none was given
 * @param paths    the paths checkpointed, relative to the root; a path with no entry did not exist then
 * @param git      commit, branch and dirty state of the repository, or null outside git
 * @param newBytes bytes stored in {@code .aw/objects/} by this checkpoint that were not stored before
 */
public record Checkpoint(
        String name,
        int number,
        String operation,
        String note,
        String area,
        String createdAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) GitState git,
        List<String> paths,
        int files,
        long bytes,
        long newBytes,
        List<CheckpointEntry> entries) {

    /** What lists show of a checkpoint. */
    public record Summary(
            String name,
            int number,
            String operation,
            String note,
            String area,
            String createdAt,
            String commit,
            Boolean dirty,
            int files,
            long bytes,
            long newBytes) {}

    public Summary summary() {
        return new Summary(
                name,
                number,
                operation,
                note,
                area,
                createdAt,
                git == null ? null : git.commit(),
                git == null ? null : git.dirty(),
                files,
                bytes,
                newBytes);
    }
}
