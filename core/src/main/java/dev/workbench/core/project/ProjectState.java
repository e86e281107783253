package dev.workbench.core.project;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project as recorded in its status: the question being worked on and the state of each area.
 * A folder where nothing was recorded reads as {@link #EMPTY} with revision 0.
 */
public record ProjectState(
        String name,
        String hypothesis,
        String primaryMetric,
        String stage,
        String lastAction,
        Map<String, AreaState> areas,
        long revision,
        String updatedAt) {

    public static final ProjectState EMPTY = new ProjectState(null, null, null, null, null, Map.of(), 0, null);

    public ProjectState {
        areas = areas == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(areas));
    }
}
