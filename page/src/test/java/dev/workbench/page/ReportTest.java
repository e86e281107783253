package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.project.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path root;

    ReviewFixture f;

    @BeforeEach
    void aProject() {
        f = new ReviewFixture(root);
        f.area("cleaning", Mode.EXPLORE, "data/clean.csv");
        f.reviewedArea("cleaning", "data/clean.csv", "clean");
        f.experiment("cta", true);
        f.run("python3 fit.py", "cta");
        f.wb.checkpoints().create(java.util.List.of("data"), "cleaned", null);
    }

    @Test
    void theReport_holdsEverySectionTheDashboardHas_underTheAnchorsItsLinksUse() {
        String html = Report.html(f.wb, "2026-12-01T17:00:00Z");
        Document doc = Jsoup.parse(html);
        Dashboard dashboard = new Dashboard(f.wb);
        assertThat(doc.select("section#overview [data-test=areas] [data-area=cleaning]"))
                .hasSize(1);
        assertThat(doc.select("section#review [data-test=pending] [data-stage=cleaning]"))
                .hasSize(1);
        // The views of experiments, runs and checkpoints come from their own routes: a section exactly when one is
        // there, so the report always shows what the dashboard serves.
        for (String[] view : new String[][] {
            {"/experiments/cta", "experiment-cta"}, {"/runs", "runs"}, {"/checkpoints", "checkpoints"}
        }) {
            boolean served = dashboard.page(view[0], PageRequest.report()).isPresent();
            assertThat(doc.select("section#" + view[1])).as(view[0]).hasSize(served ? 1 : 0);
        }
        assertThat(doc.selectFirst("section#overview [data-slug=cta] a").attr("href"))
                .isEqualTo("#experiment-cta");
        assertThat(doc.text()).contains("Generated 2026-12-01T17:00:00Z");
    }

    @Test
    void theReport_hasEachIdOnce_andEveryLinkFindsItsTarget() {
        f.experiment("cta-again", true);

        Document doc = Jsoup.parse(Report.html(f.wb, "2026-12-01T17:00:00Z"));

        assertThat(doc.select("section#experiment-cta-again")).hasSize(1);
        PageChecks.idsUnique(doc);
        PageChecks.inPageLinksLeadSomewhere(doc, "");
    }

    @Test
    void experimentsPastTheirCount_areListedUnderTheirAnchors() {
        f.experiment("cta-again", true);

        Document doc = Jsoup.parse(Report.html(f.wb, "now", new Report.Budget(1, Report.EXPERIMENT_BYTES, 100, 1)));

        assertThat(doc.select("section.view[id^=experiment-]")).hasSize(1);
        assertThat(doc.select("[data-test=left-out] li")).hasSize(1);
        PageChecks.idsUnique(doc);
        PageChecks.inPageLinksLeadSomewhere(doc, "");
    }

    @Test
    void experimentsAndRunsPastTheirBytes_areListedUnderTheirAnchors_soNoRowLinkLeadsNowhere() {
        f.experiment("cta-again", true);
        f.run("python3 fit.py --again", "cta");
        f.run("python3 fit.py --once-more", null);

        Document doc = Jsoup.parse(Report.html(f.wb, "now", new Report.Budget(100, 1, 100, 1)));

        assertThat(doc.select("section.view[id^=experiment-]")).hasSize(1);
        assertThat(doc.select("[data-test=left-out] li")).hasSize(1);
        assertThat(doc.select("#runs [data-test=run-row]")).hasSize(3);
        assertThat(doc.select("section.view[id^=run-]")).hasSize(1);
        assertThat(doc.select("[data-test=runs-left-out] li").eachText())
                .hasSize(2)
                .allSatisfy(id -> assertThat(doc.getElementById("run-" + id)).isNotNull());
        PageChecks.idsUnique(doc);
        PageChecks.inPageLinksLeadSomewhere(doc, "");
    }

    @Test
    void theReport_isSelfContained_noRequestLeavesTheFile_andHasNoForms() {
        String html = Report.html(f.wb, "2026-12-01T17:00:00Z");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("link, form, iframe, object, embed")).isEmpty();
        assertThat(doc.select("script[src]")).isEmpty();
        for (Element e : doc.select("[href]")) {
            assertThat(e.attr("href")).as(e.outerHtml()).startsWith("#");
        }
        for (Element e : doc.select("[src], [action], [srcset], [poster]")) {
            assertThat(e.outerHtml()).as("an element that loads something").isNull();
        }
        assertThat(html).doesNotContainPattern("url\\((?!#)").doesNotContain("@import");
        assertThat(doc.select("style")).hasSize(1);
    }

    @Test
    void markupInStoredValues_staysText_inTheReport() {
        f.wb.experiments()
                .upsert(ReviewFixture.patch("{\"slug\":\"markup\",\"method\":\"bayesian_ab\","
                        + "\"hypothesis\":\"<script>alert(1)</script> converts\"}"));
        f.run("python3 fit.py --tag '<img src=x onerror=alert(2)>'", "cta");

        String html = Report.html(f.wb, "2026-12-01T17:00:00Z");

        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script")).hasSize(1); // the layout's own
        assertThat(doc.selectFirst("script").data()).doesNotContain("alert(1)");
        assertThat(doc.select("img")).isEmpty();
        assertThat(doc.selectFirst("#experiment-markup [data-test=hypothesis]").text())
                .contains("<script>alert(1)</script> converts");
        assertThat(doc.select("#runs").text()).contains("<img src=x onerror=alert(2)>");
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(2_000_000);
    }
}
