package dev.workbench.core.store;

/** Run records (owned by the run work). */
public interface RunRecords {
}
