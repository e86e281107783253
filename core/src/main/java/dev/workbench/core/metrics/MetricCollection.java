package dev.workbench.core.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Contract;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.experiment.MetricDefinition;
import dev.workbench.core.experiment.Status;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import dev.workbench.core.run.Runs;
import dev.workbench.core.store.Backend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code collect-metrics}: computes an experiment's {@code inputData} from its definitions with the one grouped
 * query of {@link CollectionQuery} on the assignment's source (every metric runs there), and stores it as one step:
 * the metrics' data through {@link Experiments#upsert} (so {@code analysisStale} and {@code input_sha256} work as for
 * data typed by hand), the run that records the query, the day-by-day series, an activity entry.
 *
 * <p>The query runs outside the store's lock (it may take minutes); the store step then requires the record to be at
 * the revision that was read (or the one the caller expects), else {@code CONFLICT} and nothing is stored. A draft is
 * refused ({@code NOT_COLLECTING}: its definitions are not frozen, and data seen before the freeze is what the
 * freeze prevents); a dry run on a draft only has the engine compile the query and returns no aggregates.
 */
public final class MetricCollection {
    private final Experiments experiments;
    private final Runs runs;
    private final Backend backend;
    private final ActivityLog activity;
    private final Sources sources;

    public MetricCollection(
            Experiments experiments, Runs runs, Backend backend, ActivityLog activity, Sources sources) {
        this.experiments = experiments;
        this.runs = runs;
        this.backend = backend;
        this.activity = activity;
        this.sources = sources;
    }

    /**
     * @param asOf             the cut-off, see {@link CollectionWindow}; null for the default
     * @param expectedRevision store only if the record is at this revision; null: at the revision read first
     */
    public record Request(String slug, String asOf, boolean dryRun, Long expectedRevision) {
        public Request {
            Check.slug(slug, "slug");
            if (expectedRevision != null) {
                Check.atLeast(expectedRevision, 1, "expectedRevision");
            }
        }
    }

    public CollectionResult collect(Request request) {
        Experiment read = experiments.get(request.slug());
        if (request.expectedRevision() != null && request.expectedRevision() != read.revision()) {
            // the window and the cut-off come from the record read now: aggregates of it cannot go onto another
            throw new WorkbenchException(
                    ErrorCode.CONFLICT,
                    "experiment \"" + read.slug() + "\" is at revision " + read.revision() + ", not "
                            + request.expectedRevision() + "; nothing was queried or stored");
        }
        Contract contract = read.contract();
        requireCollectable(read, request.dryRun());
        CollectionWindow window = CollectionWindow.of(
                read.window(), request.asOf(), backend.clock().instant());
        SqlSource source = sources.source(contract.assignment().source());
        Map<String, MetricDefinition> definitions = contract.metricDefinitions();
        TimeColumns times = TimeColumns.probe(source, contract.assignment(), definitions.values());
        String sql = CollectionQuery.build(
                times,
                source.engine(),
                contract.assignment(),
                definitions,
                window.start(),
                window.end(),
                window.cutoff());
        String sha256 = Sha256.of(sql.getBytes(StandardCharsets.UTF_8));
        String engine = source.engine().name().toLowerCase(Locale.ROOT);
        String asOf = window.cutoff().toString();
        long started = System.nanoTime();
        if (read.status() == Status.DRAFT) {
            QueryResult compiled = source.query(CollectionQuery.compileOnly(sql));
            return new CollectionResult(
                    read.slug(),
                    source.name(),
                    engine,
                    true,
                    asOf,
                    sql,
                    sha256,
                    compiled.rowsScanned(),
                    millisSince(started),
                    null,
                    null,
                    null,
                    null,
                    null,
                    0,
                    read.revision(),
                    "a draft: the engine compiled the query; no aggregates before the contract is frozen "
                            + "(status: collecting)");
        }
        QueryResult result = source.query(sql);
        long durationMs = millisSince(started);
        List<String> variants = contract.variants();
        CollectedSeries series = CollectedSeries.of(result, variants, definitions);
        CollectedSeries.Day totals = series.totals(variants, definitions);
        List<String> empty =
                variants.stream().filter(v -> totals.units().get(v) == 0).toList();
        CollectionResult preview = new CollectionResult(
                read.slug(),
                source.name(),
                engine,
                true,
                asOf,
                sql,
                sha256,
                result.rowsScanned(),
                durationMs,
                null,
                totals.units(),
                series.multiple(),
                empty,
                totals.metrics(),
                series.days().size(),
                read.revision(),
                note(empty, totals));
        if (request.dryRun()) {
            return preview;
        }
        long expected = read.revision();
        RunRecord.Query query = new RunRecord.Query(
                source.name(),
                engine,
                sql,
                sha256,
                result.rowsScanned(),
                result.rows().size(),
                asOf);
        Map<String, JsonNode> params = new LinkedHashMap<>();
        params.put("source", TextNode.valueOf(source.name()));
        params.put("asOf", TextNode.valueOf(asOf));
        RunRecord prepared = runs.queryRun(
                new RunRequest(
                        "collect-metrics " + read.slug(),
                        null,
                        read.slug(),
                        0,
                        durationMs,
                        null,
                        null,
                        params,
                        null,
                        null),
                query);
        try {
            return backend.transactions().transaction(() -> {
                Experiment current = experiments.get(read.slug());
                if (current.revision() != expected) {
                    throw new WorkbenchException(
                            ErrorCode.CONFLICT,
                            "experiment \"" + read.slug() + "\" is at revision " + current.revision() + ", not "
                                    + expected
                                    + " as it was when the query started; nothing was stored. Call collect-metrics again");
                }
                Experiment stored = experiments
                        .upsert(patch(current, definitions, totals, expected))
                        .experiment();
                RunRecord run = runs.write(prepared);
                backend.series().append(read.slug(), new SeriesEntry(run.id(), run.recordedAt(), asOf, series.days()));
                activity.append(
                        run.recordedAt(),
                        "metrics.collected",
                        "Metrics of " + read.slug() + " collected from " + source.name() + " as of " + asOf + " (run "
                                + run.id() + ", " + String.join(", ", definitions.keySet()) + ")",
                        preview.note());
                return preview.stored(run.id(), stored.revision());
            });
        } catch (RuntimeException e) {
            runs.discard(prepared); // a refused store leaves no git snapshot of a run that does not exist
            throw e;
        }
    }

