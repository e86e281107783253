package dev.workbench.core.program;

import static dev.workbench.core.program.Launches.checkpointAnalysed;
import static dev.workbench.core.program.Launches.decided;
import static dev.workbench.core.program.Launches.refused;
import static dev.workbench.core.program.Launches.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * analyze-holdout's report from stored analyses: the seed's three series, each checkpoint analysed on data that
 * reproduces its point (SeedHoldoutSeries), read back and classified as the seed does; an unanalysed, a removed and
 * a stale checkpoint; the refusals.
 */
class HoldoutReportTest {
    @TempDir
    Path root;

    Workbench wb;

    @BeforeEach
    void setUp() {
        wb = Launches.on(root, "2026-05-20");
    }

    static List<Arguments> seriesBothWays() {
        return SeedHoldoutSeries.all().stream()
                .flatMap(s -> java.util.stream.Stream.of(Arguments.of(s, false), Arguments.of(s, true)))
                .toList();
    }

    @ParameterizedTest(name = "{0}, inverse {1}")
    @MethodSource("seriesBothWays")
    void eachSeedSeries_analysedCheckpointByCheckpoint_readsBackAndIsClassifiedAsTheSeedDoes(
            SeedHoldoutSeries.Series s, boolean inverse) {
        decided(wb, "checkout", s.original(), inverse, "");
        wb.holdouts().plan(request("checkout", 5, "2026-06-01", null));
        for (SeedHoldoutSeries.Point p : s.checkpoints()) {
            checkpointAnalysed(wb, "checkout", p, 5, inverse);
        }

        HoldoutReport report = wb.holdouts().report("checkout");

        assertThat(report.trend()).as(report.reason()).isEqualTo(s.trend());
        assertThat(report.metric()).isEqualTo("purchase");
        assertThat(report.control()).isEqualTo("control");
        assertThat(report.treatment()).isEqualTo("shipped");
        assertThat(report.inverse()).isEqualTo(inverse);
        double sign = inverse ? -1 : 1;
        assertThat(report.original().chanceToWin()).isCloseTo(s.original().chanceToWin(), within(0.005));
        assertThat(report.original().relativeLift())
                .isCloseTo(sign * s.original().relativeLift(), within(0.001));
        assertThat(report.original().stale()).isFalse();
        assertThat(report.checkpoints()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            HoldoutReport.Checkpoint c = report.checkpoints().get(i);
            SeedHoldoutSeries.Point p = s.checkpoints().get(i);
            assertThat(c.day()).isEqualTo(p.day());
            assertThat(c.status()).isEqualTo("analyzing");
            assertThat(c.reading().chanceToWin()).isCloseTo(p.chanceToWin(), within(0.005));
            assertThat(c.reading().relativeLift()).isCloseTo(sign * p.relativeLift(), within(0.001));
            assertThat(c.reading().ciLower()).isLessThan(c.reading().relativeLift());
            assertThat(c.reading().ciUpper()).isGreaterThan(c.reading().relativeLift());
        }
    }

