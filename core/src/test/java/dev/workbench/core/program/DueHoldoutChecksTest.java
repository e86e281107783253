package dev.workbench.core.program;

import static dev.workbench.core.program.Launches.checkpointAnalysed;
import static dev.workbench.core.program.Launches.decided;
import static dev.workbench.core.program.Launches.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.ProjectOverview;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.ExperimentAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holdout checks get-project lists: due by the back end's clock, and not yet analysed (or analysed stale). */
class DueHoldoutChecksTest {
    @TempDir
    Path root;

    @BeforeEach
    void setUp() {
        Workbench wb = Launches.on(root, "2026-05-20");
        decided(wb, "checkout", SeedHoldoutSeries.HOLDS.original(), false, "");
        wb.holdouts().plan(request("checkout", 5, "2026-06-01", null));
        decided(wb, "banner", SeedHoldoutSeries.IMPROVES.original(), false, "");
        wb.holdouts().plan(request("banner", 10, "2026-06-10", List.of(14)));
        decided(wb, "no-holdout", SeedHoldoutSeries.HOLDS.original(), false, "");
    }

    private static List<Tuple> rows(List<HoldoutCheckDue> due) {
        return due.stream()
                .map(d -> Tuple.tuple(d.experiment(), d.checkpoint(), d.day(), d.dueOn(), d.state()))
                .toList();
    }

    @Test
    void aPlanEditedByHandIntoNonsense_isSkipped_andNamedByAnalyzeHoldout_neverACrash() throws Exception {
        Path record = root.resolve(".aw/experiments/checkout.json");
        Files.writeString(record, Files.readString(record).replace("\"2026-06-01\"", "\"2026-02-30\""));
        Workbench wb = Launches.on(root, "2026-07-01");
        assertThat(rows(wb.holdouts().due()))
                .containsExactly(Tuple.tuple("banner", "banner-holdout-14d", 14, "2026-06-24", "draft"));
        assertThat(ProjectOverview.read(wb, null, 10, 0).holdoutChecksDue()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wb.holdouts().report("checkout"))
                .hasMessageContaining("holdout.launchedAt \"2026-02-30\" is not a yyyy-mm-dd date");
        assertThat(new CleanResults(wb).of("checkout").holdout().report()).isNull();
    }

    @Test
    void aCheckpointAnalysedBeforeItsDay_staysDue_early() {
        Workbench before = Launches.on(root, "2026-06-30");
        checkpointAnalysed(
                before, "checkout", SeedHoldoutSeries.HOLDS.checkpoints().get(0), 5, false);

        Workbench onTheDay = Launches.on(root, "2026-07-01");
        assertThat(rows(onTheDay.holdouts().due()))
                .containsExactly(
                        Tuple.tuple("banner", "banner-holdout-14d", 14, "2026-06-24", "draft"),
                        Tuple.tuple("checkout", "checkout-holdout-30d", 30, "2026-07-01", "early"));

        new ExperimentAnalysis(onTheDay.experiments(), onTheDay.backend())
                .bayesian(new ExperimentAnalysis.Target("checkout-holdout-30d", null, false, null));
        assertThat(rows(onTheDay.holdouts().due()))
                .as("analysed again on its day")
                .containsExactly(Tuple.tuple("banner", "banner-holdout-14d", 14, "2026-06-24", "draft"));
    }

    @Test
    void beforeAnyDay_nothingIsDue() {
        assertThat(Launches.on(root, "2026-06-23").holdouts().due()).isEmpty();
    }

    @Test
    void onItsDay_aCheckIsDue_oldestFirst_withWhatItStillNeeds() throws Exception {
        Workbench wb = Launches.on(root, "2026-07-01");
        assertThat(rows(wb.holdouts().due()))
                .containsExactly(
                        Tuple.tuple("banner", "banner-holdout-14d", 14, "2026-06-24", "draft"),
                        Tuple.tuple("checkout", "checkout-holdout-30d", 30, "2026-07-01", "draft"));

        checkpointAnalysed(wb, "checkout", SeedHoldoutSeries.HOLDS.checkpoints().get(0), 5, false);
        Launches.upsert(wb, "{\"slug\":\"banner-holdout-14d\",\"status\":\"collecting\"}");
        assertThat(rows(wb.holdouts().due()))
                .as("an analysed checkpoint is done; a collecting one is not")
                .containsExactly(Tuple.tuple("banner", "banner-holdout-14d", 14, "2026-06-24", "collecting"));

        Workbench later = Launches.on(root, "2026-09-01");
        Launches.upsert(
                later,
                "{\"slug\":\"checkout-holdout-30d\",\"inputData\":{\"metrics\":{\"purchase\":{\"control\":"
                        + "{\"n\":6000,\"k\":600}}}}}");
        Files.delete(root.resolve(".aw/experiments/checkout-holdout-90d.json"));
        assertThat(rows(later.holdouts().due()))
                .containsExactly(
                        Tuple.tuple("banner", "banner-holdout-14d", 14, "2026-06-24", "collecting"),
                        Tuple.tuple("checkout", "checkout-holdout-30d", 30, "2026-07-01", "stale"),
                        Tuple.tuple("checkout", "checkout-holdout-60d", 60, "2026-07-31", "draft"),
                        Tuple.tuple("checkout", "checkout-holdout-90d", 90, "2026-08-30", "missing"));
    }

    @Test
    void theProjectOverview_carriesThem() {
        Workbench wb = Launches.on(root, "2026-06-24");
        assertThat(ProjectOverview.read(wb, null, 20, 10).holdoutChecksDue())
                .extracting(HoldoutCheckDue::checkpoint)
                .containsExactly("banner-holdout-14d");
        assertThat(dev.workbench.core.capture.SessionSummary.text(wb))
                .contains("Holdout checks due: banner-holdout-14d (since 2026-06-24, draft); collect and analyse them,"
                        + " then analyze-holdout");
        assertThat(dev.workbench.core.capture.SessionSummary.text(Launches.on(root, "2026-06-23")))
                .doesNotContain("Holdout checks due");
    }
}
