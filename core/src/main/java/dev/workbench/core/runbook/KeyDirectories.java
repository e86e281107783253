package dev.workbench.core.runbook;

import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointEntry;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The folders runs and checkpoints touched: a run's input or output folder, or the folder holding an input or
 * output file; a checkpointed folder, or the folder holding a checkpointed file. {@code .} is the root.
 */
final class KeyDirectories {
    /**
     * One folder and what touched it.
     *
     * @param git         whether git tracks it, as {@link GitTracking} words it
     * @param readBy      steps that read from it
     * @param writtenBy   steps that wrote to it
     * @param checkpoints checkpoints that hold it or a file in it
     */
    record Folder(
            String path,
            boolean exists,
            String git,
            TreeSet<Integer> readBy,
            TreeSet<Integer> writtenBy,
            List<String> checkpoints) {}

    private KeyDirectories() {}

    /** @param steps run id to step number; runs that are no step (undone, changed nothing) are left out */
    static List<Folder> collect(
            Path root, List<RunRecord> runs, Map<String, Integer> steps, List<Checkpoint> checkpoints) {
        Map<String, Folder> folders = new TreeMap<>();
        for (RunRecord run : runs) {
            Integer step = steps.get(run.id());
            if (step == null) {
                continue;
            }
            for (PathDigest input : run.inputs()) {
                folder(folders, root, folderOf(input)).readBy().add(step);
            }
            for (PathDigest output : run.outputs()) {
                folder(folders, root, folderOf(output)).writtenBy().add(step);
            }
        }
        for (Checkpoint checkpoint : checkpoints) {
            for (String path : checkpoint.paths()) {
                List<String> names =
                        folder(folders, root, folderOf(checkpoint, path)).checkpoints();
                if (!names.contains(checkpoint.name())) {
                    names.add(checkpoint.name());
                }
            }
        }
        Map<String, String> git = GitTracking.describe(root, folders.keySet());
        return folders.values().stream()
                .map(f -> new Folder(
                        f.path(),
                        f.exists(),
                        git.get(f.path()),
                        f.readBy(),
                        f.writtenBy(),
                        List.copyOf(f.checkpoints())))
                .toList();
    }

    private static Folder folder(Map<String, Folder> folders, Path root, String path) {
        return folders.computeIfAbsent(
                path,
                p -> new Folder(
                        p,
                        Files.isDirectory(root.resolve(p), LinkOption.NOFOLLOW_LINKS),
                        null,
                        new TreeSet<>(),
                        new TreeSet<>(),
                        new ArrayList<>()));
    }

    private static String folderOf(PathDigest digest) {
        return "dir".equals(digest.type()) ? digest.path() : parent(digest.path());
    }

    private static String folderOf(Checkpoint checkpoint, String path) {
        boolean folder = checkpoint.entries() != null
                && checkpoint.entries().stream()
                        .anyMatch(e -> e.path().equals(path) && CheckpointEntry.DIR.equals(e.type()));
        return folder ? path : parent(path);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "." : path.substring(0, slash);
    }
}
