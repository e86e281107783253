package dev.workbench.core.metrics;

import static dev.workbench.core.metrics.CollectionFixture.definitions;
import static dev.workbench.core.metrics.CollectionFixture.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same experiment collected from a real PostgreSQL ({@link TestPostgres}) and from embedded DuckDB: identical
 * aggregates (counts exactly, sums within 1e-9 relative), both equal to the direct computation.
 */
class MetricCollectionPostgresTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final MetricTestData DATA = new MetricTestData(15, 300, MetricTestData.VARIANTS);
    static String url;

    @TempDir
    Path pgRoot;

    @TempDir
    Path duckRoot;

    @BeforeAll
    static void load() {
        url = TestPostgres.freshDatabase();
        DATA.load(url);
    }

    private Workbench postgres() throws Exception {
        Files.createDirectories(pgRoot.resolve(".aw"));
        Files.writeString(pgRoot.resolve(".aw/sources.json"), TestPostgres.sourcesJson("pg", url));
        Workbench wb = new Workbench(pgRoot, Clock.fixed(NOW, ZoneOffset.UTC));
        ObjectNode body = definitions(
                "cta", "pg", CollectionFixture.PG_ASSIGNMENT, CollectionFixture::pgFacts, MetricTestData.VARIANTS);
        body.put("status", "collecting");
        upsert(wb, body);
        return wb;
    }

    @Test
    void givesWhatDuckDbGives_andWhatADirectComputationGives() throws Exception {
        Workbench pg = postgres();
        CollectionResult fromPg = CollectionFixture.collection(pg, pg.sources())
                .collect(new MetricCollection.Request("cta", "2026-11-07", false, null));
        assertThat(fromPg.engine()).isEqualTo("postgresql");

        DATA.writeFiles(duckRoot);
        Workbench duck = new Workbench(duckRoot, Clock.fixed(NOW, ZoneOffset.UTC));
        ObjectNode body = definitions(
                "cta",
                "local",
                CollectionFixture.LOCAL_ASSIGNMENT,
                CollectionFixture::localFacts,
                MetricTestData.VARIANTS);
        body.put("status", "collecting");
        upsert(duck, body);
        CollectionResult fromDuck = CollectionFixture.collection(duck, duck.sources())
                .collect(new MetricCollection.Request("cta", "2026-11-07", false, null));

        Instant cutoff = Instant.parse("2026-11-08T00:00:00Z");
        MetricTestData.Truth truth = DATA.truth(null, cutoff, MetricTestData.VARIANTS);
        JsonNode pgMetrics = pg.experiments().get("cta").inputData().path("metrics");
        JsonNode duckMetrics = duck.experiments().get("cta").inputData().path("metrics");
        CollectionFixture.assertMatches(pgMetrics, truth);
        CollectionFixture.assertMatches(duckMetrics, truth);
        assertThat(fromPg.units()).isEqualTo(fromDuck.units()).isEqualTo(truth.n());
        assertThat(fromPg.multipleVariantUnits()).isEqualTo(fromDuck.multipleVariantUnits());
        assertThat(fromPg.seriesDays()).isEqualTo(fromDuck.seriesDays());
        CollectionFixture.assertSeriesMatches(
                pg.backend().series().latest("cta").orElseThrow(), DATA, null, cutoff, MetricTestData.VARIANTS);
    }

    @Test
    void badSql_isQueryFailed_withPostgresMessage_andNothingChanges() throws Exception {
        Workbench pg = postgres();
        upsert(
                pg,
                "{\"slug\":\"other\",\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\",\"c\"],"
                        + "\"primaryMetricEvent\":\"purchase\",\"observationStart\":\"2026-11-01\","
                        + "\"assignment\":{\"source\":\"pg\",\"sql\":\"SELECT unit_id, variant, exposed_at FROM exposures\"},"
                        + "\"metricDefinitions\":{\"purchase\":{\"sql\":\"SELECT unit_id, at, value FROM missing_table\","
                        + "\"type\":\"binary\"}},\"status\":\"collecting\"}");
        long revision = pg.experiments().get("other").revision();
        Map<String, String> files = CollectionFixture.awFiles(pgRoot);
        assertThatThrownBy(() -> CollectionFixture.collection(pg, pg.sources())
                        .collect(new MetricCollection.Request("other", null, false, null)))
                .hasMessageContaining("missing_table")
                .extracting(e -> ((WorkbenchException) e).code())
                .isEqualTo(ErrorCode.QUERY_FAILED);
        assertThat(pg.experiments().get("other").revision()).isEqualTo(revision);
        assertThat(CollectionFixture.awFiles(pgRoot)).isEqualTo(files);
    }
}
