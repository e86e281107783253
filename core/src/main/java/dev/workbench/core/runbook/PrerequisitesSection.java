package dev.workbench.core.runbook;

import dev.workbench.core.provenance.EnvironmentSnapshot;
import dev.workbench.core.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the steps need: the runtimes their commands invoke (read from the commands: {@code python3}, {@code Rscript},
 * {@code node}, {@code java}, ...) with the versions recorded in the runs' environment snapshots, the other
 * programs they call, and the lockfiles present when the latest run was recorded. Runtimes that were merely
 * found on the machine are not listed.
 */
final class PrerequisitesSection implements Section {
    @Override
    public String name() {
        return "Prerequisites";
    }

    @Override
    public void render(RunbookState state, MarkdownLines out) {
        EnvironmentSnapshot env = state.environment();
        out.heading(2, name());
        // program -> steps using it; runtime programs -> the version the latest step run using it recorded
        Map<String, TreeSet<Integer>> runtimes = new TreeMap<>();
        Map<String, String> versions = new TreeMap<>();
        Set<String> others = new LinkedHashSet<>();
        for (RunbookPlan.Step step : state.plan().steps()) {
            for (RunRecord run : step.runs()) {
                for (String program : Commands.programs(run.command())) {
                    String runtime = runtime(program);
                    String version = run.environment() == null
                            ? null
                            : run.environment().runtimes().get(runtime);
                    if (version != null || recordable(runtime)) {
                        runtimes.computeIfAbsent(runtime, k -> new TreeSet<>()).add(step.number());
                        if (version != null) {
                            versions.put(runtime, version);
                        }
                    } else {
                        others.add(program);
                    }
                }
            }
        }
        if (state.plan().steps().isEmpty()) {
            out.paragraph("No steps recorded yet: the runtimes to install are read from the commands of the recorded "
                    + "runs and the versions from their environment snapshots.");
        } else if (runtimes.isEmpty()) {
            out.paragraph("The steps invoke no runtime the workbench knows (python3, python, Rscript, R, node, java, "
                    + "julia, uv, poetry, conda, mvn, cargo, go).");
        } else {
            out.paragraph(
                    "Runtimes the steps invoke, with the versions recorded when they ran; install the same versions:");
            List<List<String>> rows = new ArrayList<>();
            runtimes.forEach((runtime, steps) -> rows.add(List.of(
                    Md.code(runtime),
                    Md.cell(versions.getOrDefault(runtime, "not recorded")),
                    String.join(", ", steps.stream().map(String::valueOf).toList()))));
            out.table(List.of("runtime", "version", "steps"), rows);
        }
        if (!others.isEmpty()) {
            out.paragraph("The steps also call "
                    + String.join(
                            ", ", new TreeSet<>(others).stream().map(Md::code).toList()) + " (no version recorded).");
        }
        if (env.lockfiles().isEmpty()) {
            out.paragraph("No lockfiles or dependency manifests were found at the root or one folder below.");
        } else {
            out.paragraph("Lockfiles and dependency manifests present; install dependencies from them:");
            List<List<String>> rows = new ArrayList<>();
            for (EnvironmentSnapshot.Lockfile lockfile : env.lockfiles()) {
                rows.add(List.of(
                        Md.code(lockfile.path()), Md.bytes(lockfile.size()), Md.code(Md.shortHash(lockfile.sha256()))));
            }
            out.table(List.of("file", "size", "sha256"), rows);
        }
    }

    /** The name a runtime's version is recorded under: {@code python3.11} is {@code python3}, {@code nodejs} {@code node}. */
    static String runtime(String program) {
        if (program.matches("python3(\\.\\d+)*")) {
            return "python3";
        }
        if (program.matches("python2(\\.\\d+)*")) {
            return "python";
        }
        return program.equals("nodejs") ? "node" : program;
    }

    /** Runtimes whose versions the environment snapshot records when they are on {@code PATH}. */
    private static boolean recordable(String runtime) {
        return Set.of(
                        "python3", "python", "java", "node", "R", "Rscript", "julia", "uv", "poetry", "conda", "mvn",
                        "cargo", "go")
                .contains(runtime);
    }
}
