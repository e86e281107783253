package dev.workbench.core.runbook;

import java.util.List;

/** The files that configure the project, at the root and one folder below. */
final class ConfigurationSection implements Section {
    @Override
    public String name() {
        return "Configuration files";
    }

    @Override
    public void render(RunbookState state, MarkdownLines out) {
        out.heading(2, name());
        if (state.configFiles().isEmpty()) {
            out.paragraph("No configuration files found at the root or one folder below (lockfiles, *.toml, *.yaml, "
                    + "*.ini, *.cfg, .env.example, Makefile, Dockerfile, mcp.json, .claude/settings.json).");
            return;
        }
        out.table(
                List.of("file", "configures"),
                state.configFiles().stream()
                        .map(f -> List.of(Md.code(f.path()), Md.cell(f.purpose())))
                        .toList());
    }
}
