package dev.workbench.core.checkpoint;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.ConfinedFiles;
import dev.workbench.core.workspace.ConfinedFolder;
import dev.workbench.core.workspace.RootPaths;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writing steps of a {@link Rollback}: staging the files to restore out of the object store (hash-checked,
 * before anything changes), then applying the plan through {@link ConfinedFiles}.
 */
final class RollbackApply {
    private final Store content;
    private final CheckpointTree tree;
    private final ObjectStore objects;

    RollbackApply(Store content, CheckpointTree tree) {
        this.content = content;
        this.tree = tree;
        this.objects = new ObjectStore(content);
    }

    /** Fails with {@code CHECKPOINT_CORRUPT} unless every file to restore has its object, of the right size. */
    void requireObjects(RollbackPlan plan) {
        for (CheckpointEntry e : plan.restore) {
            if (e.isFile()) {
                objects.requirePresent(e.sha256(), e.size());
            }
        }
    }

    /** Copies out every file to restore, hash-checked; on any failure the staged copies are removed. */
    Map<CheckpointEntry, Path> stage(List<CheckpointEntry> restore) {
        Map<CheckpointEntry, Path> staged = new LinkedHashMap<>();
        try {
            for (CheckpointEntry e : restore) {
                if (e.isFile()) {
                    Path tmp = content.newTemporaryFile();
                    staged.put(e, tmp);
                    objects.copyOut(e.sha256(), e.size(), tmp);
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(rwx(e.mode())));
                }
            }
            return staged;
        } catch (IOException e) {
            staged.values().forEach(RollbackApply::deleteQuietly);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            staged.values().forEach(RollbackApply::deleteQuietly);
            throw e;
        }
    }

    /**
     * Removes, creates and renames through {@link ConfinedFiles}: each path is walked from the root at the moment
     * of the change, so a folder swapped for a link while the files were staged is refused, never followed.
     */
    void apply(RollbackPlan plan, Map<CheckpointEntry, Path> staged) {
        ConfinedFiles files = tree.files();
        try {
            Path tmp = content.path("tmp");
            Files.createDirectories(tmp);
            try (ConfinedFolder scratch = files.openTrusted(tmp)) {
                List<String> remove = new ArrayList<>(plan.remove);
                remove.sort(Comparator.comparingInt(RollbackApply::depth).reversed());
                for (String p : remove) {
                    files.deleteTree(p);
                }
                List<CheckpointEntry> restore = new ArrayList<>(plan.restore);
                restore.sort(Comparator.comparing(CheckpointEntry::path));
                for (CheckpointEntry e : restore) {
                    String rel = tree.relative(confined(e));
                    String parent = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
                    files.createDirectories(parent, scratch);
                    switch (e.type()) {
                        case DIR -> files.createDirectories(rel, scratch);
                        case SYMLINK -> {
                            Path link = scratch.path(
                                    "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".aw-link.tmp");
                            Files.createSymbolicLink(link, Path.of(e.target()));
                            files.moveInto(scratch, link.getFileName().toString(), rel);
                        }
                        default ->
                            files.moveInto(scratch, staged.get(e).getFileName().toString(), rel);
                    }
                }
                // Folder modes last and deepest first, so a read-only folder is filled before it is closed.
                for (int i = restore.size() - 1; i >= 0; i--) {
                    CheckpointEntry e = restore.get(i);
                    if (e.isDir()) {
                        files.setPermissions(e.path(), PosixFilePermissions.fromString(rwx(e.mode())));
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new WorkbenchException(
                    ErrorCode.NOT_FOUND,
                    e.getFile() + " vanished while the rollback was changing"
                            + " files (something else is changing them too); it stopped part-way, run it again to complete it");
        } catch (IOException e) {
            throw new UncheckedIOException("rollback stopped part-way (run it again to complete it): " + e, e);
        }
    }

    private static int depth(String rel) {
        return rel.split("/").length;
    }

    /** The entry's path, checked again right before writing: nothing created earlier may lead it outside the root. */
    private Path confined(CheckpointEntry e) {
        Path target = RootPaths.resolve(tree.root(), e.path(), "checkpoint entry");
        if (tree.reserved(RootPaths.real(target)) != null) {
            throw new WorkbenchException(
                    ErrorCode.CHECKPOINT_CORRUPT,
                    "checkpoint entry " + e.path() + " leads into " + tree.reserved(RootPaths.real(target)));
        }
        return target;
    }

    private static String rwx(String octal) {
        int mode = Integer.parseInt(octal, 8);
        StringBuilder s = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            s.append((bits & 4) != 0 ? 'r' : '-')
                    .append((bits & 2) != 0 ? 'w' : '-')
                    .append((bits & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // swept later
        }
    }
}
