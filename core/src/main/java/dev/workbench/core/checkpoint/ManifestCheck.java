package dev.workbench.core.checkpoint;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A manifest as read, checked entry by entry: manifests are plain files that people edit and git merges, and a
 * rollback must never write where no checkpoint could have recorded (outside the root, into .aw/ or .git/). The one
 * place that says what a valid manifest is.
 */
final class ManifestCheck {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MODE = Pattern.compile("[0-7]{3,4}");

    private ManifestCheck() {}

    /** {@code c} when every entry could have been written by a checkpoint of {@code tree}; else CHECKPOINT_CORRUPT. */
    static Checkpoint validated(Checkpoint c, CheckpointTree tree) {
        List<String> problems = new ArrayList<>();
        if (c.entries() == null || c.paths() == null) {
            problems.add("no entries or paths");
        } else {
            for (String given : c.paths()) {
                checkPath(given, tree, problems);
            }
            for (CheckpointEntry e : c.entries()) {
                checkPath(e.path(), tree, problems);
                String problem = problem(e);
                if (problem != null) {
                    problems.add(e.path() + ": " + problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new WorkbenchException(
                    ErrorCode.CHECKPOINT_CORRUPT,
                    "checkpoint " + c.name() + " has invalid entries ("
                            + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                            + "); nothing was changed");
        }
        return c;
    }

    private static String problem(CheckpointEntry e) {
        if (e.type() == null) {
            return "unknown type " + e.type();
        }
        return switch (e.type()) {
            case FILE ->
                e.sha256() == null
                                || !SHA.matcher(e.sha256()).matches()
                                || e.size() == null
                                || e.size() < 0
                                || !isMode(e.mode())
                        ? "a file needs sha256, size and mode"
                        : null;
            case DIR -> isMode(e.mode()) ? null : "a folder needs a mode";
            case SYMLINK -> e.target() == null || e.target().isEmpty() ? "a link needs a target" : null;
        };
    }

    private static boolean isMode(String mode) {
        return mode != null && MODE.matcher(mode).matches();
    }

    private static void checkPath(String rel, CheckpointTree tree, List<String> problems) {
        if (rel == null || rel.isEmpty() || rel.startsWith("/") || rel.contains("\0")) {
            problems.add("path " + rel + " is not relative");
            return;
        }
        Path p = tree.root().resolve(rel).normalize();
        if (!p.startsWith(tree.root())) {
            problems.add("path " + rel + " leaves the root");
        } else if (tree.reserved(p) != null) {
            problems.add("path " + rel + " is inside " + tree.reserved(p));
        }
    }
}
