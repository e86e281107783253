package dev.workbench.core.provenance;

import java.io.IOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * What HEAD points to.
 *
 * @param commit the commit, null on an unborn branch
 * @param tree   that commit's tree, null on an unborn branch
 * @param branch short branch name, null when detached
 */
record Head(ObjectId commit, ObjectId tree, String branch) {

    static Head read(Repository repository) throws IOException {
        Ref head = repository.exactRef(Constants.HEAD);
        if (head == null) {
            return new Head(null, null, null);
        }
        String branch =
                head.isSymbolic() ? Repository.shortenRefName(head.getTarget().getName()) : null;
        ObjectId commit = head.getObjectId();
        if (commit == null) {
            return new Head(null, null, branch);
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit parsed = walk.parseCommit(commit);
            return new Head(parsed.copy(), parsed.getTree().copy(), branch);
        }
    }

    String commitName() {
        return commit == null ? null : commit.name();
    }
}
