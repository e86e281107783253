package dev.workbench.core.store;

/** Checkpoint manifests (owned by the checkpoint work). */
public interface CheckpointManifests {
}
