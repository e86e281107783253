package dev.workbench.core.provenance;

import java.nio.file.Path;
import org.eclipse.jgit.util.FS;

/**
 * Makes JGit's file-system probe finish before a test creates a repository.
 *
 * <p>On first use of a file store, JGit measures its timestamp resolution (unless {@code ~/.config/jgit/config}
 * already holds it for that store) by writing and deleting probe files in the folder it was asked about, such
 * as a test repository's {@code .git/objects}. {@link GitProvenance} lets that run in the background, so JGit
 * answers with a fallback after 100 ms and the probe goes on writing; a test that ends meanwhile has its
 * temporary folder deleted by JUnit under the probe, and the deletion fails. Measuring once, synchronously, in
 * the temporary-files folder itself (which JUnit does not delete) puts the store in JGit's cache, so no probe
 * ever starts inside a test's folder.
 */
public final class JGitTimestamps {
    private static boolean measured;

    private JGitTimestamps() {}

    /** Measures (or reads from JGit's config) the resolution of the file store of the temporary folders, once. */
    public static synchronized void measureNow() {
        if (measured) {
            return;
        }
        FS.FileStoreAttributes.setBackground(false);
        try {
            FS.FileStoreAttributes.get(Path.of(System.getProperty("java.io.tmpdir")));
        } finally {
            FS.FileStoreAttributes.setBackground(true); // as GitProvenance sets it
        }
        measured = true;
    }
}
