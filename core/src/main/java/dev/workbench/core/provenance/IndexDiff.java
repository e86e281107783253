package dev.workbench.core.provenance;

import java.io.IOException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Whether the index differs from HEAD's tree: the staged changes of {@code git status}. */
final class IndexDiff {
    private IndexDiff() {}

    /**
     * @param headTree HEAD's tree, null on an unborn branch (then any index entry is a staged change)
     * @return true at the first path whose id or mode differs; folders whose cached tree id matches are skipped
     */
    static boolean differsFromHead(Repository repository, DirCache index, ObjectId headTree) throws IOException {
        try (TreeWalk walk = new TreeWalk(repository)) {
            if (headTree == null) {
                walk.addTree(new EmptyTreeIterator());
            } else {
                walk.addTree(headTree);
            }
            walk.addTree(new DirCacheIterator(index));
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            return walk.next();
        }
    }
}
