package dev.workbench.core.provenance;

/**
 * Git state of the folder a checkpoint or run was taken in. {@link GitProvenance} answers null instead of a
 * {@code GitState} when the folder is not in a git work tree.
 *
 * @param commit         id of the commit HEAD points to; null on an unborn branch (no commit yet)
 * @param branch         short name of the checked-out branch ({@code main}); null when HEAD is detached
 * @param dirty          whether the working tree differs from HEAD: staged, unstaged or untracked (not ignored)
 *                       changes, as {@code git status} would list them
 * @param snapshotRef    {@code refs/aw/runs/<id>} when a snapshot commit of the dirty tree was stored; else null
 * @param snapshotCommit id of that snapshot commit; null when no snapshot was stored
 */
public record GitState(String commit, String branch, boolean dirty, String snapshotRef, String snapshotCommit) {}
