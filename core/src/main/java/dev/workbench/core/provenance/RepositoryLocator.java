package dev.workbench.core.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Finds the git repository whose work tree contains a folder, the way {@code git} does from that folder. */
final class RepositoryLocator {
    private RepositoryLocator() {}

    /**
     * Opens the repository whose work tree holds {@code root}, looking in {@code root} and then upwards.
     * Environment variables such as {@code GIT_DIR} are not read: the answer depends on the folder alone.
     *
     * @return the open repository (the caller closes it), or null when {@code root} is not in a work tree
     *         (no repository found, or only a bare one)
     * @throws IOException when a repository was found but cannot be opened
     */
    static Repository open(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return null;
        }
        FileRepositoryBuilder builder =
                new FileRepositoryBuilder().findGitDir(root.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            return null;
        }
        Repository repository = builder.setMustExist(true).build();
        if (repository.isBare()) {
            repository.close();
            return null;
        }
        return repository;
    }
}
