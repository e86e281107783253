package dev.workbench.core.run;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.provenance.Environment;
import dev.workbench.core.provenance.EnvironmentSnapshot;
import dev.workbench.core.provenance.GitProvenance;
import dev.workbench.core.provenance.GitState;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.RunRecords;
import dev.workbench.core.workspace.RootPaths;
import dev.workbench.core.workspace.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Recorded runs (CONTRACT section 4), kept by the back end ({@link RunRecords}). */
public final class Runs {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Backend backend;
    private final RunRecords records;
    private final Experiments experiments;
    private final ActivityLog activity;

    public Runs(Backend backend, Experiments experiments, ActivityLog activity) {
        this.backend = backend;
        this.records = backend.runs();
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
                throw new WorkbenchException(
                        ErrorCode.NOT_FOUND,
                        "inputs[" + i + "]: \"" + r.inputs().get(i)
                                + "\" does not exist; a run's inputs are files or folders it read");
            }
        }
        List<PathDigest> outputs = digests(r.outputs(), "outputs");
        RunRecord record =
                draft(stamp(), r, inputs, outputs, new Origin(CAPTURED_BY_TOOL, null, null, null, null, null));
        int size = ResponseBudget.toolResponse(record);
        if (size > ResponseBudget.LIMIT / 2) {
            throw new WorkbenchException(
                    ErrorCode.INPUT_TOO_LARGE,
                    "the run record would take " + size
                            + " bytes to send back; shorten the command, params or note (limit "
                            + ResponseBudget.LIMIT / 2 + ")");
        }
        return write(record);
    }

    public static final String CAPTURED_BY_TOOL = "record-run";
    public static final String CAPTURED_BY_HOOK = "hook";

    /**
     * Where a run's record came from, besides what {@link RunRequest} says.
     *
     * @param omittedOutputs changed files beyond those listed, or null
     */
    public record Origin(
            String capturedBy,
            String agent,
            String sessionId,
            String transcriptPath,
            Boolean failed,
            Integer omittedOutputs) {}

    /**
     * Records a run found by the hooks: its inputs and outputs already described (an output may be
     * {@link PathDigest#DELETED}); {@code r}'s own path lists are not read. A captured run is never lost to its size:
     * while the record would not fit a response, the listed paths are halved (the omitted outputs counted) until none
     * are left, then, one step each, params and metrics are left out, the command is cut to 2,000 characters and the
     * note to 500; what remains after that is written as it is (the environment and git state are the machine's own).
     */
    public RunRecord recordCaptured(RunRequest r, List<PathDigest> inputs, List<PathDigest> outputs, Origin origin) {
        int omitted = origin.omittedOutputs() == null ? 0 : origin.omittedOutputs();
        RunRequest request = r;
        Stamp stamp = stamp();
        for (int step = 0; ; ) {
            Origin o = new Origin(
                    origin.capturedBy(),
                    origin.agent(),
                    origin.sessionId(),
                    origin.transcriptPath(),
                    origin.failed(),
                    omitted == 0 ? null : omitted);
            RunRecord record = draft(stamp, request, inputs, outputs, o);
            if (ResponseBudget.toolResponse(record) <= ResponseBudget.LIMIT / 2) {
                return write(record);
            }
            if (!inputs.isEmpty() || !outputs.isEmpty()) {
                omitted += outputs.size() - outputs.size() / 2;
                inputs = inputs.subList(0, inputs.size() / 2);
                outputs = outputs.subList(0, outputs.size() / 2);
                continue;
            }
            switch (step++) {
                case 0 ->
                    request = new RunRequest(
                            request.command(),
                            request.area(),
                            request.experiment(),
                            request.exitCode(),
                            request.durationMs(),
                            null,
                            null,
                            Map.of(),
                            Map.of(),
                            request.note());
                case 1 ->
                    request = new RunRequest(
                            Check.cut(request.command(), 2000),
                            request.area(),
                            request.experiment(),
                            request.exitCode(),
                            request.durationMs(),
                            null,
                            null,
                            request.params(),
                            request.metrics(),
                            request.note());
                case 2 ->
                    request = new RunRequest(
                            request.command(),
                            request.area(),
                            request.experiment(),
                            request.exitCode(),
                            request.durationMs(),
                            null,
                            null,
                            request.params(),
                            request.metrics(),
                            Check.cut(request.note(), 500));
                default -> {
                    return write(record);
                }
            }
        }
    }

    /** How a metrics pull is marked ({@code capturedBy}). */
    public static final String CAPTURED_BY_COLLECTION = "collect-metrics";

    /**
     * The run of a metrics pull, stamped (id, time, git state, environment) but not written: {@code r} names the
     * command, experiment, duration and params (no paths: the data was read by the source, not from files the run
     * can hash), {@code query} what was sent. Reading git and the environment takes a moment, so the caller stamps
     * the run before its transaction and {@link #write}s it inside.
     */
    public RunRecord queryRun(RunRequest r, RunRecord.Query query) {
        return draft(
                stamp(),
                r,
                List.of(),
                List.of(),
                new Origin(CAPTURED_BY_COLLECTION, null, null, null, null, null),
                query);
    }

    /** A run's id, time, git state and environment: taken once per run. */
    private record Stamp(String id, String now, GitState git, EnvironmentSnapshot environment) {}

    private Stamp stamp() {
        String now = backend.now();
        String id = ID_TIME.format(Instant.parse(now)) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        return new Stamp(id, now, GitProvenance.snapshot(backend.root(), id), Environment.capture(backend.root()));
    }

    private static RunRecord draft(Stamp s, RunRequest r, List<PathDigest> inputs, List<PathDigest> outputs, Origin o) {
        return draft(s, r, inputs, outputs, o, null);
    }

    private static RunRecord draft(
            Stamp s, RunRequest r, List<PathDigest> inputs, List<PathDigest> outputs, Origin o, RunRecord.Query query) {
        return new RunRecord(
                s.id(),
                s.now(),
                r.command(),
                r.area(),
                r.experiment(),
                r.exitCode(),
                r.durationMs(),
                inputs,
                outputs,
                r.params(),
                r.metrics(),
                r.note(),
                o.failed(),
                o.omittedOutputs(),
                o.capturedBy(),
                o.agent(),
                o.sessionId(),
                o.transcriptPath(),
                query,
                s.git(),
                s.environment());
    }

    /**
     * Gives up a run stamped by {@link #queryRun} that will not be written (its store step was refused): its git
     * snapshot, if the tree was dirty, is removed, so nothing is left behind for a run that does not exist.
     */
    public void discard(RunRecord prepared) {
        if (prepared.git() != null && prepared.git().snapshotRef() != null) {
            GitProvenance.forget(backend.root(), prepared.id());
        }
    }

    /** Writes a run record and its activity entry; joins the caller's transaction. */
    public RunRecord write(RunRecord record) {
        return backend.transactions().transaction(() -> {
            records.write(record);
            activity.append(
                    record.recordedAt(),
                    "run.recorded",
                    "Run " + record.id() + ": " + record.summary().command()
                            + (record.exitCode() != null
                                    ? " (exit " + record.exitCode() + ")"
                                    : Boolean.TRUE.equals(record.failed()) ? " (failed)" : "")
                            + (CAPTURED_BY_HOOK.equals(record.capturedBy())
                                    ? ", captured by the " + record.agent() + " hook"
                                    : ""),
                    record.note());
            return record;
        });
    }

    private List<PathDigest> digests(List<String> paths, String field) {
        List<PathDigest> out = new ArrayList<>();
        Path aw = backend.root().resolve(Store.DIR);
        for (int i = 0; i < paths.size(); i++) {
            Path p = RootPaths.resolve(backend.root(), paths.get(i), field + "[" + i + "]");
            if (p.startsWith(aw) || RootPaths.real(p).startsWith(aw)) {
                // its digest would leave out the workbench's files (an existing .aw/ would read as empty) and
                // an output .aw/ would read as "missing" while this very call creates it
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        field + "[" + i + "]: \"" + paths.get(i)
                                + "\" is inside .aw/, the workbench's own state, which a run neither reads nor writes as data; "
                                + "expected a project file or folder outside .aw/");
            }
            out.add(PathDigest.of(backend.root(), p));
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
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, "id: expected a run id such as 20261122-101500-123-0a1b, got " + id);
        }
        return id;
    }

    public RunRecord get(String id) {
        checkId(id);
        return records.read(id)
                .orElseThrow(() -> new WorkbenchException(
                        ErrorCode.NOT_FOUND, "no run \"" + id + "\"; list them with the aw://runs resource"));
    }

    /** The run {@code id}, if there is one. */
    public Optional<RunRecord> find(String id) {
        return records.read(id);
    }

    /** Every readable run, oldest first. */
    public List<RunRecord> all() {
        return records.all();
    }

    public long count() {
        return records.ids().size();
    }

    /** The ids of the stored runs, sorted, from the listing alone (no record is read). */
    public List<String> ids() {
        return records.ids().stream().filter(Runs::isId).toList();
    }
}
