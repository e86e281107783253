package dev.workbench.tools;

import dev.workbench.core.Workbench;

/** What a tool call runs against: the workbench of the root folder being served. */
public record ToolContext(Workbench workbench) {}
