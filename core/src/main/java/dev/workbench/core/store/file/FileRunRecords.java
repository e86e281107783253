package dev.workbench.core.store.file;

import dev.workbench.core.WorkbenchException;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.store.RunRecords;
import dev.workbench.core.workspace.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link RunRecords} as files: {@code .aw/runs/<id>.json}, pretty JSON written atomically. */
public final class FileRunRecords implements RunRecords {
    /** The folder under {@code .aw/}. */
    public static final String DIR = "runs";

    private static final String JSON = ".json";
    private final Store store;

    public FileRunRecords(Store store) {
        this.store = store;
    }

    @Override
    public List<String> ids() {
        return store.list(DIR, JSON).stream()
                .map(n -> n.substring(0, n.length() - JSON.length()))
                .toList();
    }

    @Override
    public Optional<RunRecord> read(String id) {
        return store.read(DIR + "/" + id + JSON, RunRecord.class);
    }

    @Override
    public List<RunRecord> all() {
        List<RunRecord> runs = new ArrayList<>();
        for (String id : ids()) {
            try {
                read(id).ifPresent(runs::add);
            } catch (WorkbenchException e) {
                // a damaged record is reported when asked for by id
            }
        }
        return runs;
    }

    @Override
    public void write(RunRecord record) {
        store.write(DIR + "/" + record.id() + JSON, record);
    }
}
