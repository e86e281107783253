package dev.workbench.core.workspace;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One walk of a path from the root, name by name, for one operation of {@link ConfinedFiles}: each folder is opened
 * relative to the one before; a symbolic link met on the way is resolved here, not by the kernel, and walked again
 * from the root while it leads inside it, refused when it leads outside the root or into {@code .aw/}. The links
 * followed are counted across the whole operation, so a loop ends.
 */
final class ConfinedWalk {
    private static final int MAX_LINKS = 40;

    private final Path root;
    /** The path as the caller gave it, for messages. */
    private final String given;

    private int hops;

    ConfinedWalk(Path root, String given) {
        this.root = root;
        this.given = given;
    }

    /** The folder at the end of {@code names} (from the root); absent on the way is {@link NoSuchFileException}. */
    ConfinedFolder walk(Deque<String> names) throws IOException {
        ConfinedFolder cur = openRoot();
        try {
            while (!names.isEmpty()) {
                String n = names.removeFirst();
                ConfinedFolder next = step(cur, n, names);
                if (next == null) {
                    throw new NoSuchFileException(cur.path(n).toString());
                }
                cur.close();
                cur = next;
            }
            return cur;
        } catch (IOException | RuntimeException e) {
            cur.close();
            throw e;
        }
    }

    /**
     * One name of a walk from {@code cur}: the folder it opens, or null when the name is absent. For a link, the
     * names from the root that it stands for are put in front of {@code rest} and the root is returned. No name is
     * {@code ..}: {@link #names} normalises every path, a link's target included, before the walk.
     */
    ConfinedFolder step(ConfinedFolder cur, String n, Deque<String> rest) throws IOException {
        String target = null;
        for (int attempt = 0; target == null; attempt++) {
            try {
                return cur.openOrNull(n);
            } catch (NoSuchFileException e) {
                return null;
            } catch (LinkMet e) {
                try {
                    target = Files.readSymbolicLink(cur.path(n)).toString();
                } catch (NotLinkException | NoSuchFileException swappedBack) {
                    if (attempt >= 3) {
                        throw ConfinedFolder.changed(cur.path(n));
                    }
                }
            }
        }
        Deque<String> next = afterLink(cur.real(), target);
        next.addAll(rest);
        rest.clear();
        rest.addAll(next);
        return reopenRoot(cur);
    }

    ConfinedFolder openRoot() throws IOException {
        return ConfinedFolder.open(root, "");
    }

    /** The root, opened again: the names put in front of the walk are from the root. */
    private ConfinedFolder reopenRoot(ConfinedFolder cur) throws IOException {
        ConfinedFolder rootFolder = openRoot();
        cur.close();
        return rootFolder;
    }

    /** The names, from the root, that a link in folder {@code real} leading to {@code target} stands for. */
    Deque<String> afterLink(String real, String target) {
        if (++hops > MAX_LINKS) {
            throw new WorkbenchException(
                    ErrorCode.PATH_OUTSIDE_ROOT,
                    "\"" + given + "\" goes through more than " + MAX_LINKS + " symbolic links");
        }
        Path t = Path.of(target);
        Path resolved = (t.isAbsolute() ? t : root.resolve(real).resolve(t)).normalize();
        if (!resolved.startsWith(root)) {
            throw new WorkbenchException(
                    ErrorCode.PATH_OUTSIDE_ROOT,
                    "\"" + given + "\" goes through a symbolic link" + " to " + resolved + ", outside the root " + root
                            + "; nothing was read or changed through it");
        }
        if (resolved.startsWith(root.resolve(Store.DIR))) {
            throw new WorkbenchException(
                    ErrorCode.PATH_OUTSIDE_ROOT,
                    "\"" + given + "\" goes through a symbolic link" + " into " + Store.DIR
                            + "/, the workbench's own state; nothing was read or changed through it");
        }
        return names(root.relativize(resolved).toString());
    }

    /** The names of {@code relative} from the root, normalised lexically (as {@link RootPaths} checked it). */
    Deque<String> names(String relative) {
        Deque<String> names = new ArrayDeque<>();
        if (relative == null) {
            return names;
        }
        Path p = Path.of(relative).normalize();
        if (p.isAbsolute()) {
            if (!p.startsWith(root)) {
                throw outside(p);
            }
            p = root.relativize(p);
        }
        if (p.startsWith("..")) {
            throw outside(root.resolve(p).normalize());
        }
        for (Path part : p) {
            String s = part.toString();
            if (!s.isEmpty() && !s.equals(".")) {
                names.add(s);
            }
        }
        return names;
    }

    private WorkbenchException outside(Path where) {
        return new WorkbenchException(
                ErrorCode.PATH_OUTSIDE_ROOT, "\"" + given + "\" leads to " + where + ", outside the root " + root);
    }
}
