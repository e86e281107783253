package dev.workbench.core.provenance;

import dev.workbench.core.Sha256;
import dev.workbench.core.provenance.EnvironmentSnapshot.Lockfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds dependency manifests and lockfiles at the top of the root and one folder below, and hashes them.
 * Symbolic links are not followed, so nothing outside the root is read.
 */
final class Lockfiles {
    private static final Set<String> NAMES = Set.of(
            "pom.xml",
            "pyproject.toml",
            "uv.lock",
            "poetry.lock",
            "Pipfile",
            "Pipfile.lock",
            "package.json",
            "package-lock.json",
            "yarn.lock",
            "pnpm-lock.yaml",
            "environment.yml",
            "environment.yaml",
            "conda-lock.yml",
            "renv.lock",
            "Cargo.toml",
            "Cargo.lock",
            "go.mod",
            "go.sum",
            "Project.toml",
            "Manifest.toml",
            "gradle.lockfile",
            "Gemfile.lock");
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".aw", ".git", "node_modules");

    private Lockfiles() {}

    static boolean isLockfile(String name) {
        return NAMES.contains(name)
                || name.startsWith("build.gradle")
                || name.startsWith("requirements") && name.endsWith(".txt");
    }

    /** @return the lockfiles under {@code root}, sorted by path; unreadable ones are left out */
    static List<Lockfile> find(Path root) {
        List<Lockfile> found = new ArrayList<>();
        for (Path entry : list(root)) {
            BasicFileAttributes attributes = attributes(entry);
            if (attributes == null) {
                continue;
            }
            String name = entry.getFileName().toString();
            if (attributes.isRegularFile() && isLockfile(name)) {
                add(found, root, entry);
            } else if (attributes.isDirectory() && !SKIPPED_FOLDERS.contains(name)) {
                for (Path child : list(entry)) {
                    // the name first: a folder of 10,000 files costs no stat calls
                    if (isLockfile(child.getFileName().toString())) {
                        BasicFileAttributes childAttributes = attributes(child);
                        if (childAttributes != null && childAttributes.isRegularFile()) {
                            add(found, root, child);
                        }
                    }
                }
            }
        }
        found.sort(Comparator.comparing(Lockfile::path));
        return found;
    }

    private static void add(List<Lockfile> found, Path root, Path file) {
        try {
            long size = Files.size(file);
            String path = root.relativize(file)
                    .toString()
                    .replace(file.getFileSystem().getSeparator(), "/");
            found.add(new Lockfile(path, size, Sha256.of(file)));
        } catch (IOException | UncheckedIOException e) {
            // removed or unreadable while we looked: a lockfile we cannot read is one we cannot vouch for
        }
    }

    private static List<Path> list(Path folder) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            // not a folder, or not readable: nothing to find there
        }
        return entries;
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