    /**
     * One line of {@code .aw/series/<slug>.jsonl}: a collection's cumulative aggregates for every day on which
     * something changed, the last day being what was written to {@code inputData}.
     */
    public record SeriesEntry(
            String run,
            @JsonProperty("collected_at") String collectedAt,
            @JsonProperty("as_of") String asOf,
            List<CollectedSeries.Day> days) {}

    /**
     * What a reader should know about the numbers, or null: variants without exposures, and metrics no unit had a
     * fact for (all zeros: often a unit_id of another type or format in the facts than in the assignment, which no
     * error would show).
     */
    private static String note(List<String> empty, CollectedSeries.Day totals) {
        List<String> notes = new ArrayList<>();
        if (!empty.isEmpty()) {
            notes.add("no exposure for " + String.join(", ", empty) + ": written with n = 0");
        }
        List<String> factless = new ArrayList<>();
        totals.metrics().forEach((event, variants) -> {
            boolean exposed =
                    variants.values().stream().anyMatch(v -> v.path("n").asLong() > 0);
            boolean anyFact = variants.values().stream()
                    .anyMatch(v -> v.path("k").asDouble() != 0
                            || v.path("sum").asDouble() != 0
                            || v.path("sum_squares").asDouble() != 0);
            if (exposed && !anyFact) {
                factless.add(event);
            }
        });
        if (!factless.isEmpty()) {
            notes.add("no unit has a fact in its window for " + String.join(", ", factless)
                    + " (every value is 0): if that is unexpected, check that the metric's unit_id has the same type"
                    + " and format as the assignment's (123 and 123.0 do not match)");
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static void requireCollectable(Experiment e, boolean dryRun) {
        if (!e.contract().definesData()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "experiment \"" + e.slug() + "\" defines no data to collect: set assignment {source, sql} and "
                            + "metricDefinitions {event: {sql, type}} with upsert-experiment (before it starts collecting)");
        }
        if (e.status() == Status.DRAFT && !dryRun) {
            throw new WorkbenchException(
                    ErrorCode.NOT_COLLECTING,
                    "experiment \"" + e.slug() + "\" is a draft: its definitions are not frozen yet. Set status: "
                            + "collecting first (upsert-experiment); a dryRun checks the query without reading data");
        }
        if ((e.status() == Status.DECIDED || e.status() == Status.ARCHIVED) && !dryRun) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_TRANSITION,
                    "experiment \"" + e.slug() + "\" is " + e.status().wireName()
                            + "; its data is what the decision rests on. Use dryRun to compute without storing");
        }
    }

    /**
     * The upsert that writes the defined metrics: each one's entry replaced as a whole (a JSON Merge Patch that also
     * removes what the old entry had and the new one has not), other metrics left as they are.
     */
    private static ExperimentPatch patch(
            Experiment current, Map<String, MetricDefinition> definitions, CollectedSeries.Day totals, long revision) {
        ObjectNode metrics = Json.mapper().createObjectNode();
        JsonNode old = current.inputData() == null ? null : current.inputData().path("metrics");
        definitions.forEach((event, d) -> {
            ObjectNode fresh = Json.mapper().createObjectNode();
            totals.metrics().get(event).forEach(fresh::set);
            if (d.lowerIsBetter()) {
                fresh.put("inverse", true);
            }
            metrics.set(event, replacing(old == null ? null : old.get(event), fresh));
        });
        ObjectNode patch = Json.mapper().createObjectNode();
        patch.put("slug", current.slug());
        patch.put("expectedRevision", revision);
        patch.putObject("inputData").set("metrics", metrics);
        return Json.mapper().convertValue(patch, ExperimentPatch.class);
    }

    /** A merge patch that turns {@code old} into {@code fresh}: fresh's fields, and null for each field it lacks. */
    static JsonNode replacing(JsonNode old, JsonNode fresh) {
        if (old == null || !old.isObject() || !fresh.isObject()) {
            return fresh;
        }
        ObjectNode out = Json.mapper().createObjectNode();
        fresh.properties().forEach(f -> out.set(f.getKey(), replacing(old.get(f.getKey()), f.getValue())));
        old.properties().forEach(f -> {
            if (!fresh.has(f.getKey())) {
                out.putNull(f.getKey());
            }
        });
        return out;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
