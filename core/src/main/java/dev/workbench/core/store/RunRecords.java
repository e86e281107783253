package dev.workbench.core.store;

import dev.workbench.core.run.RunRecord;
import java.util.List;
import java.util.Optional;

/** Recorded runs by id. A record is written once and never changed. */
public interface RunRecords {
    /**
     * The keys of the stored records, sorted, without reading any of them; in files, a name that is not a run id may
     * be among them (a file a person put there), which the caller filters ({@code Runs.isId}).
     */
    List<String> ids();

    /** The record stored under {@code id}, or empty; a record that cannot be read as one is a {@code WorkbenchException}. */
    Optional<RunRecord> read(String id);

    /** Every readable record, in the order of {@link #ids()}; one that cannot be read is left out. */
    List<RunRecord> all();

    /** Stores {@code record} under its id, durably. Must run inside a transaction. */
    void write(RunRecord record);
}
