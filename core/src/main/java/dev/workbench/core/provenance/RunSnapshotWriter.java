package dev.workbench.core.provenance;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** Stores a captured working tree as a commit under {@code refs/aw/runs/<id>}, touching no other ref. */
final class RunSnapshotWriter {
    static final String REF_PREFIX = "refs/aw/runs/";
    private static final String FALLBACK_NAME = "Workbench";
    private static final String FALLBACK_EMAIL = "workbench@localhost";

    private RunSnapshotWriter() {}

    /**
     * Writes the tree, a commit of it (parent {@code head}, none when null) and the ref.
     *
     * @return the commit id
     * @throws WorkbenchException {@link ErrorCode#INVALID_INPUT} when the run already has a snapshot ref
     * @throws IOException        when the repository cannot be written
     */
    static ObjectId write(Repository repository, ObjectInserter inserter, DirCache tree, ObjectId head, String runId)
            throws IOException {
        String refName = REF_PREFIX + runId;
        if (repository.exactRef(refName) != null) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "run \"" + runId + "\" already has a snapshot at " + refName + " in " + repository.getDirectory()
                            + "; record the run under a new id");
        }
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree.writeTree(inserter));
        if (head != null) {
            commit.setParentId(head);
        }
        PersonIdent ident = identity(repository.getConfig());
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setMessage("aw run " + runId + "\n\nWorking tree at the start of run " + runId
                + ", recorded by the workbench.\nHEAD, the index and branches were left as they were.\n");
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        updateRef(repository, refName, id);
        return id;
    }

    private static void updateRef(Repository repository, String refName, ObjectId id) throws IOException {
        RefUpdate update = repository.updateRef(refName);
        update.setNewObjectId(id);
        update.setExpectedOldObjectId(ObjectId.zeroId());
        update.disableRefLog();
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW) {
            throw new IOException("could not create " + refName + ": " + result);
        }
    }

    /**
     * The user's configured identity, read without JGit's implicit defaults (those look up the host name,
     * which can take seconds when DNS is slow).
     */
    private static PersonIdent identity(Config config) {
        String name = config.getString("user", null, "name");
        String email = config.getString("user", null, "email");
        return new PersonIdent(
                name == null || name.isBlank() ? FALLBACK_NAME : name,
                email == null || email.isBlank() ? FALLBACK_EMAIL : email,
                Instant.now(),
                ZoneId.systemDefault());
    }
}
