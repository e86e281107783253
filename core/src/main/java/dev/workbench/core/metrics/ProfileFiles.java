package dev.workbench.core.metrics;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.ConfinedFiles;
import dev.workbench.core.workspace.RootPaths;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The file a profile reads: a CSV, TSV (either possibly gzipped) or Parquet file under the root, confined as every
 * path a caller sends is ({@link RootPaths} for {@code ..} and absolute paths, then a {@link ConfinedFiles} walk that
 * refuses links leading out of the root or into {@code .aw/}), turned into DuckDB's reader for its extension.
 *
 * <p>DuckDB opens the file by the real path the walk found. A link swapped in between that walk and DuckDB's open
 * is not caught: DuckDB takes no file handle.
 */
final class ProfileFiles {
    private final Path root;

    ProfileFiles(Path root) {
        this.root = root;
    }

    /** DuckDB's {@code SELECT} over the file at {@code given}. */
    String reader(String given) {
        Path p = RootPaths.resolve(root, given, "path");
        String relative = root.relativize(p).toString();
        if (relative.isEmpty()) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "path: expected a file, got the root folder");
        }
        if (relative.equals(".aw") || relative.startsWith(".aw/")) {
            throw new WorkbenchException(
                    ErrorCode.PATH_OUTSIDE_ROOT,
                    "path: \"" + given + "\" is in .aw/, the workbench's own records; profile data files");
        }
        String function = function(p.getFileName().toString(), given);
        Path real;
        try (ConfinedFiles.Located at = new ConfinedFiles(root).locate(relative, true)) {
            if (!at.exists()) {
                throw notFound(given);
            }
            if (!at.attributes().isRegularFile()) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT, "path: expected a file, \"" + given + "\" is not");
            }
            real = root.resolve(at.real());
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw notFound(given);
        } catch (IOException e) {
            throw new WorkbenchException(
                    ErrorCode.STORAGE_ERROR, "path: \"" + given + "\" cannot be read: " + e.getMessage(), e);
        }
        return "SELECT * FROM " + function.replace("?", ProfileQuery.literal(real.toString()));
    }

    private static String function(String name, String given) {
        String n = name.toLowerCase(Locale.ROOT);
        String base = n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
        if (base.endsWith(".csv")) {
            return "read_csv(?)";
        }
        if (base.endsWith(".tsv")) {
            return "read_csv(?, delim = '\\t')";
        }
        if (n.endsWith(".parquet")) {
            return "read_parquet(?)";
        }
        throw new WorkbenchException(
                ErrorCode.INVALID_INPUT,
                "path: expected a .csv, .tsv (either may end in .gz) or .parquet file, got \"" + given + "\"");
    }

    private static WorkbenchException notFound(String given) {
        return new WorkbenchException(ErrorCode.NOT_FOUND, "path: no file \"" + given + "\" under the root");
    }
}
