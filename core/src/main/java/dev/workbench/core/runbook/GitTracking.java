package dev.workbench.core.runbook;

import dev.workbench.core.provenance.GitProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether git tracks a folder, in the words the runbook uses: {@code tracked}, {@code not tracked},
 * {@code no git repository} or {@code unknown}.
 *
 * <p>A folder is tracked when at least one file under it is in the repository's index. Answering that needs
 * JGit, which only the provenance package may use; until {@code GitProvenance} offers it, a folder inside a
 * repository is {@code unknown}. Outside any repository the answer needs no git: a {@code .git} folder or file
 * is looked for in the root and its parents, as git itself does.
 */
final class GitTracking {
    static final String TRACKED = "tracked";
    static final String NOT_TRACKED = "not tracked";
    static final String NO_REPOSITORY = "no git repository";
    static final String UNKNOWN = "unknown";

    private GitTracking() {}

    /** @param folders relative to {@code root}, {@code .} for the root itself */
    static Map<String, String> describe(Path root, Collection<String> folders) {
        Set<String> tracked = GitProvenance.trackedFolders(root, folders);
        Map<String, String> labels = new TreeMap<>();
        folders.forEach(folder ->
                labels.put(folder, tracked == null ? NO_REPOSITORY : tracked.contains(folder) ? TRACKED : NOT_TRACKED));
        return labels;
    }

    private static boolean inRepository(Path root) {
        for (Path dir = root.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }
}
