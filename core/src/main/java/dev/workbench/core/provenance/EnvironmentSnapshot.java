package dev.workbench.core.provenance;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The machine and software a run was recorded on.
 *
 * @param os          operating system name ({@code os.name})
 * @param osVersion   its version ({@code os.version}; the kernel release on Linux)
 * @param arch        processor architecture ({@code os.arch})
 * @param cpus        processors available to the JVM
 * @param memoryBytes physical memory of the machine (or the container's limit), 0 when unknown
 * @param javaVersion the version of the JVM running the workbench
 * @param runtimes    runtime name ({@code python3}, {@code node}, ...) to the first line its version command printed,
 *                    sorted by name; only runtimes found on {@code PATH}
 * @param lockfiles   dependency manifests and lockfiles found in the root, sorted by path
 */
public record EnvironmentSnapshot(
        String os,
        String osVersion,
        String arch,
        int cpus,
        long memoryBytes,
        String javaVersion,
        Map<String, String> runtimes,
        List<Lockfile> lockfiles) {

    public EnvironmentSnapshot {
        runtimes = Collections.unmodifiableSortedMap(runtimes == null ? new TreeMap<>() : new TreeMap<>(runtimes));
        lockfiles = lockfiles == null
                ? List.of()
                : lockfiles.stream()
                        .sorted(Comparator.comparing(Lockfile::path))
                        .toList();
    }

    /**
     * One lockfile or manifest.
     *
     * @param path   relative to the root, with '/' separators
     * @param size   its size in bytes
     * @param sha256 SHA-256 of its content, lower-case hex
     */
    public record Lockfile(String path, long size, String sha256) {}
}
