package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.program.CleanResultFormat;
import dev.workbench.core.project.Mode;
import dev.workbench.core.project.ProjectUpdate;
import dev.workbench.core.review.StageState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverviewViewTest {
    @TempDir
    Path root;

    ReviewFixture f;

    @BeforeEach
    void setUp() {
        f = new ReviewFixture(root);
    }

    Document overview() {
        Page page = new Dashboard(f.wb)
                .page("/", new PageRequest(Map.of(), Links.SERVED, "token"))
                .orElseThrow();
        assertThat(page.view()).isEqualTo("overview");
        Document doc = ReviewFixture.parse(page);
        PageChecks.idsUnique(doc);
        return doc;
    }

    @Test
    void areas_showTheirMode_theirReviewState_andWhyAStaleOneIsStale() {
        f.area("cleaning", Mode.EXPLORE, "data/clean.csv");
        f.area("framing", Mode.PROBE, null);
        f.reviewedArea("cleaning", "data/clean.csv", "clean enough");
        f.reviewedArea("model", "out/model.csv", "fits");
        f.write("out/model.csv", "changed after the review\n");
        String reason = f.wb.stages().status("model").staleReason();
        assertThat(reason).isNotBlank();

        Element areas = overview().selectFirst("[data-test=areas]");
        assertThat(areas.select("[data-test=area]").eachAttr("data-area"))
                .containsExactly("cleaning", "framing", "model");
        Element cleaning = areas.selectFirst("[data-area=cleaning]");
        assertThat(cleaning.attr("data-state")).isEqualTo("REVIEWED");
        assertThat(cleaning.text()).contains("explore").contains("data/clean.csv");
        assertThat(areas.selectFirst("[data-area=framing]").attr("data-state")).isEqualTo("none");
        Element model = areas.selectFirst("[data-area=model]");
        assertThat(model.attr("data-state")).isEqualTo(StageState.STALE.name());
        assertThat(model.selectFirst("[data-test=stale-reason]").text()).isEqualTo(reason);
    }

    @Test
    void experiments_areGroupedByStatus_withTheVerdictAndChanceToWinAsStored_andAStaleAnalysisMarked() {
        f.experiment("cta", true);
        f.experiment("forms", false);
        f.experiment("stale-one", true);
        f.wb.experiments()
                .upsert(ReviewFixture.patch("{\"slug\":\"stale-one\",\"inputData\":"
                        + ReviewFixture.CLICK_DATA.replace("283", "300") + "}"));
        Experiment cta = f.wb.experiments().get("cta");
        String verdict = cta.analysisResult().at("/primary_metric/verdict").asText();
        double chance = cta.analysisResult()
                .at("/primary_metric/comparisons/0/chance_to_win")
                .asDouble();

        Element experiments = overview().selectFirst("[data-test=experiments]");
        Element row = experiments.selectFirst("[data-test=experiment][data-slug=cta]");
        assertThat(row.attr("data-status")).isEqualTo(cta.status().wireName()).isEqualTo("analyzing");
        assertThat(row.selectFirst("[data-test=verdict]").text()).startsWith(verdict);
        assertThat(row.text()).contains("chance to win " + CleanResultFormat.percent(chance));
        assertThat(row.selectFirst("a").attr("href")).isEqualTo("/experiments/cta");
        assertThat(row.select("[data-test=analysis-stale]")).isEmpty();
        assertThat(experiments.selectFirst("[data-slug=forms]").attr("data-status"))
                .isEqualTo("collecting");
        assertThat(experiments
                        .selectFirst("[data-slug=forms] [data-test=verdict]")
                        .text())
                .isEqualTo("not analysed");
        assertThat(f.wb.experiments().get("stale-one").analysisStale()).isTrue();
        assertThat(experiments.select("[data-slug=stale-one] [data-test=analysis-stale]"))
                .hasSize(1);
        assertThat(experiments.select("h3").eachText()).containsExactly("analyzing (2)", "collecting (1)");
        Element claim = overview().selectFirst("[data-test=claims] [data-test=claim][data-slug=shorter-forms]");
        assertThat(claim.attr("data-status")).isEqualTo("open");
        assertThat(claim.text()).contains("Shorter forms convert better").endsWith("3");
    }

    @Test
    void severalTreatments_theVerdictsAdjustedPValueIsShown_notTheRawOne() throws Exception {
        java.nio.file.Files.createDirectories(root.resolve("multi"));
        ExperimentFixture fx = new ExperimentFixture(root.resolve("multi"), "2026-11-22");
        fx.upsert("{\"slug\":\"arms\",\"method\":\"frequentist\",\"hypothesis\":\"h\","
                + "\"primaryMetricEvent\":\"click\",\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\",\"c\"],"
                + "\"observationStart\":\"2026-11-01\"}");
        fx.data(
                "arms",
                "{\"metrics\":{\"click\":{\"a\":{\"n\":2000,\"k\":200},\"b\":{\"n\":2000,\"k\":240},"
                        + "\"c\":{\"n\":2000,\"k\":215}}}}");
        fx.analysis.frequentist(
                new dev.workbench.core.experiment.ExperimentAnalysis.Target("arms", null, false, null),
                dev.workbench.core.stats.FrequentistAnalysis.Options.of(null, null, null, "holm"));
        com.fasterxml.jackson.databind.JsonNode b = fx.stored("arms").at("/primary_metric/comparisons/0");
        assertThat(b.has("p_value_adjusted")).isTrue();
        Double adjusted = b.path("p_value_adjusted").asDouble();
        assertThat(CleanResultFormat.pValue(adjusted))
                .isNotEqualTo(CleanResultFormat.pValue(b.path("p_value").asDouble()));

        Page page = new Dashboard(fx.wb)
                .page("/", new PageRequest(Map.of(), Links.SERVED, "token"))
                .orElseThrow();
        Element row = ReviewFixture.parse(page).selectFirst("[data-test=experiment][data-slug=arms]");

        assertThat(row.text()).contains("b ").contains("adjusted p " + CleanResultFormat.pValue(adjusted));
    }

    @Test
    void latestRuns_areTheNewestFew_andThePageSaysTheListIsCut() {
        for (int i = 0; i < OverviewView.LATEST + 2; i++) {
            f.run("python3 step" + i + ".py", null);
        }
        List<String> ids = f.wb.runs().ids();
        Element runs = overview().selectFirst("[data-test=runs]");
        List<String> shown = runs.select("[data-test=run]").eachAttr("data-id");
        assertThat(shown).hasSize(OverviewView.LATEST);
        assertThat(shown.get(0)).isEqualTo(ids.get(ids.size() - 1));
        assertThat(shown).doesNotContain(ids.get(0), ids.get(1));
        assertThat(overview().selectFirst("[data-test=runs-cut]").text())
                .contains(OverviewView.LATEST + " newest of " + ids.size() + " runs");
        assertThat(overview().selectFirst("[data-test=card-runs] .value").text())
                .isEqualTo("" + ids.size());
    }

    @Test
    void anUnreadableRun_isListedByItsIdWithoutALink() throws Exception {
        f.run("python3 step.py", null);
        String id = f.wb.runs().ids().get(0);
        java.nio.file.Files.writeString(root.resolve(".aw/runs/" + id + ".json"), "{not json");

        Element row = overview().selectFirst("[data-test=run][data-id=" + id + "]");

        assertThat(row.text()).contains(id, "cannot be read");
        assertThat(row.select("a")).isEmpty();
    }

    @Test
    void checkpointsAndActivity_areListed_newestFirst() {
        f.write("data/a.csv", "x\n1\n");
        f.wb.checkpoints().create(List.of("data"), "first", "before cleaning");
        f.wb.checkpoints().create(List.of("data"), "second", null);
        List<String> names = f.wb.checkpoints().names();
        assertThat(names).hasSize(2);
        Document page = overview();
        assertThat(page.select("[data-test=checkpoints] [data-test=checkpoint]").eachAttr("data-name"))
                .containsExactly(names.get(1), names.get(0));
        assertThat(page.selectFirst("[data-test=activity] [data-test=activity-entry]")
                        .text())
                .contains(f.wb.activity().recent(1).get(0).title());
    }

    @Test
    void markupInStoredText_showsAsText() {
        f.wb.project()
                .update(new ProjectUpdate(
                        "<b>Checkout</b>",
                        null,
                        null,
                        null,
                        null,
                        null,
                        new ProjectUpdate.Activity("note.added", "<script>alert(1)</script>", "<img src=x>"),
                        null));
        Document page = overview();
        assertThat(page.select("script, img, b")).isEmpty();
        assertThat(page.selectFirst("h1").text()).isEqualTo("<b>Checkout</b>");
        assertThat(page.selectFirst("[data-test=activity]").text()).contains("<script>alert(1)</script>");
    }

    @Test
    void anAddressBelowTheOverview_isNotFound() {
        assertThat(new Dashboard(f.wb).page("/nothing-here", PageRequest.report()))
                .isEmpty();
        assertThat(new OverviewView(f.wb).render("x", PageRequest.report())).isEmpty();
    }
}