    @Test
    void checkpointsNotAnalysed_areListedWithTheirStatusAndNoReading_andTheTrendWaits() throws Exception {
        decided(wb, "checkout", SeedHoldoutSeries.HOLDS.original(), false, "");
        wb.holdouts().plan(request("checkout", 5, "2026-06-01", null));
        Files.delete(root.resolve(".aw/experiments/checkout-holdout-90d.json"));

        HoldoutReport report = wb.holdouts().report("checkout");

        assertThat(report.checkpoints())
                .extracting(
                        HoldoutReport.Checkpoint::slug,
                        HoldoutReport.Checkpoint::dueOn,
                        HoldoutReport.Checkpoint::status,
                        HoldoutReport.Checkpoint::reading)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("checkout-holdout-30d", "2026-07-01", "draft", null),
                        org.assertj.core.groups.Tuple.tuple("checkout-holdout-60d", "2026-07-31", "draft", null),
                        org.assertj.core.groups.Tuple.tuple("checkout-holdout-90d", "2026-08-30", null, null));
        assertThat(report.trend()).isEqualTo(HoldoutTrend.INCONCLUSIVE);
        assertThat(report.reason()).startsWith("No checkpoint has an analysis yet (the first is due on 2026-07-01)");
    }

    @Test
    void aStaleCheckpointAnalysis_isReadButMarked_andTheReasonSaysSo() {
        decided(wb, "checkout", SeedHoldoutSeries.HOLDS.original(), false, "");
        wb.holdouts().plan(request("checkout", 5, "2026-06-01", List.of(30)));
        checkpointAnalysed(wb, "checkout", SeedHoldoutSeries.HOLDS.checkpoints().get(0), 5, false);
        Launches.upsert(
                wb,
                "{\"slug\":\"checkout-holdout-30d\",\"inputData\":{\"metrics\":{\"purchase\":{\"control\":"
                        + "{\"n\":6000,\"k\":600}}}}}");

        HoldoutReport report = wb.holdouts().report("checkout");

        HoldoutReport.Reading r = report.checkpoints().get(0).reading();
        assertThat(r.stale()).isTrue();
        assertThat(r.chanceToWin()).isCloseTo(0.95, within(0.005));
        assertThat(report.trend()).isEqualTo(HoldoutTrend.HOLDS);
        assertThat(report.reason()).contains("the day-30 analysis is stale");
    }

    @Test
    void aCheckpointWhoseDataFailsItsSrmCheck_isNotReadAsHolding() {
        decided(wb, "checkout", SeedHoldoutSeries.HOLDS.original(), false, "");
        wb.holdouts().plan(request("checkout", 5, "2026-06-01", List.of(30)));
        // Split 50/50 against the checkpoint's 5/95 trafficWeights: the SRM check fails.
        checkpointAnalysed(wb, "checkout", SeedHoldoutSeries.HOLDS.checkpoints().get(0), 50, false);

        HoldoutReport report = wb.holdouts().report("checkout");

        HoldoutReport.Reading r = report.checkpoints().get(0).reading();
        assertThat(r.interpretable()).isFalse();
        assertThat(r.failedChecks()).containsExactly("sample ratio mismatch");
        assertThat(r.chanceToWin()).isCloseTo(0.95, within(0.005));
        assertThat(report.trend()).as(report.reason()).isEqualTo(HoldoutTrend.INCONCLUSIVE);
        assertThat(report.reason())
                .startsWith("Every analysed checkpoint failed its checks (day 30: sample ratio mismatch)");
        assertThat(report.original().interpretable()).isTrue();
        assertThat(report.original().failedChecks()).isEmpty();
    }

    @Test
    void anExperimentWithoutAPlan_orNone_isRefused() {
        decided(wb, "checkout", SeedHoldoutSeries.HOLDS.original(), false, "");
        assertThat(refused(root, ErrorCode.INVALID_INPUT, () -> wb.holdouts().report("checkout")))
                .isEqualTo("slug: expected an experiment with a holdout plan (plan-holdout sets one after the launch),"
                        + " got \"checkout\"");
        assertThat(refused(root, ErrorCode.NOT_FOUND, () -> wb.holdouts().report("nowhere")))
                .contains("nowhere");
    }

    @Test
    void theReportIsTheOneRead_nothingIsWritten() {
        decided(wb, "checkout", SeedHoldoutSeries.DECAYS.original(), false, "");
        wb.holdouts().plan(request("checkout", 5, "2026-06-01", null));
        checkpointAnalysed(
                wb, "checkout", SeedHoldoutSeries.DECAYS.checkpoints().get(0), 5, false);
        Map<String, String> before = Launches.files(root);
        wb.holdouts().report("checkout");
        assertThat(Launches.files(root)).isEqualTo(before);
    }
}
