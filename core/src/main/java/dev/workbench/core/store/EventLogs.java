package dev.workbench.core.store;

/** Append-only event logs: journal and activity (owned by the store work). */
public interface EventLogs {
}
