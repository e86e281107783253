package dev.workbench.core.provenance;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/** Captures the environment a run is recorded in: machine, runtimes on {@code PATH}, lockfiles of the root. */
public final class Environment {
    private Environment() {}

    /**
     * OS, architecture, CPUs, physical memory, the versions of runtimes found on {@code PATH} (python3, python,
     * java, node, R, Rscript, julia, uv, poetry, conda, mvn, cargo, go; those absent are left out, as are those
     * whose version command fails or takes more than 2 s) and the lockfiles found in {@code root}: pom.xml,
     * build.gradle*, requirements*.txt, pyproject.toml, uv.lock, poetry.lock, Pipfile(.lock), package(-lock).json,
     * yarn.lock, pnpm-lock.yaml, environment.yml/.yaml, conda-lock.yml, renv.lock, Cargo.toml/.lock, go.mod,
     * go.sum, Project.toml, Manifest.toml, gradle.lockfile and Gemfile.lock, at the top of the root and one
     * folder below (never inside .aw/, .git/ or node_modules/), with their SHA-256.
     *
     * <p>The first call in a JVM waits for the runtimes' version commands (they run in parallel, at most 2 s);
     * later calls reuse the answers. {@link #warmUp(Path)} starts them ahead of time.
     */
    public static EnvironmentSnapshot capture(Path root) {
        Objects.requireNonNull(root, "root");
        Path folder = root.toAbsolutePath().normalize();
        RuntimeVersions.Pending runtimes = RuntimeVersions.start(folder);
        List<EnvironmentSnapshot.Lockfile> lockfiles = Lockfiles.find(folder);
        SortedMap<String, String> versions = runtimes.await();
        return new EnvironmentSnapshot(
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                physicalMemory(),
                Runtime.version().toString(),
                versions,
                lockfiles);
    }

    /**
     * Starts asking the runtimes for their versions in the background and returns at once, so that a later
     * {@link #capture(Path)} for the same root does not wait for them. Optional; a server may call it at start-up.
     */
    public static void warmUp(Path root) {
        RuntimeVersions.start(root.toAbsolutePath().normalize());
    }

    private static long physicalMemory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return Math.max(0, sun.getTotalMemorySize());
        }
        return 0;
    }
}
