package dev.workbench.core.run;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.provenance.Environment;
import dev.workbench.core.provenance.GitProvenance;
import dev.workbench.core.provenance.GitState;
import dev.workbench.core.workspace.RootPaths;
import dev.workbench.core.workspace.Store;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Recorded runs under {@code .aw/runs/} (CONTRACT section 4). */
public final class Runs {
    public static final String DIR = "runs";
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Store store;
    private final Experiments experiments;
    private final ActivityLog activity;

    public Runs(Store store, Experiments experiments, ActivityLog activity) {
        this.store = store;
        this.experiments = experiments;
        this.activity = activity;
    }

    /** Records a run: hashes its inputs and outputs, snapshots git and the environment, writes the record. */
    public RunRecord record(RunRequest r) {
        if (r.experiment() != null) {
            experiments.get(r.experiment());
        }
        List<PathDigest> inputs = digests(r.inputs(), "inputs");
        for (int i = 0; i < inputs.size(); i++) {
            if ("missing".equals(inputs.get(i).type())) {
                throw new WorkbenchException(ErrorCode.NOT_FOUND, "inputs[" + i + "]: \"" + r.inputs().get(i)
                        + "\" does not exist; a run's inputs are files or folders it read");
            }
        }
        List<PathDigest> outputs = digests(r.outputs(), "outputs");
        String now = store.now();
        String id = ID_TIME.format(java.time.Instant.parse(now)) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        GitState git = GitProvenance.snapshot(store.root(), id);
        RunRecord record = new RunRecord(id, now, r.command(), r.area(), r.experiment(), r.exitCode(), r.durationMs(),
                inputs, outputs, r.params(), r.metrics(), r.note(), git, Environment.capture(store.root()));
        int size = ResponseBudget.toolResponse(record);
        if (size > ResponseBudget.LIMIT / 2) {
            throw new WorkbenchException(ErrorCode.INPUT_TOO_LARGE, "the run record would take " + size
                    + " bytes to send back; shorten the command, params or note (limit " + ResponseBudget.LIMIT / 2 + ")");
        }
        return store.transaction(() -> {
            store.write(DIR + "/" + id + ".json", record);
            activity.append(now, "run.recorded", "Run " + id + ": " + record.summary().command()
                    + (r.exitCode() == null ? "" : " (exit " + r.exitCode() + ")"), r.note());
            return record;
        });
    }

    private List<PathDigest> digests(List<String> paths, String field) {
        List<PathDigest> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path p = RootPaths.resolve(store.root(), paths.get(i), field + "[" + i + "]");
            if (p.startsWith(store.dir()) || RootPaths.real(p).startsWith(store.dir())) {
                // its digest would leave out the workbench's files (an existing .aw/ would read as empty) and
                // an output .aw/ would read as "missing" while this very call creates it
                throw new WorkbenchException(ErrorCode.INVALID_INPUT, field + "[" + i + "]: \"" + paths.get(i)
                        + "\" is inside .aw/, the workbench's own state, which a run neither reads nor writes as data; "
                        + "expected a project file or folder outside .aw/");
            }
            out.add(PathDigest.of(store.root(), p));
        }
        return out;
    }

    /** Whether {@code id} has the form of a run id: what {@link #get} accepts and a record's file name may be. */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** {@code id} when it has the form of a run id, else {@code INVALID_INPUT} naming the field. */
    public static String checkId(String id) {
        if (!isId(id)) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "id: expected a run id such as 20261122-101500-123-0a1b, got " + id);
        }
        return id;
    }

    public RunRecord get(String id) {
        checkId(id);
        return store.read(DIR + "/" + id + ".json", RunRecord.class).orElseThrow(() -> new WorkbenchException(
                ErrorCode.NOT_FOUND, "no run \"" + id + "\"; list them with the aw://runs resource"));
    }

    /** Every readable run, oldest first. */
    public List<RunRecord> all() {
        List<RunRecord> runs = new ArrayList<>();
        for (String name : store.list(DIR, ".json")) {
            try {
                store.read(DIR + "/" + name, RunRecord.class).ifPresent(runs::add);
            } catch (WorkbenchException e) {
                // a damaged record is reported when asked for by id
            }
        }
        return runs;
    }

    public long count() {
        return store.list(DIR, ".json").size();
    }

    /** The ids of the stored runs, sorted, from the folder listing alone (no record is read). */
    public List<String> ids() {
        return store.list(DIR, ".json").stream().map(n -> n.substring(0, n.length() - ".json".length()))
                .filter(Runs::isId).toList();
    }
}
