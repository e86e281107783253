package dev.workbench.core.metrics;

import static dev.workbench.core.metrics.CollectionFixture.LOCAL_ASSIGNMENT;
import static dev.workbench.core.metrics.CollectionFixture.awFiles;
import static dev.workbench.core.metrics.CollectionFixture.definitions;
import static dev.workbench.core.metrics.CollectionFixture.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.program.ClaimInput;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.run.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** collect-metrics on embedded DuckDB over generated CSV and Parquet, against a direct computation. */
class MetricCollectionTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path root;

    Workbench wb;
    MetricTestData data;
    MetricCollection collection;

    @BeforeEach
    void setUp() throws Exception {
        wb = new Workbench(root, Clock.fixed(NOW, ZoneOffset.UTC));
        data = new MetricTestData(14, 400, MetricTestData.VARIANTS);
        data.writeFiles(root);
        collection = CollectionFixture.collection(wb, wb.sources());
    }

    private Experiment collecting(String slug, List<String> variants) {
        ObjectNode body = definitions(slug, "local", LOCAL_ASSIGNMENT, CollectionFixture::localFacts, variants);
        body.put("status", "collecting");
        return upsert(wb, body);
    }

    private CollectionResult collect(String slug, String asOf, boolean dryRun) {
        return collection.collect(new MetricCollection.Request(slug, asOf, dryRun, null));
    }

    @Test
    void writesWhatADirectComputationGives_andEachDayOfTheSeriesToo() {
        Experiment before = collecting("cta", MetricTestData.VARIANTS);
        CollectionResult r = collect("cta", "2026-11-06T15:30:00Z", false);
        Instant cutoff = Instant.parse("2026-11-06T15:30:00Z");
        MetricTestData.Truth truth = data.truth(null, cutoff, MetricTestData.VARIANTS);

        Experiment after = wb.experiments().get("cta");
        assertThat(after.revision()).isEqualTo(before.revision() + 1);
        assertThat(r.revision()).isEqualTo(after.revision());
        JsonNode metrics = after.inputData().path("metrics");
        CollectionFixture.assertMatches(metrics, truth);
        assertThat(metrics.path("basket").path("inverse").asBoolean()).isTrue();
        assertThat(metrics.path("purchase").has("inverse")).isFalse();
        assertThat(r.units()).isEqualTo(truth.n());
        assertThat(r.multipleVariantUnits()).isEqualTo(truth.multiple());
        assertThat(truth.multiple().values().stream().mapToLong(Long::longValue).sum())
                .isPositive();
        assertThat(r.asOf()).isEqualTo("2026-11-06T15:30:00Z");
        assertThat(r.emptyVariants()).isEmpty();

        JsonNode series = wb.backend().series().latest("cta").orElseThrow();
        assertThat(series.path("run").asText()).isEqualTo(r.run());
        assertThat(series.path("as_of").asText()).isEqualTo(r.asOf());
        CollectionFixture.assertSeriesMatches(series, data, null, cutoff, MetricTestData.VARIANTS);
        JsonNode days = series.path("days");
        assertThat(days.get(days.size() - 1).path("metrics").toString())
                .isEqualTo(Json.toTree(r.metrics()).toString());
        assertThat(r.seriesDays()).isEqualTo(days.size());

        RunRecord run = wb.runs().get(r.run());
        assertThat(run.capturedBy()).isEqualTo("collect-metrics");
        assertThat(run.command()).isEqualTo("collect-metrics cta");
        assertThat(run.experiment()).isEqualTo("cta");
        assertThat(run.query().sql()).isEqualTo(r.sql());
        assertThat(run.query().sha256()).isEqualTo(r.querySha256()).hasSize(64);
        assertThat(run.query().engine()).isEqualTo("duckdb");
        assertThat(run.query().rowsScanned()).isPositive();
        assertThat(run.params().get("asOf").asText()).isEqualTo(r.asOf());
        assertThat(wb.activity().recent(5).stream().map(e -> e.type())).contains("metrics.collected");
    }

    @Test
    void withoutAsOf_theCutOffIsTheEndOfObservationEnd_andExposuresAfterItDoNotCount() {
        collecting("cta", MetricTestData.VARIANTS);
        upsert(wb, "{\"slug\":\"cta\",\"observationEnd\":\"2026-11-04\"}");
        CollectionResult r = collect("cta", null, false);
        Instant end = Instant.parse("2026-11-05T00:00:00Z");
        assertThat(r.asOf()).isEqualTo(end.toString());
        CollectionFixture.assertMatches(
                wb.experiments().get("cta").inputData().path("metrics"), data.truth(end, end, MetricTestData.VARIANTS));
    }

    @Test
    void aDateAsOf_meansTheEndOfThatDay_andACutOffInTheFutureIsNow() {
        collecting("cta", MetricTestData.VARIANTS);
        assertThat(collect("cta", "2026-11-03", true).asOf()).isEqualTo("2026-11-04T00:00:00Z");
        assertThat(collect("cta", "2027-01-01T00:00:00Z", true).asOf()).isEqualTo(NOW.toString());
        assertThatThrownBy(() -> collect("cta", "2026-10-01", true))
                .hasMessageContaining("asOf")
                .extracting(e -> ((WorkbenchException) e).code())
                .isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void replacesTheDefinedMetricsWhole_andLeavesHandWrittenOnesAlone() {
        collecting("cta", MetricTestData.VARIANTS);
        upsert(wb, """
                {"slug":"cta","inputData":{"metrics":{
                  "signup":{"a":{"n":10,"k":2},"b":{"n":10,"k":3}},
                  "revenue":{"a":{"n":5,"mean":1.0,"variance":2.0},"b":{"n":5,"mean":1.0,"variance":2.0},
                             "c":{"n":5,"mean":1.0,"variance":2.0},"inverse":true}}}}""");
        collect("cta", null, false);
        JsonNode metrics = wb.experiments().get("cta").inputData().path("metrics");
        assertThat(metrics.path("signup"))
                .isEqualTo(Json.toTree(Map.of("a", Map.of("n", 10, "k", 2), "b", Map.of("n", 10, "k", 3))));
        assertThat(metrics.path("revenue").path("a").has("mean")).isFalse();
        assertThat(metrics.path("revenue").has("inverse")).isFalse();
        CollectionFixture.assertMatches(metrics, data.truth(null, NOW, MetricTestData.VARIANTS));
        assertThat(wb.experiments().get("cta").analysisStale()).isNull();
    }

    @Test
    void aDryRun_returnsTheAggregates_andStoresNothing() throws Exception {
        collecting("cta", MetricTestData.VARIANTS);
        Map<String, String> before = awFiles(root);
        CollectionResult r = collect("cta", null, true);
        assertThat(awFiles(root)).isEqualTo(before);
        assertThat(r.run()).isNull();
        assertThat(r.dryRun()).isTrue();
        CollectionFixture.assertMatches(Json.toTree(r.metrics()), data.truth(null, NOW, MetricTestData.VARIANTS));
    }

    @Test
    void aDraft_isRefused_butADryRunCompilesTheQuery_withoutAggregates() throws Exception {
        upsert(
                wb,
                definitions("cta", "local", LOCAL_ASSIGNMENT, CollectionFixture::localFacts, MetricTestData.VARIANTS));
        Map<String, String> before = awFiles(root);
        assertThatThrownBy(() -> collect("cta", null, false))
                .extracting(e -> ((WorkbenchException) e).code())
                .isEqualTo(ErrorCode.NOT_COLLECTING);
        CollectionResult r = collect("cta", null, true);
        assertThat(r.sql()).contains("units AS (");
        assertThat(r.metrics()).isNull();
        assertThat(r.units()).isNull();
        assertThat(awFiles(root)).isEqualTo(before);

        upsert(
                wb,
                "{\"slug\":\"cta\",\"metricDefinitions\":{\"purchase\":{\"sql\":\"SELECT nope FROM read_parquet('data/facts.parquet')\",\"type\":\"binary\"}}}");
        assertThatThrownBy(() -> collect("cta", null, true))
                .extracting(e -> ((WorkbenchException) e).code())
                .isEqualTo(ErrorCode.QUERY_FAILED);
    }

    @Test
    void withoutDefinitions_saysToSetThem() {
        upsert(wb, "{\"slug\":\"cta\",\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\"]}");
        assertThatThrownBy(() -> collect("cta", null, true))
                .hasMessageContaining("assignment")
                .hasMessageContaining("metricDefinitions")
                .extracting(e -> ((WorkbenchException) e).code())
                .isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void badSql_isQueryFailed_withTheEnginesMessage_andNothingChanges() throws Exception {
        ObjectNode body =
                definitions("cta", "local", LOCAL_ASSIGNMENT, CollectionFixture::localFacts, MetricTestData.VARIANTS);
        ((ObjectNode) body.path("metricDefinitions").path("visit")).put("sql", "SELECT unit_id, at FROM no_such_table");
        body.put("status", "collecting");
        Experiment before = upsert(wb, body);
        Map<String, String> files = awFiles(root);
        assertThatThrownBy(() -> collect("cta", null, false))
                .hasMessageContaining("no_such_table")
                .extracting(e -> ((WorkbenchException) e).code())
                .isEqualTo(ErrorCode.QUERY_FAILED);
        assertThat(wb.experiments().get("cta").revision()).isEqualTo(before.revision());
        assertThat(awFiles(root)).isEqualTo(files);
    }

    @Test
    void aSourceThatIsDown_isSourceUnavailable_andNothingChanges() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        Files.writeString(
                root.resolve(".aw/sources.json"),
                "{\"sources\": {\"warehouse\": {\"url\": \"jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2\"}}}");
        ObjectNode body = definitions(
                "cta",
                "warehouse",
                CollectionFixture.PG_ASSIGNMENT,
                CollectionFixture::pgFacts,
                MetricTestData.VARIANTS);
        body.put("status", "collecting");
        upsert(wb, body);
        Map<String, String> files = awFiles(root);
        assertThatThrownBy(() -> collect("cta", null, false))
                .extracting(e -> ((WorkbenchException) e).code())
                .isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        assertThat(awFiles(root)).isEqualTo(files);
    }

    @Test
    void aVariantTheRecordDoesNotHave_isUnknownVariant_andNothingIsStored() throws Exception {
        collecting("cta", List.of("a", "b")); // the data also has c
        Map<String, String> files = awFiles(root);
        assertThatThrownBy(() -> collect("cta", null, false))
                .hasMessageContaining("\"c\"")
                .extracting(e -> ((WorkbenchException) e).code())
                .isEqualTo(ErrorCode.UNKNOWN_VARIANT);
        assertThat(awFiles(root)).isEqualTo(files);
    }

    @Test
    void factsWhoseUnitIdsMatchNoUnit_areZeros_andTheNoteSaysWhatToCheck() {
        ObjectNode body = definitions(
                "cta",
                "local",
                LOCAL_ASSIGNMENT,
                event -> "SELECT CAST(unit_id AS VARCHAR) || '.0' AS unit_id, \"at\", value"
                        + " FROM read_parquet('data/facts.parquet') WHERE event = '" + event + "'",
                MetricTestData.VARIANTS);
        body.put("status", "collecting");
        upsert(wb, body);
        CollectionResult r = collect("cta", null, false);
        assertThat(r.note())
                .contains("no unit has a fact in its window for")
                .contains("purchase")
                .contains("same type and format");
        assertThat(collect("cta", null, true).note()).contains("purchase");
    }

    @Test
    void aRecordVariantWithoutExposures_isWrittenWithNZero_andSaidSo() {
        collecting("cta", List.of("a", "b", "c", "d"));
        CollectionResult r = collect("cta", null, false);
        assertThat(r.emptyVariants()).containsExactly("d");
        assertThat(r.note()).contains("d");
        JsonNode d = wb.experiments()
                .get("cta")
                .inputData()
                .path("metrics")
                .path("purchase")
                .path("d");
        assertThat(d.path("n").asLong()).isZero();
        assertThat(d.path("k").asLong()).isZero();
    }

    @Test
    void aWriteBetweenTheQueryAndTheStore_isConflict_andNothingIsStored() throws Exception {
        // in a git work tree with untracked files, so that stamping the run snapshots the tree under refs/aw/runs/
        org.eclipse.jgit.api.Git.init().setDirectory(root.toFile()).call().close();
        collecting("cta", MetricTestData.VARIANTS);
        Sources meddling = new Sources() {
            @Override
            public SqlSource source(String name) {
                SqlSource real = wb.sources().source(name);
                return new SqlSource() {
                    @Override
                    public String name() {
                        return real.name();
                    }

                    @Override
                    public Engine engine() {
                        return real.engine();
                    }

                    @Override
                    public QueryResult query(String sql) {
                        QueryResult result = real.query(sql);
                        wb.claims()
                                .upsert(
                                        new ClaimInput("query-race", "written while the query ran", null, null, null),
                                        HumanApproval.NONE,
                                        null);
                        upsert(wb, "{\"slug\":\"cta\",\"claim\":\"query-race\"}");
                        return result;
                    }
                };
            }

            @Override
            public List<String> names() {
                return wb.sources().names();
            }
        };
        long revision = wb.experiments().get("cta").revision();
        assertThatThrownBy(() -> CollectionFixture.collection(wb, meddling)
                        .collect(new MetricCollection.Request("cta", null, false, null)))
                .extracting(e -> ((WorkbenchException) e).code())
                .isEqualTo(ErrorCode.CONFLICT);
        Experiment now = wb.experiments().get("cta");
        assertThat(now.revision()).isEqualTo(revision + 1);
        assertThat(now.inputData()).isNull();
        assertThat(wb.backend().series().count("cta")).isZero();
        assertThat(wb.runs().count()).isZero();
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(root.toFile())) {
            assertThat(git.getRepository().getRefDatabase().getRefsByPrefix("refs/aw/runs/"))
                    .as("the refused run's snapshot is removed")
                    .isEmpty();
        }
    }

    @Test
    void anExpectedRevisionThatIsNotTheRecords_isConflict_beforeAnyQuery() {
        Experiment e = collecting("cta", MetricTestData.VARIANTS);
        assertThatThrownBy(() -> collection.collect(new MetricCollection.Request("cta", null, false, e.revision() + 5)))
                .extracting(x -> ((WorkbenchException) x).code())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThatThrownBy(() -> collection.collect(new MetricCollection.Request("cta", null, false, e.revision() + 1)))
                .hasMessageContaining("nothing was queried or stored");
        assertThat(collection
                        .collect(new MetricCollection.Request("cta", null, false, e.revision()))
                        .revision())
                .isEqualTo(e.revision() + 1);
    }
}
