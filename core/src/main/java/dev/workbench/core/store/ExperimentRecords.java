package dev.workbench.core.store;

/** Experiment records and their analysis history (owned by the experiment work). */
public interface ExperimentRecords {
}
