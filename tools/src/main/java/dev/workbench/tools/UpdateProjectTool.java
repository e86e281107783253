package dev.workbench.tools;

import dev.workbench.core.Workbench;
import dev.workbench.core.project.Project;
import dev.workbench.core.project.ProjectUpdate;

/** Sets project fields and an area's state, and/or appends an activity entry. */
public final class UpdateProjectTool implements Tool<ProjectUpdate, Project.Updated> {
    public static final String NAME = "update-project";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Update project";
    }

    @Override
    public String description() {
        return "Sets project fields (name, hypothesis, primaryMetric, stage, lastAction), an area's state, and/or appends an activity entry.";
    }

    @Override
    public Class<ProjectUpdate> inputType() {
        return ProjectUpdate.class;
    }

    @Override
    public Class<Project.Updated> outputType() {
        return Project.Updated.class;
    }

    @Override
    public Hints hints() {
        return Hints.OVERWRITES;
    }

    @Override
    public Project.Updated call(ProjectUpdate in, ToolContext context) {
        Workbench wb = context.workbench();
        return wb.project().update(in);
    }
}
