package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.run.RunRecord;
import dev.workbench.resources.RunComparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsViewTest {
    @TempDir
    Path root;

    RunsFixture f;

    @BeforeEach
    void setUp() {
        f = new RunsFixture(root);
    }

    /** A sweep over window (3 runs) with a constant horizon and an optimizer given as text. */
    private List<RunRecord> sweep() {
        List<RunRecord> runs = new ArrayList<>();
        runs.add(f.run(
                1,
                "model",
                RunsFixture.ordered("window", 7, "horizon", 1, "opt", "adam"),
                RunsFixture.ordered("rmse", 2.25, "mae", 1.5)));
        runs.add(f.run(
                2,
                "model",
                RunsFixture.ordered("window", 14, "horizon", 1, "opt", "sgd"),
                RunsFixture.ordered("rmse", 2.5, "mae", 1.25)));
        runs.add(f.run(
                3,
                "model",
                RunsFixture.ordered("window", 3, "horizon", 1, "opt", "adam"),
                RunsFixture.ordered("rmse", 3.125)));
        return runs;
    }

    @Test
    void table_oneRowPerRunNewestFirst_paramsAndMetricsAsColumns_constantParamSaidOnce() {
        List<RunRecord> runs = sweep();

        Document doc = f.page("/runs", RunsFixture.served(Map.of()));

        Element table = doc.selectFirst("table[data-test=runs-table]");
        assertThat(table.id()).isEqualTo("runs-table");
        assertThat(table.select("th button[data-sort]").eachText())
                .containsExactly(
                        "Run",
                        "When",
                        "Area",
                        "Experiment",
                        "Command",
                        "Status",
                        "Duration",
                        "window",
                        "opt",
                        "rmse",
                        "mae");
        List<Element> rows = table.select("tr[data-test=run-row]");
        assertThat(rows)
                .extracting(r -> r.attr("data-run-id"))
                .containsExactly(runs.get(2).id(), runs.get(1).id(), runs.get(0).id());
        for (int i = 0; i < 3; i++) {
            RunRecord run = runs.get(2 - i);
            Element row = rows.get(i);
            assertThat(row.selectFirst("td a").attr("href")).isEqualTo("/runs/" + run.id());
            assertThat(row.selectFirst("td[data-param=window]").attr("data-value"))
                    .isEqualTo(run.params().get("window").asText());
            assertThat(row.selectFirst("td[data-param=opt]").text())
                    .isEqualTo(run.params().get("opt").asText());
            assertThat(row.selectFirst("td[data-metric=rmse]").attr("data-value"))
                    .isEqualTo(RunComparison.number(run.metrics().get("rmse")));
            assertThat(row.select("td").get(5).text()).isEqualTo("exit " + run.exitCode());
        }
        assertThat(rows.get(0).selectFirst("td[data-metric=mae]").text()).isEmpty();
        assertThat(doc.selectFirst("[data-test=runs-constant]").text()).isEqualTo("Same in all 3 runs: horizon = 1");
        assertThat(doc.selectFirst("[data-test=runs-count]").text()).isEqualTo("3 runs.");
    }

    @Test
    void limit_readsOnlyTheNewestRecords_andSaysHowManyOfAll() {
        for (int n = 1; n <= 205; n++) {
            f.run(n, n % 2 == 0 ? "even" : "odd", Map.of("n", n), Map.of("score", n / 10.0));
        }

        Document byDefault = f.page("/runs", RunsFixture.served(Map.of()));
        assertThat(byDefault.select("tr[data-test=run-row]")).hasSize(RunsView.DEFAULT_LIMIT);
        assertThat(byDefault.selectFirst("tr[data-test=run-row]").attr("data-run-id"))
                .isEqualTo(String.format("20260301-%06d-000-%04x", 205, 205));
        assertThat(byDefault.selectFirst("[data-test=runs-count]").text()).startsWith("200 of 205 runs");

        Document three = f.page("/runs", RunsFixture.served(Map.of("limit", "3")));
        assertThat(three.select("tr[data-test=run-row] td[data-param=n]").eachText())
                .containsExactly("205", "204", "203");
        assertThat(three.selectFirst("[data-test=runs-count]").text()).startsWith("3 of 205 runs");

        Document all = f.page("/runs", RunsFixture.served(Map.of("limit", "5000")));
        assertThat(all.select("tr[data-test=run-row]")).hasSize(205);
        assertThat(all.selectFirst("[data-test=runs-count]").text()).isEqualTo("205 runs.");

        Document even = f.page("/runs", RunsFixture.served(Map.of("area", "even", "limit", "4")));
        assertThat(even.select("tr[data-test=run-row] td[data-param=n]").eachText())
                .containsExactly("204", "202", "200", "198");
        assertThat(even.selectFirst("[data-test=runs-count]").text())
                .isEqualTo("4 runs of area even among the newest 8 of 205 runs.");
    }

    @Test
    void chart_defaultPairIsTheFirstMetricAndTheFirstParamThatVaries_pointsAreTheRuns() {
        List<RunRecord> runs = sweep();

        Document doc = f.page("/runs", RunsFixture.served(Map.of()));

        Element chart = doc.selectFirst("[data-test=runs-chart]");
        Element form = chart.selectFirst("form");
        assertThat(form.attr("method")).isEqualTo("get");
        assertThat(form.attr("action")).isEqualTo("/runs");
        assertThat(chart.select("[data-test=chart-metric] option").eachAttr("value"))
                .containsExactly("rmse", "mae");
        assertThat(chart.selectFirst("[data-test=chart-metric] option[selected]")
                        .val())
                .isEqualTo("rmse");
        assertThat(chart.select("[data-test=chart-param] option").eachAttr("value"))
                .containsExactly("window", "horizon", "opt");
        assertThat(chart.selectFirst("[data-test=chart-param] option[selected]").val())
                .isEqualTo("window");
        // by window: 3, 7, 14
        List<Element> points = chart.select("tr[data-test=chart-point]");
        assertThat(points)
                .extracting(p -> p.attr("data-run-id"))
                .containsExactly(runs.get(2).id(), runs.get(0).id(), runs.get(1).id());
        assertThat(points)
                .extracting(p -> p.child(1).text() + " " + p.child(2).text())
                .containsExactly("3 3.125", "7 2.25", "14 2.5");
        assertThat(chart.select("svg circle title").eachText())
                .contains("run " + runs.get(0).id() + ": window = 7, rmse = 2.25");
    }

    @Test
    void chart_ofTheChosenPair_textParamAsCategories_runsWithoutTheMetricLeftOutAndCounted() {
        List<RunRecord> runs = sweep();

        Document doc = f.page("/runs", RunsFixture.served(Map.of("metric", "mae", "param", "opt")));

        Element chart = doc.selectFirst("[data-test=chart]");
        assertThat(chart.attr("data-metric")).isEqualTo("mae");
        assertThat(chart.attr("data-param")).isEqualTo("opt");
        assertThat(chart.select("tr[data-test=chart-point]"))
                .extracting(p -> p.attr("data-run-id") + " " + p.child(1).text() + " "
                        + p.child(2).text())
                .containsExactly(runs.get(0).id() + " adam 1.5", runs.get(1).id() + " sgd 1.25");
        assertThat(chart.select("svg circle")).hasSize(2);
        assertThat(chart.select("svg text").eachText()).contains("adam", "sgd");
        assertThat(chart.selectFirst("figcaption").text())
                .contains("opt as categories", "1 run has no opt or no mae and is left out");
    }

    @Test
    void report_hasNoForm_andChartsTheDefaultPairFirstThenOthers_capped() {
        f.run(
                1,
                null,
                RunsFixture.ordered("a", 1, "b", 2, "c", "x", "d", 1),
                RunsFixture.ordered("m1", 1.0, "m2", 2.0, "m3", 3.0));
        f.run(
                2,
                null,
                RunsFixture.ordered("a", 2, "b", 3, "c", "y", "d", 2),
                RunsFixture.ordered("m1", 1.5, "m2", 2.5, "m3", 3.5));

        Document doc = f.page("/runs", PageRequest.report());

        assertThat(doc.select("form")).isEmpty();
        List<Element> charts = doc.select("[data-test=chart]");
        assertThat(charts).hasSize(RunsView.REPORT_CHARTS);
        assertThat(charts.get(0).attr("data-metric") + " " + charts.get(0).attr("data-param"))
                .isEqualTo("m1 a");
        assertThat(doc.selectFirst("[data-test=runs-chart]").text()).contains("8 more pairs");
        assertThat(doc.selectFirst("tr[data-test=run-row] td a").attr("href")).startsWith("#run-");
    }

    @Test
    void unknownOrMalformedRunId_isNoPage() {
        sweep();

        assertThat(f.dashboard.page("/runs/20990101-000000-000-ffff", RunsFixture.served(Map.of())))
                .isEmpty();
        assertThat(f.dashboard.page("/runs/../etc", RunsFixture.served(Map.of())))
                .isEmpty();
        assertThat(f.dashboard.page("/runs/a/b", RunsFixture.served(Map.of()))).isEmpty();
    }

    @Test
    void markupInAParamOrACommand_isShownAsText() {
        f.run(1, null, Map.of("label", "<script>alert(1)</script>"), Map.of("m", 1.0));
        f.run(2, null, Map.of("label", "<b>bold</b>"), Map.of("m", 2.0));

        Document doc = f.page("/runs", RunsFixture.served(Map.of()));

        assertThat(doc.select("script, b")).isEmpty();
        assertThat(doc.select("td[data-param=label]").eachText())
                .containsExactly("<b>bold</b>", "<script>alert(1)</script>");
    }

    @Test
    void noRuns_saysSo() {
        Document doc = f.page("/runs", RunsFixture.served(Map.of()));

        assertThat(doc.select("[data-test=runs-empty]")).hasSize(1);
        assertThat(doc.select("table")).isEmpty();
    }
}
