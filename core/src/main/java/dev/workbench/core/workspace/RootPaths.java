package dev.workbench.core.workspace;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Confines paths given by a caller to the root folder. A path is refused with
 * {@link ErrorCode#PATH_OUTSIDE_ROOT} when, after normalising {@code ..}, it lies outside the root, or when
 * the deepest part of it that exists resolves through a symbolic link to a place outside the root.
 *
 * <p>This is the check of what a caller sent, made once, when the call arrives. It does not hold at the moment
 * the path is used: a folder on the way can be swapped for a link after it. Files under the root are therefore
 * read, created, renamed and deleted through {@link ConfinedFiles}, which walks the path again at that moment
 * without following links out of the root.
 */
public final class RootPaths {
    private RootPaths() {}

    /**
     * @param root     the root folder, as a real path
     * @param given    what the caller sent, relative to the root or absolute
     * @param field    the input field, for the message
     * @return the absolute, normalised path inside the root
     */
    public static Path resolve(Path root, String given, String field) {
        if (given == null || given.isBlank()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, field + ": expected a path inside the root, got nothing");
        }
        Path candidate;
        try {
            candidate = root.resolve(given).normalize();
        } catch (InvalidPathException e) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, field + ": not a valid path: " + e.getReason());
        }
        if (!candidate.startsWith(root)) {
            throw outside(field, given, root);
        }
        Path existing = candidate;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            try {
                Path real = existing.toRealPath();
                if (!real.startsWith(root)) {
                    throw new WorkbenchException(
                            ErrorCode.PATH_OUTSIDE_ROOT,
                            field + ": \"" + given + "\" goes through a symbolic link to " + real
                                    + ", outside the root " + root);
                }
            } catch (IOException e) {
                // A dangling link: it points nowhere we could read or write through, but refuse it all the same.
                throw new WorkbenchException(
                        ErrorCode.PATH_OUTSIDE_ROOT,
                        field + ": \"" + given + "\" goes through a link that cannot be resolved");
            }
        }
        return candidate;
    }

    /**
     * Where {@code p} really leads: the real path of its deepest existing ancestor with the rest appended, so a
     * symbolic link anywhere along it is taken into account even for parts that do not exist yet.
     */
    public static Path real(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            return p;
        }
    }

    private static WorkbenchException outside(String field, String given, Path root) {
        return new WorkbenchException(
                ErrorCode.PATH_OUTSIDE_ROOT,
                field + ": \"" + given + "\" is outside the root " + root + "; give a path inside it");
    }
}
