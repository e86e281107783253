package dev.workbench.core.runbook;

import dev.workbench.core.provenance.EnvironmentSnapshot;
import java.util.ArrayList;
import java.util.List;

/** Runtimes on {@code PATH} with their versions, and lockfiles with their hashes. */
final class PrerequisitesSection implements Section {
    @Override public String name() { return "Prerequisites"; }

    @Override
    public void render(RunbookState state, MarkdownLines out) {
        EnvironmentSnapshot env = state.environment();
        out.heading(2, name());
        if (env.runtimes().isEmpty()) {
            out.paragraph("No runtimes were found on `PATH` (python3, python, java, node, R, julia, uv, poetry, conda, "
                    + "mvn, cargo, go were looked for).");
        } else {
            out.paragraph("Runtimes found on `PATH` where the runbook was written; install the same versions:");
            List<List<String>> rows = new ArrayList<>();
            env.runtimes().forEach((runtime, version) -> rows.add(List.of(Md.code(runtime), Md.cell(version))));
            out.table(List.of("runtime", "version"), rows);
        }
        if (env.lockfiles().isEmpty()) {
            out.paragraph("No lockfiles or dependency manifests were found at the root or one folder below.");
        } else {
            out.paragraph("Lockfiles and dependency manifests; install dependencies from them:");
            List<List<String>> rows = new ArrayList<>();
            for (EnvironmentSnapshot.Lockfile lockfile : env.lockfiles()) {
                rows.add(List.of(Md.code(lockfile.path()), Md.bytes(lockfile.size()), Md.code(Md.shortHash(lockfile.sha256()))));
            }
            out.table(List.of("file", "size", "sha256"), rows);
        }
    }
}
