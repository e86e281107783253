package dev.workbench.core.store;

/** Stage files: reviews, approvals, manifests (owned by the review work). */
public interface StageFiles {
}
