package dev.workbench.core.provenance;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.errors.NoWorkTreeException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;

/**
 * The git side of provenance: which commit a checkpoint or run was taken at, and for a run in a dirty tree, a
 * commit of the exact working tree stored under {@code refs/aw/runs/<id>}. HEAD, the index and branches are
 * never changed. The only package of the workbench that uses JGit.
 */
public final class GitProvenance {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]+");

    static {
        // JGit measures the file system's timestamp resolution on first use (about 3 s, then cached in
        // ~/.config/jgit/config). Measure in the background and use the conservative 2 s fallback meanwhile:
        // that only makes more index entries "racily clean", which costs a content comparison, never a wrong answer.
        // The measuring thread may be a non-daemon thread (on machines with 2 CPUs or fewer): a command-line
        // entry point should end with System.exit so that its first-ever run does not wait ~3 s for it.
        FS.FileStoreAttributes.setBackground(true);
    }

    private GitProvenance() {}

    /**
     * Commit, branch and dirty flag of the repository whose work tree contains {@code root} ({@code root} may be a
     * sub-folder of it). Dirty means {@code git status} would list something: a staged change, a modified or
     * deleted file, or an untracked file git does not ignore. Never writes to the repository.
     *
     * @return the state, or null when {@code root} is not in a git work tree
     * @throws WorkbenchException {@link ErrorCode#STORE_ERROR} when the repository cannot be read
     */
    public static GitState describe(Path root) {
        Objects.requireNonNull(root, "root");
        Repository repository = null;
        try {
            repository = RepositoryLocator.open(root);
            if (repository == null) {
                return null;
            }
            Head head = Head.read(repository);
            DirCache index = repository.readDirCache();
            boolean dirty = IndexDiff.differsFromHead(repository, index, head.tree())
                    || WorkingTreeScan.differsFromIndex(repository, index);
            return new GitState(head.commitName(), head.branch(), dirty, null, null);
        } catch (IOException | NoWorkTreeException | IllegalArgumentException e) {
            throw failure(root, repository, "read", e);
        } finally {
            close(repository);
        }
    }

    /**
     * {@link #describe(Path)}, and when the tree is dirty a commit of the exact working tree: tracked files as
     * they are on disk (modified content, deleted ones left out) and untracked files git does not ignore,
     * with HEAD as parent (none on an unborn branch), stored under {@code refs/aw/runs/<runId>}. It is built
     * in a temporary in-core index, so HEAD, the repository's index and every branch stay untouched; unchanged
     * files reuse the blob ids of the index, so only new and modified files are read. When the tree is clean,
     * nothing is written and the snapshot fields are null.
     *
     * @param runId the run's id, {@code [A-Za-z0-9._-]+} and a valid ref name component
     * @return the state, or null when {@code root} is not in a git work tree
     * @throws WorkbenchException {@link ErrorCode#INVALID_INPUT} for a bad run id or one that already has a
     *                            snapshot; {@link ErrorCode#STORE_ERROR} when the repository cannot be read or written
     */
    public static GitState snapshot(Path root, String runId) {
        Objects.requireNonNull(root, "root");
        checkRunId(runId);
        Repository repository = null;
        try {
            repository = RepositoryLocator.open(root);
            if (repository == null) {
                return null;
            }
            return snapshot(repository, runId);
        } catch (IOException | NoWorkTreeException | IllegalArgumentException e) {
            throw failure(root, repository, "read or written", e);
        } finally {
            close(repository);
        }
    }

    /**
     * Removes the snapshot ref {@code refs/aw/runs/<runId>} of a run that was stamped but never written (its store
     * step refused), so no snapshot points at a run that does not exist; nothing when there is none. The commit it
     * held becomes unreachable and goes with git's next garbage collection.
     *
     * @throws WorkbenchException {@link ErrorCode#STORE_ERROR} when the repository cannot be written
     */
    public static void forget(Path root, String runId) {
        checkRunId(runId);
        Repository repository = null;
        try {
            repository = RepositoryLocator.open(root);
            if (repository == null || repository.exactRef(RunSnapshotWriter.REF_PREFIX + runId) == null) {
                return;
            }
            RefUpdate update = repository.updateRef(RunSnapshotWriter.REF_PREFIX + runId);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.delete();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
                throw new IOException("deleting " + RunSnapshotWriter.REF_PREFIX + runId + ": " + result);
            }
        } catch (IOException | NoWorkTreeException | IllegalArgumentException e) {
            throw failure(root, repository, "written", e);
        } finally {
            close(repository);
        }
    }

    private static GitState snapshot(Repository repository, String runId) throws IOException {
        Head head = Head.read(repository);
        DirCache index = repository.readDirCache();
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            WorkingTreeScan.Snapshot tree = WorkingTreeScan.capture(repository, index, inserter);
            boolean dirty = tree.differsFromIndex() || IndexDiff.differsFromHead(repository, index, head.tree());
            if (!dirty) {
                return new GitState(head.commitName(), head.branch(), false, null, null);
            }
            ObjectId commit = RunSnapshotWriter.write(repository, inserter, tree.tree(), head.commit(), runId);
            return new GitState(
                    head.commitName(), head.branch(), true, RunSnapshotWriter.REF_PREFIX + runId, commit.name());
        }
    }

    /**
     * Which of {@code folders} git tracks: those with at least one file in the repository's index (staged
     * additions count; untracked and ignored files do not). Reads the index only; never writes.
     *
     * @param folders relative to {@code root}, with '/' separators; {@code "."} is {@code root} itself
     * @return the tracked ones, or null when {@code root} is not in a git work tree
     * @throws WorkbenchException {@link ErrorCode#STORE_ERROR} when the repository cannot be read
     */
    public static Set<String> trackedFolders(Path root, Collection<String> folders) {
        Objects.requireNonNull(root, "root");
        Repository repository = null;
        try {
            repository = RepositoryLocator.open(root);
            if (repository == null) {
                return null;
            }
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            String prefix = workTree.relativize(root.toRealPath()).toString().replace('\\', '/');
            DirCache index = repository.readDirCache();
            Set<String> tracked = new TreeSet<>();
            for (String folder : folders) {
                String inRepository = folder.equals(".") ? prefix : prefix.isEmpty() ? folder : prefix + "/" + folder;
                boolean any = inRepository.isEmpty()
                        ? index.getEntryCount() > 0
                        : index.getEntriesWithin(inRepository).length > 0;
                if (any) {
                    tracked.add(folder);
                }
            }
            return tracked;
        } catch (IOException | NoWorkTreeException | IllegalArgumentException e) {
            throw failure(root, repository, "read", e);
        } finally {
            close(repository);
        }
    }

    private static void checkRunId(String runId) {
        if (runId == null
                || !RUN_ID.matcher(runId).matches()
                || !Repository.isValidRefName(RunSnapshotWriter.REF_PREFIX + runId)) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "runId: expected letters, digits, '.', '_' or '-'"
                            + " forming a valid git ref name (not starting with '.', no \"..\", not ending in \".lock\"), got "
                            + (runId == null ? "nothing" : "\"" + runId + "\""));
        }
    }

    private static WorkbenchException failure(Path root, Repository repository, String what, Exception cause) {
        String where = repository == null
                ? "the git repository containing " + root
                : "the git repository " + repository.getDirectory();
        return new WorkbenchException(ErrorCode.STORE_ERROR, where + " could not be " + what + ": " + cause, cause);
    }

    private static void close(Repository repository) {
        if (repository != null) {
            repository.close();
        }
    }
}
