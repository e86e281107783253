package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.program.CleanResultFormat;
import dev.workbench.core.program.HoldoutReport;
import dev.workbench.core.program.HoldoutRequest;
import dev.workbench.core.program.SeedHoldoutSeries;
import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launched experiment's holdout on its view: the seed's decaying series (SeedHoldoutSeries) analysed at two of its
 * three checkpoints, read back as analyze-holdout reports it; and the checkpoints' place in the program.
 */
class ExperimentHoldoutViewTest {
    @TempDir
    Path root;

    @Test
    void launchedExperiment_showsEachCheckpointsLiftAndTheTrendWithItsReason() {
        ExperimentFixture fx = new ExperimentFixture(root, "2026-05-20");
        SeedHoldoutSeries.Series s = SeedHoldoutSeries.DECAYS;
        fx.upsert("{\"slug\":\"checkout\",\"method\":\"bayesian_ab\",\"hypothesis\":\"h\","
                + "\"primaryMetricEvent\":\"purchase\",\"controlVariant\":\"control\","
                + "\"treatmentVariants\":[\"shipped\"],\"trafficWeights\":{\"control\":0.5,\"shipped\":0.5},"
                + "\"observationStart\":\"2026-05-01\"}");
        analysed(fx, "checkout", SeedHoldoutSeries.inputData(s.original(), "purchase", "control", "shipped", 0.5));
        fx.decide("checkout", null);
        fx.wb.holdouts().plan(new HoldoutRequest("checkout", 5.0, "2026-06-01", null, null, null));
        for (SeedHoldoutSeries.Point p : s.checkpoints().subList(0, 2)) {
            analysed(
                    fx,
                    "checkout-holdout-" + p.day() + "d",
                    SeedHoldoutSeries.inputData(p, "purchase", "control", "shipped", 0.05));
        }
        HoldoutReport report = fx.wb.holdouts().report("checkout");

        Document doc = fx.view("checkout");

        Element holdout = doc.selectFirst("[data-test=holdout-trend]");
        assertThat(holdout.selectFirst(".badge").text())
                .isEqualTo(report.trend().wireName())
                .isEqualTo("decays");
        assertThat(holdout.selectFirst("[data-test=trend-reason]").text()).isEqualTo(report.reason());
        assertThat(holdout.select("[data-test=holdout-row]").eachAttr("data-day"))
                .containsExactly("0", "30", "60", "90");
        assertThat(holdout.select("[data-test=holdout-row] [data-test=lift]").eachText())
                .containsExactly(
                        CleanResultFormat.change(report.original().relativeLift()),
                        CleanResultFormat.change(
                                report.checkpoints().get(0).reading().relativeLift()),
                        CleanResultFormat.change(
                                report.checkpoints().get(1).reading().relativeLift()),
                        "–");
        assertThat(holdout.selectFirst("[data-test=holdout-row][data-day=90]").text())
                .contains("not analysed yet");
        assertThat(holdout.select("svg circle"))
                .as("a point per analysed checkpoint")
                .hasSize(2);
        assertThat(holdout.select("svg text").eachText())
                .contains("at the decision "
                        + CleanResultFormat.change(report.original().relativeLift()));
        assertThat(doc.select("[data-test=child]").eachAttr("data-slug"))
                .containsExactly("checkout-holdout-30d", "checkout-holdout-60d", "checkout-holdout-90d");

        Document checkpoint = fx.view("checkout-holdout-30d");
        Element parent = checkpoint.selectFirst("[data-test=parent]");
        assertThat(parent.attr("href")).isEqualTo(Links.SERVED.experiment("checkout"));
        assertThat(parent.parent().text()).contains("day 30 after its launch");
        assertThat(checkpoint.select("[data-test=holdout-trend]")).isEmpty();
    }

    @Test
    void aCheckpointExperimentDeletedByHand_isADayWithoutALink() throws Exception {
        ExperimentFixture fx = new ExperimentFixture(root, "2026-05-20");
        SeedHoldoutSeries.Series s = SeedHoldoutSeries.DECAYS;
        fx.upsert("{\"slug\":\"checkout\",\"method\":\"bayesian_ab\",\"hypothesis\":\"h\","
                + "\"primaryMetricEvent\":\"purchase\",\"controlVariant\":\"control\","
                + "\"treatmentVariants\":[\"shipped\"],\"observationStart\":\"2026-05-01\"}");
        analysed(fx, "checkout", SeedHoldoutSeries.inputData(s.original(), "purchase", "control", "shipped", 0.5));
        fx.decide("checkout", null);
        fx.wb.holdouts().plan(new HoldoutRequest("checkout", 5.0, "2026-06-01", null, null, null));
        java.nio.file.Files.delete(root.resolve(".aw/experiments/checkout-holdout-90d.json"));

        Document doc = fx.view("checkout");

        Element gone = doc.selectFirst("[data-test=holdout-row][data-day=90]");
        assertThat(gone.text()).contains("day 90", "missing");
        assertThat(gone.select("a")).isEmpty();
        assertThat(doc.selectFirst("[data-test=holdout-row][data-day=60] a").attr("href"))
                .isEqualTo(Links.SERVED.experiment("checkout-holdout-60d"));
        PageChecks.idsUnique(doc);
    }

    private static void analysed(ExperimentFixture fx, String slug, ObjectNode data) {
        ObjectNode move = Json.mapper().createObjectNode().put("slug", slug).put("status", "collecting");
        move.set("inputData", data);
        fx.upsert(move.toString());
        fx.bayesian(slug);
    }
}
