package dev.workbench.core.project;

/**
 * The state of one area of work (a part of the analysis with its own review), kept in the project status.
 *
 * @param mode          how the area is worked on now
 * @param nextMode      the mode it is likely to move to next
 * @param reviewSurface what a reviewer should look at to judge the area (a notebook, a report, a table)
 * @param updatedAt     when it last changed, ISO-8601 UTC
 */
public record AreaState(Mode mode, Mode nextMode, String reviewSurface, String updatedAt) {}
