package dev.workbench.core.metrics;

import dev.workbench.core.workspace.StorePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code local}: embedded DuckDB, a new in-memory database per query, set up explicitly before the query runs.
 *
 * <ul>
 *   <li>{@code threads}, {@code memory_limit} from {@link LocalSettings}; {@code temp_directory} a folder per query
 *       under {@code .aw/tmp/duckdb} (without {@code .aw/}, under a folder of the system's temporary folder) for what
 *       spills past the memory limit, made by DuckDB when it spills and removed when the query ends;
 *   <li>files: {@code enable_external_access = false} with {@code allowed_directories} the root's folders and
 *       {@code allowed_paths} its files, all but {@code .aw} (the workbench's own state) and symbolic links (a link
 *       allowed by its name would open what it points to); so {@code /etc/passwd}, {@code ../x.csv} and links
 *       leading out, at the top or further down, are refused by the engine. Relative paths are made absolute under the root first ({@link LocalPaths});
 *   <li>{@code TimeZone = 'UTC'}, the profiler on (for rows scanned), then {@code lock_configuration = true}: the
 *       query cannot change any of it.
 * </ul>
 */
final class LocalSource {
    private LocalSource() {}

    static SqlSource of(StorePaths paths, LocalSettings settings) {
        Path root = paths.root();
        String rootText = root.toString();
        return new JdbcSource(new JdbcSource.Spec(
                Sources.LOCAL,
                SqlSource.Engine.DUCKDB,
                () -> Drivers.find(Sources.LOCAL, "jdbc:duckdb:", "org.duckdb.DuckDBDriver"),
                "jdbc:duckdb:",
                Properties::new,
                () -> setup(paths, settings),
                sql -> LocalPaths.absolute(sql, rootText),
                settings.timeoutSeconds(),
                settings.maxRows()));
    }

    private static List<String> setup(StorePaths paths, LocalSettings settings) {
        Path root = paths.root();
        Path temp = temporaryFolder(paths);
        List<String> folders = new ArrayList<>();
        List<String> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().equals(".aw") || Files.isSymbolicLink(entry)) {
                    // A link is never allowed by its own name: DuckDB would then open whatever it points to,
                    // outside the root or inside .aw/. What it points to under the root is allowed as itself.
                    continue;
                }
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    folders.add(quote(entry + "/"));
                } else {
                    files.add(quote(entry.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the root " + root, e);
        }
        List<String> setup = new ArrayList<>();
        setup.add("SET threads = " + settings.threads());
        setup.add("SET memory_limit = " + quote(settings.memoryLimit()));
        // A folder of its own per query, which DuckDB makes when it first spills and removes when the query's database
        // closes: two queries spilling at once never share (or delete) each other's files.
        setup.add("SET temp_directory = "
                + quote(temp.resolve("q-" + java.util.UUID.randomUUID()).toString()));
        setup.add("SET file_search_path = " + quote(root.toString()));
        setup.add("SET TimeZone = 'UTC'");
        setup.add("SET allowed_directories = [" + String.join(", ", folders) + "]");
        setup.add("SET allowed_paths = [" + String.join(", ", files) + "]");
        setup.add("SET enable_external_access = false");
        setup.add("SET autoinstall_known_extensions = false");
        setup.add("SET autoload_known_extensions = false");
        setup.add(DuckDbProfile.ENABLE);
        setup.add("SET lock_configuration = true");
        return setup;
    }

    private static Path outsideStore;

    /**
     * {@code .aw/tmp/duckdb} (git-ignored with the rest of {@code .aw/tmp/}), made through the store's confinement
     * when missing. A root without {@code .aw/} keeps none: {@code .aw/} is made only by the store (with its
     * {@code .gitignore}), so there DuckDB spills into a folder of the system's temporary folder instead.
     */
    private static Path temporaryFolder(StorePaths paths) {
        try {
            if (!paths.initialized()) {
                synchronized (LocalSource.class) {
                    if (outsideStore == null) {
                        outsideStore = Files.createTempDirectory("aw-duckdb-");
                        outsideStore.toFile().deleteOnExit();
                    }
                    return outsideStore;
                }
            }
            Path temp = paths.path("tmp/duckdb");
            if (!Files.isDirectory(temp, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(temp);
            }
            return temp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for DuckDB", e);
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
