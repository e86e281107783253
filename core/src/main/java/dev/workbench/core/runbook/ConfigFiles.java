package dev.workbench.core.runbook;

import dev.workbench.core.provenance.EnvironmentSnapshot.Lockfile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Files at the root and one folder below that configure the project: the lockfiles the environment snapshot
 * found, {@code *.toml}, {@code *.yaml}/{@code *.yml}, {@code *.ini}, {@code *.cfg}, {@code .env.example},
 * {@code Makefile}, {@code Dockerfile}, {@code mcp.json}/{@code .mcp.json} and {@code .claude/settings.json}.
 * {@code .aw/}, {@code .git/}, other hidden folders, virtual environments and {@code node_modules/} are not
 * looked into; {@code .env} itself is never listed (it holds secrets). Only names are read, never contents.
 */
final class ConfigFiles {
    /** A configuration file, relative to the root, and what it configures. */
    record ConfigFile(String path, String purpose) {}

    private static final Set<String> SKIPPED_FOLDERS = Set.of(".aw", ".git", "node_modules", "venv", "__pycache__");
    private static final Set<String> NAMES =
            Set.of("Makefile", "GNUmakefile", "makefile", "Dockerfile", ".env.example");
    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("pyproject.toml", "Python project: dependencies and tool settings"),
            Map.entry("requirements.txt", "Python dependencies (pip)"),
            Map.entry("uv.lock", "Python lockfile (uv)"),
            Map.entry("poetry.lock", "Python lockfile (Poetry)"),
            Map.entry("Pipfile", "Python dependencies (Pipenv)"),
            Map.entry("Pipfile.lock", "Python lockfile (Pipenv)"),
            Map.entry("package.json", "Node.js package: dependencies and scripts"),
            Map.entry("package-lock.json", "Node.js lockfile (npm)"),
            Map.entry("pom.xml", "Maven build"),
            Map.entry("environment.yml", "Conda environment"),
            Map.entry("environment.yaml", "Conda environment"),
            Map.entry("renv.lock", "R lockfile (renv)"),
            Map.entry("Cargo.toml", "Rust package (Cargo)"),
            Map.entry("go.mod", "Go module"),
            Map.entry("Makefile", "build and pipeline targets (make)"),
            Map.entry("Dockerfile", "container image"),
            Map.entry(".env.example", "environment variables to set (copy to .env and fill in)"),
            Map.entry("mcp.json", "how an MCP client starts the workbench"),
            Map.entry(".mcp.json", "MCP servers for Claude Code"),
            Map.entry(".claude/settings.json", "Claude Code settings and hooks"));

    private ConfigFiles() {}

    static List<ConfigFile> find(Path root, List<Lockfile> lockfiles) {
        Map<String, String> found = new TreeMap<>();
        for (Lockfile lockfile : lockfiles) {
            found.put(lockfile.path(), purpose(lockfile.path(), true));
        }
        for (Path entry : list(root)) {
            String name = entry.getFileName().toString();
            if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                addIfConfig(found, name);
            } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && looksInto(name)) {
                for (Path child : list(entry)) {
                    if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                        addIfConfig(found, name + "/" + child.getFileName());
                    }
                }
            }
        }
        List<ConfigFile> files = new ArrayList<>();
        found.forEach((path, purpose) -> files.add(new ConfigFile(path, purpose)));
        return files;
    }

    private static boolean looksInto(String folder) {
        return folder.equals(".claude") || !folder.startsWith(".") && !SKIPPED_FOLDERS.contains(folder);
    }

    private static void addIfConfig(Map<String, String> found, String path) {
        if (!found.containsKey(path) && isConfig(path)) {
            found.put(path, purpose(path, false));
        }
    }

    static boolean isConfig(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (path.equals(".claude/settings.json") || NAMES.contains(name)) {
            return true;
        }
        if (name.equals("mcp.json") || name.equals(".mcp.json")) {
            return !path.contains("/"); // an MCP client reads these at the root only
        }
        return lower.endsWith(".toml")
                || lower.endsWith(".yaml")
                || lower.endsWith(".yml")
                || lower.endsWith(".ini")
                || lower.endsWith(".cfg");
    }

    private static String purpose(String path, boolean lockfile) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String known = BY_NAME.get(path.equals(".claude/settings.json") ? path : name);
        if (known != null) {
            return known;
        }
        if (lockfile) {
            return name.startsWith("requirements")
                    ? "Python dependencies (pip)"
                    : "dependencies (lockfile or manifest)";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".toml")) {
            return "settings (TOML)";
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return "settings (YAML)";
        }
        return name.equalsIgnoreCase("makefile") || name.equals("GNUmakefile")
                ? "build and pipeline targets (make)"
                : "settings (INI)";
    }

    private static List<Path> list(Path folder) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            // unreadable: nothing to list there
        }
        return entries;
    }
}
