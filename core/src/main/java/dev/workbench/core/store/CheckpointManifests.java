package dev.workbench.core.store;

import dev.workbench.core.checkpoint.Checkpoint;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoint manifests by name ({@code NN_operation}): what each checkpoint holds. The content they name stays in
 * the project's content store whatever the back end; a manifest is written once and never changed.
 */
public interface CheckpointManifests {
    /** The names of the stored manifests, sorted, without reading any of them. */
    List<String> names();

    /**
     * The manifest stored under {@code name}, or empty when there is none; a manifest that cannot be read as one
     * is a {@code WorkbenchException} (the caller decides whether that is corruption or a damaged entry to skip).
     */
    Optional<Checkpoint> read(String name);

    /**
     * Stores {@code checkpoint} under its name, durably: the commit point of taking a checkpoint, so the content it
     * names must be durable before. Must run inside a transaction.
     */
    void write(Checkpoint checkpoint);
}
