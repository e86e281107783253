package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Json;
import dev.workbench.core.program.CleanResults;
import dev.workbench.core.review.StageRecords;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewViewTest {
    @TempDir
    Path root;

    @TempDir
    Path keys;

    ReviewFixture f;

    @BeforeEach
    void setUp() {
        f = new ReviewFixture(root);
        f.reviewedArea("cleaning", "data/clean.csv", "The <b>sales</b> column is clean");
    }

    Document served() {
        return ReviewFixture.parse(new Dashboard(f.wb)
                .page("/review", new PageRequest(Map.of(), Links.SERVED, "tok-123"))
                .orElseThrow());
    }

    Document report() {
        return ReviewFixture.parse(
                new Dashboard(f.wb).page("/review", PageRequest.report()).orElseThrow());
    }

    @Test
    void aReviewedArea_isListedWithItsArtifactsAndHashes_itsChecks_andTheInterpretationAsText() throws Exception {
        StageRecords.Manifest manifest = Json.mapper()
                .readValue(f.wb.stages().read("cleaning", "manifest.json").orElseThrow(), StageRecords.Manifest.class);
        Element stage = served().selectFirst("[data-test=pending] [data-test=stage][data-stage=cleaning]");
        assertThat(stage).isNotNull();
        Element artifact = stage.selectFirst("[data-test=artifact]");
        assertThat(artifact.attr("data-path")).isEqualTo("data/clean.csv");
        assertThat(artifact.attr("data-sha256"))
                .isEqualTo(manifest.artifacts().get(0).sha256());
        assertThat(artifact.selectFirst("[data-test=sha256]").attr("title"))
                .isEqualTo(manifest.artifacts().get(0).sha256());
        assertThat(stage.select("[data-test=check]").eachAttr("data-passed")).containsExactly("true", "true");
        assertThat(stage.select("[data-test=check]").eachText()).contains("passed row count: 1,000 rows");
        assertThat(stage.selectFirst("[data-test=interpretation]").text())
                .isEqualTo("The <b>sales</b> column is clean");
        assertThat(stage.select("b")).isEmpty();
    }

    @Test
    void served_withoutTheSignedPolicy_offersApproveAndRejectForms_withTheSessionsToken() {
        Element stage = served().selectFirst("[data-test=stage][data-stage=cleaning]");
        Element approve = stage.selectFirst("form.decide[action=/actions/approve]");
        assertThat(approve.attr("method")).isEqualTo("post");
        assertThat(approve.selectFirst("input[name=csrf]").val()).isEqualTo("tok-123");
        assertThat(approve.selectFirst("input[name=stage]").val()).isEqualTo("cleaning");
        assertThat(approve.select("button[data-test=approve]")).hasSize(1);
        Element reject = stage.selectFirst("form.decide[action=/actions/reject]");
        assertThat(reject.selectFirst("input[name=csrf]").val()).isEqualTo("tok-123");
        assertThat(reject.selectFirst("textarea[name=feedback][data-test=feedback]")
                        .hasAttr("required"))
                .isTrue();
        assertThat(reject.select("button[data-test=reject]")).hasSize(1);
        assertThat(stage.select("[data-test=approve-command]")).isEmpty();
    }

    @Test
    void underTheSignedPolicy_theApproveButtonGives_wayToTheCommand_andSendingBackStays() throws Exception {
        f.signedPolicy(keys);
        Element stage = served().selectFirst("[data-test=stage][data-stage=cleaning]");
        assertThat(stage.select("[data-test=approve]")).isEmpty();
        assertThat(stage.selectFirst("[data-test=approve-command]").text())
                .isEqualTo("aw approve cleaning --key " + ReviewView.KEY);
        assertThat(stage.select("form[action=/actions/reject] [data-test=reject]"))
                .hasSize(1);
        assertThat(served().selectFirst("[data-test=policy]").attr("data-signed"))
                .isEqualTo("true");
    }

    @Test
    void theReport_hasNoForms_onlyTheCommands() {
        Document page = report();
        assertThat(page.select("form, button, input, textarea")).isEmpty();
        assertThat(page.selectFirst("[data-stage=cleaning] [data-test=approve-command]")
                        .text())
                .isEqualTo("aw approve cleaning");
    }

    @Test
    void anExperimentsStage_showsTheCleanResultAPersonApproves() throws Exception {
        f.experiment("cta", true);
        f.wb.stages().execute("experiment:cta", List.of());
        f.wb.stages().review("experiment:cta", ReviewFixture.PASSING, "b wins");
        Element stage = served().selectFirst("[data-test=stage][data-stage=experiment:cta]");
        assertThat(stage).isNotNull();
        assertThat(stage.selectFirst("h3 a").attr("href")).isEqualTo("/experiments/cta");
        assertThat(stage.selectFirst("[data-test=clean-result] pre").wholeText())
                .isEqualTo(new CleanResults(f.wb).document("cta").orElseThrow());
        StageRecords.Manifest manifest = Json.mapper()
                .readValue(
                        f.wb.stages().read("experiment:cta", "manifest.json").orElseThrow(),
                        StageRecords.Manifest.class);
        assertThat(stage.select("[data-test=artifact]").eachAttr("data-path"))
                .containsExactlyElementsOf(
                        manifest.artifacts().stream().map(a -> a.path()).toList())
                .contains("aw://experiments/cta/result");
    }

    @Test
    void openClaims_getAButtonPerStatus_orTheCommandsUnderTheSignedPolicy() throws Exception {
        f.experiment("cta", false);
        Element claim = served().selectFirst("[data-test=claims] [data-test=claim][data-slug=shorter-forms]");
        assertThat(claim.attr("data-status")).isEqualTo("open");
        assertThat(claim.select("form[action=/actions/claim] input[name=status]")
                        .eachAttr("value"))
                .containsExactly("supported", "refuted", "mixed");
        assertThat(claim.select("form[action=/actions/claim] input[name=slug]").eachAttr("value"))
                .containsOnly("shorter-forms");
        assertThat(claim.select("form[action=/actions/claim] input[name=csrf]").eachAttr("value"))
                .containsOnly("tok-123");

        f.signedPolicy(keys);
        Element signed = served().selectFirst("[data-test=claim][data-slug=shorter-forms]");
        assertThat(signed.select("form")).isEmpty();
        assertThat(signed.select("[data-test=claim-command]").eachText())
                .contains("aw approve claim:shorter-forms --status supported --key " + ReviewView.KEY);
    }

    @Test
    void stagesNotReadyYet_areListedBriefly_andNotAsPending() {
        f.write("data/raw.csv", "x\n");
        f.wb.stages().execute("ingest", List.of("data/raw.csv"));
        f.reviewedArea("model", "out/model.csv", "fits");
        f.write("out/model.csv", "changed\n");
        Document page = served();
        assertThat(page.select("[data-test=pending] [data-test=stage]").eachAttr("data-stage"))
                .containsExactly("cleaning");
        Element upcoming = page.selectFirst("[data-test=upcoming]");
        assertThat(upcoming.selectFirst("[data-stage=ingest]").attr("data-state"))
                .isEqualTo("EXECUTED");
        assertThat(upcoming.selectFirst("[data-stage=model]").attr("data-state"))
                .isEqualTo("STALE");
        assertThat(upcoming.selectFirst("[data-stage=model]").text())
                .contains(f.wb.stages().status("model").staleReason());
    }
}
