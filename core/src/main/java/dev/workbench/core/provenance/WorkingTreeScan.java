package dev.workbench.core.provenance;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.NameConflictTreeWalk;
import org.eclipse.jgit.treewalk.TreeWalk.OperationType;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;

/**
 * One walk over the index and the working tree that finds what {@code git add --all} would stage, without
 * staging it. Shaped after JGit's {@code AddCommand}: an index entry whose file still matches it (same stat
 * data, or same content when the stat data cannot be trusted) is reused with its blob id, so only new and
 * modified files are read. Untracked files that git ignores are left out, and ignored untracked folders are
 * not entered at all. Nothing is written to the repository's index.
 */
final class WorkingTreeScan {
    private final Repository repository;
    private final DirCache index;
    /** Null when only asked whether anything differs: the walk then stops at the first difference. */
    private final ObjectInserter inserter;

    private final DirCache tree;
    private final DirCacheBuilder builder;
    private boolean changed;

    /** The working tree as an in-core index, and whether it differs from the repository's index. */
    record Snapshot(DirCache tree, boolean differsFromIndex) {}

    private WorkingTreeScan(Repository repository, DirCache index, ObjectInserter inserter) {
        this.repository = repository;
        this.index = index;
        this.inserter = inserter;
        this.tree = inserter == null ? null : DirCache.newInCore();
        this.builder = tree == null ? null : tree.builder();
    }

    /** Whether the working tree differs from {@code index}: a modified, deleted or untracked (not ignored) file. */
    static boolean differsFromIndex(Repository repository, DirCache index) throws IOException {
        return new WorkingTreeScan(repository, index, null).walk();
    }

    /**
     * The exact working tree as an in-core index. Blobs of new and modified files are inserted with
     * {@code inserter} (the caller flushes); unchanged files keep the blob ids of {@code index}.
     */
    static Snapshot capture(Repository repository, DirCache index, ObjectInserter inserter) throws IOException {
        WorkingTreeScan scan = new WorkingTreeScan(repository, index, inserter);
        boolean changed = scan.walk();
        scan.builder.finish();
        return new Snapshot(scan.tree, changed);
    }

    /** @return whether anything differs from the index */
    private boolean walk() throws IOException {
        try (NameConflictTreeWalk walk = new NameConflictTreeWalk(repository)) {
            walk.setOperationType(OperationType.CHECKIN_OP);
            walk.addTree(new DirCacheIterator(index));
            FileTreeIterator workingTree = new FileTreeIterator(repository);
            workingTree.setDirCacheIterator(walk, 0);
            walk.addTree(workingTree);
            byte[] lastConflictPath = null;
            while (walk.next()) {
                DirCacheIterator indexed = walk.getTree(0, DirCacheIterator.class);
                WorkingTreeIterator file = walk.getTree(1, WorkingTreeIterator.class);
                if (indexed == null && file != null && file.isEntryIgnored()) {
                    continue;
                }
                if (indexed == null && walk.isSubtree() && ".aw".equals(walk.getNameString())) {
                    continue; // the workbench's own state, not yet committed: not part of the code's provenance
                }
                DirCacheEntry entry = indexed == null ? null : indexed.getDirCacheEntry();
                if (entry != null && entry.getStage() != DirCacheEntry.STAGE_0) {
                    // An unresolved merge: the index holds up to three stages of the path; the file counts, once.
                    changed = true;
                    if (isCurrentPath(walk, lastConflictPath)) {
                        continue;
                    }
                    lastConflictPath = walk.getRawPath();
                    entry = null;
                }
                if (walk.isSubtree() && !walk.isDirectoryFileConflict()) {
                    walk.enterSubtree();
                    continue;
                }
                visit(walk, entry, indexed, file);
                if (changed && inserter == null) {
                    return true;
                }
            }
        }
        return changed;
    }

    private static boolean isCurrentPath(NameConflictTreeWalk walk, byte[] path) {
        return path != null && path.length == walk.getPathLength() && walk.isPathPrefix(path, path.length) == 0;
    }

    /** Handles one path that is not a folder to enter. */
    private void visit(
            NameConflictTreeWalk walk, DirCacheEntry entry, DirCacheIterator indexed, WorkingTreeIterator file)
            throws IOException {
        if (file == null) {
            // Gone from the working tree; a submodule that is not checked out is not a deletion.
            if (entry != null && entry.getFileMode() == FileMode.GITLINK) {
                keep(entry);
            } else if (entry != null) {
                changed = true;
            }
            return;
        }
        if (entry != null && entry.isAssumeValid()) {
            keep(entry);
            return;
        }
        FileMode mode = file.getIndexFileMode(indexed);
        int rawMode = file.getEntryRawMode();
        if (rawMode == FileMode.TYPE_TREE && mode != FileMode.GITLINK
                || rawMode == FileMode.TYPE_GITLINK && mode == FileMode.TREE) {
            // A folder where the index has a file (or files tracked inside a nested repository): take the folder.
            if (entry != null) {
                changed = true;
            }
            walk.enterSubtree();
            return;
        }
        if (mode == FileMode.GITLINK) {
            gitlink(walk, entry, file);
        } else if (entry != null && !file.isModified(entry, true, walk.getObjectReader())) {
            keep(entry);
        } else {
            changed = true;
            add(walk.getRawPath(), mode, file);
        }
    }

    /** A nested repository: recorded at the commit it has checked out, as git does. */
    private void gitlink(NameConflictTreeWalk walk, DirCacheEntry entry, WorkingTreeIterator file) {
        ObjectId id = file.getEntryObjectId();
        if (ObjectId.zeroId().equals(id)) {
            // Nothing checked out there (an uninitialised submodule, or a repository without commits).
            if (entry != null) {
                keep(entry);
            }
            return;
        }
        if (entry != null && entry.getFileMode() == FileMode.GITLINK && id.equals(entry.getObjectId())) {
            keep(entry);
            return;
        }
        changed = true;
        if (builder != null) {
            addEntry(walk.getRawPath(), FileMode.GITLINK, id);
        }
    }

    private void add(byte[] path, FileMode mode, WorkingTreeIterator file) throws IOException {
        if (inserter == null) {
            return;
        }
        ObjectId id;
        // Read through the iterator so that clean filters and end-of-line rules apply, as for git add.
        try (InputStream in = file.openEntryStream()) {
            id = inserter.insert(Constants.OBJ_BLOB, file.getEntryContentLength(), in);
        } catch (FileNotFoundException | NoSuchFileException e) {
            if (Files.notExists(
                    repository.getWorkTree().toPath().resolve(file.getEntryPathString()), LinkOption.NOFOLLOW_LINKS)) {
                return; // deleted while we walked: it is not part of the tree
            }
            throw e;
        }
        addEntry(path, mode, id);
    }

    private void addEntry(byte[] path, FileMode mode, ObjectId id) {
        DirCacheEntry entry;
        try {
            entry = new DirCacheEntry(path);
        } catch (IllegalArgumentException e) {
            return; // a name git refuses to record (such as one containing a backslash on Windows): git add skips it
            // too
        }
        entry.setFileMode(mode);
        entry.setObjectId(id);
        builder.add(entry);
    }

    private void keep(DirCacheEntry entry) {
        if (builder != null) {
            builder.add(entry);
        }
    }
}
