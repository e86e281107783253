package dev.workbench.core.store;

import java.util.List;

/**
 * What changed together, as one notification.
 *
 * @param changes     the changes, in no particular order, possibly repeated
 * @param listChanged an experiment, run or checkpoint came or went
 * @param everything  anything may have changed (an overflow, the store as a whole came or went)
 */
public record ChangeBatch(List<Change> changes, boolean listChanged, boolean everything) {
    public ChangeBatch {
        changes = List.copyOf(changes);
    }
}
