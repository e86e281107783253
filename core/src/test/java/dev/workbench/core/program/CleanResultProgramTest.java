package dev.workbench.core.program;

import static dev.workbench.core.program.ProgramBench.clicksAndRefunds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.experiment.Learning;
import dev.workbench.core.experiment.Lineage;
import dev.workbench.core.journal.Decision;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.review.StageCheck;
import dev.workbench.core.review.StageId;
import dev.workbench.core.run.RunRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clean result's place in the program: its approval banner from the experiment's review stage, learnings,
 * follow-ups and holdout checkpoints, the runs and checkpoints behind it, and records older than the program.
 */
class CleanResultProgramTest {
    @TempDir
    Path root;

    ProgramBench bench;

    @BeforeEach
    void setUp() {
        bench = new ProgramBench(root);
        bench.collecting(
                "cta",
                "bayesian_ab",
                "\"treatmentVariants\":[\"b\"],\"guardrailEvents\":[\"refund\"],\"minimumSample\":1000",
                clicksAndRefunds(2400, 240, 300, 24, 26));
        bench.bayesian("cta");
        bench.decide("cta", null);
    }

    @Test
    void anOldRecord_withAFreeTextClaim_noLearnings_andAnAnalysisWithoutRows_stillReads() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/dev/workbench/core/experiment/checkout-cta.json")) {
            Files.write(root.resolve(".aw/experiments/checkout-cta.json"), in.readAllBytes());
        }
        CleanResult r = bench.result("checkout-cta");
        assertThat(r.learnings()).isEmpty();
        assertThat(r.question().claim()).isEqualTo("forms: shorter is better");
        assertThat(r.caveats())
                .anySatisfy(c -> assertThat(c).contains("dataBeforeFreeze"))
                .anySatisfy(c -> assertThat(c).contains("\"sample from a fixed outage\""))
                .anySatisfy(c -> assertThat(c).startsWith("The analysis's checks failed (not enough data)"));
        assertThat(bench.markdown("checkout-cta"))
                .contains("Claim it bears on: forms: shorter is better")
                .contains("None recorded yet (record-learning adds one).")
                .contains("**Verdict:** inconclusive")
                .doesNotContain("| variant |")
                .doesNotContain("null");
    }

    @Test
    void learnings_areShownInTheOrderRecorded_withTheirFiveParts() {
        Learning first = new Learning(
                "2026-11-23T10:00:00Z",
                "a shorter form",
                "clicks rose",
                Learning.Outcome.CONFIRMED,
                "less effort",
                "fewer fields still");
        Learning second = new Learning(
                "2026-11-24T10:00:00Z", "same", "refunds flat", Learning.Outcome.REFUTED, "no effect", null);
        bench.wb.experiments().amend("cta", null, e -> e.withLearning(first), "learning", "first");
        bench.wb.experiments().amend("cta", null, e -> e.withLearning(second), "learning", "second");

        String md = bench.markdown("cta");
        assertThat(md)
                .contains("### 1. Hypothesis confirmed (2026-11-23T10:00:00Z)\n\n- **What changed:** a shorter form\n"
                        + "- **What happened:** clicks rose\n- **Why:** less effort\n"
                        + "- **Next hypothesis:** fewer fields still\n")
                .contains("### 2. Hypothesis refuted (2026-11-24T10:00:00Z)");
        assertThat(md.indexOf("### 1.")).isLessThan(md.indexOf("### 2."));
    }

    @Test
    void followUps_andHoldoutCheckpoints_areTheChildrenOfTheRecord_toldApartByHoldoutDay() {
        bench.upsert("{\"slug\":\"cta-fewer-fields\",\"parent\":\"cta\",\"hypothesis\":\"Fewer fields convert\"}");
        bench.upsert("{\"slug\":\"cta-holdout-30d\",\"parent\":\"cta\"}");
        bench.wb
                .experiments()
                .amend(
                        "cta-holdout-30d",
                        null,
                        e -> e.withLineage(new Lineage("cta", 30, null)),
                        "holdout",
                        "checkpoint");
        bench.upsert("{\"slug\":\"unrelated\"}");

        CleanResult r = bench.result("cta");
        assertThat(r.followUps()).extracting(CleanResult.Related::slug).containsExactly("cta-fewer-fields");
        assertThat(r.holdout().checkpoints())
                .extracting(CleanResult.Related::slug)
                .containsExactly("cta-holdout-30d");
        assertThat(r.holdout().plan()).isNull();
        assertThat(r.holdout().report()).isNull();
        assertThat(bench.markdown("cta"))
                .contains(
                        "- `cta-fewer-fields` (aw://experiments/cta-fewer-fields/result): draft — Fewer fields convert")
                .contains("- `cta-holdout-30d` (aw://experiments/cta-holdout-30d/result): draft, day 30")
                .contains("- Holdout check (day 30) aw://experiments/cta-holdout-30d");
        assertThat(bench.markdown("cta-holdout-30d"))
                .contains("The day-30 holdout check of `cta` (aw://experiments/cta/result).");
        assertThat(bench.markdown("cta-fewer-fields")).contains("A follow-up of `cta` (aw://experiments/cta/result).");
    }

    /**
     * With a holdout plan the result shows the trend {@link Holdouts#report} gives, and a decaying one is a caveat.
     */
    @Test
    void aHoldoutPlan_showsTheTrendOfTheHoldoutReport() {
        bench.wb
                .experiments()
                .amend(
                        "cta",
                        null,
                        e -> e.withLineage(
                                e.lineage().withHoldout(new Holdout(5.0, "2026-11-22", Holdout.DEFAULT_DAYS, "b"))),
                        "holdout",
                        "planned");
        bench.upsert("{\"slug\":\"cta-holdout-30d\",\"parent\":\"cta\"}");
        bench.wb
                .experiments()
                .amend("cta-holdout-30d", null, e -> e.withLineage(new Lineage("cta", 30, null)), "holdout", "day 30");

        HoldoutReport report = bench.wb.holdouts().report("cta");
        CleanResult r = bench.result("cta");
        assertThat(r.holdout().report()).isEqualTo(report);
        assertThat(bench.markdown("cta"))
                .contains(
                        "5 % of units kept on the control after the launch on 2026-11-22 of `b`, checked at 30, 60, 90 days")
                .contains("**Trend: " + report.trend().name().toLowerCase(Locale.ROOT) + "**: " + report.reason());
        for (HoldoutReport.Checkpoint c : report.checkpoints()) {
            assertThat(bench.markdown("cta")).contains("| " + c.day() + " | `" + c.slug() + "` (");
        }
        assertThat(r.caveats().stream().anyMatch(c -> c.contains("decaying") && c.contains(report.reason())))
                .as("a caveat exactly when the trend decays")
                .isEqualTo(report.trend() == HoldoutTrend.DECAYS);
    }

    @Test
    void links_nameTheRunsOfTheExperiment_andTheCheckpointsTheyOrItsJournalName() throws Exception {
        Files.writeString(root.resolve("data.csv"), "id\n1\n");
        String cleaned = bench.wb
                .checkpoints()
                .create(List.of("data.csv"), "cleaned", null)
                .name();
        String tuned = bench.wb
                .checkpoints()
                .create(List.of("data.csv"), "tuned", null)
                .name();
        String other = bench.wb
                .checkpoints()
                .create(List.of("data.csv"), "other", null)
                .name();
        bench.wb.runs().record(run("python train.py --from " + cleaned, "cta"));
        bench.wb.runs().record(run("python other.py " + other, null));
        bench.wb
                .journal()
                .log(new Decision(
                        "which state to keep",
                        List.of("keep", "restore"),
                        "keep",
                        "restore " + tuned + " if it regresses",
                        null,
                        "cta"));

        CleanResult r = bench.result("cta");
        assertThat(r.links().runs())
                .extracting(CleanResult.RunLink::command)
                .containsExactly("python train.py --from " + cleaned);
        assertThat(r.links().checkpoints()).containsExactly(cleaned, tuned);
        assertThat(bench.markdown("cta"))
                .contains("- Run aw://runs/" + r.links().runs().get(0).id() + ": `python train.py --from " + cleaned
                        + "`")
                .contains("- Checkpoint aw://checkpoints/" + cleaned + "\n")
                .doesNotContain("aw://checkpoints/" + other);
    }

    @Test
    void theBanner_followsTheExperimentsReviewStage_untilApprovedAndNotStale() throws Exception {
        String stage = StageId.experiment("cta").key();
        assertThat(bench.result("cta").banner().why()).startsWith("not reviewed");

        Files.writeString(root.resolve("result.md"), "# the result\n");
        bench.wb.stages().execute(stage, List.of("result.md"));
        bench.wb.stages().review(stage, List.of(new StageCheck("numbers traced", true, null)), null);
        assertThat(bench.markdown("cta"))
                .startsWith("> **Draft — awaiting approval**: reviewed, waiting for a person to approve it (aw approve "
                        + stage + ")");

        bench.wb.stages().approve(stage, request -> Optional.of(new HumanApproval.Answer(true, "ada", null)));
        CleanResult.Banner approved = bench.result("cta").banner();
        assertThat(approved.approved()).isTrue();
        assertThat(approved.by()).isEqualTo("ada");
        assertThat(bench.markdown("cta")).startsWith("> **Approved** by ada at " + approved.at() + "\n");

        Files.writeString(root.resolve("result.md"), "# the result, edited after approval\n");
        assertThat(bench.markdown("cta"))
                .startsWith("> **Draft — awaiting approval**: approval stale because result.md changed since approval");
    }

    @Test
    void aSignedApproval_namesItsSigner() {
        CleanResult r = bench.result("cta");
        CleanResult signed = new CleanResult(
                r.slug(),
                new CleanResult.Banner(true, null, "ada", "2026-11-25T09:00:00Z", "ada@example.com"),
                r.question(),
                r.hypothesis(),
                r.design(),
                r.numbers(),
                r.status(),
                r.decision(),
                r.learnings(),
                r.caveats(),
                r.followUps(),
                r.holdout(),
                r.links());
        assertThat(CleanResultMarkdown.render(signed))
                .startsWith(
                        "> **Approved** by ada at 2026-11-25T09:00:00Z (signed by ada@example.com)\n\n# Clean result: cta");
    }

    private static RunRequest run(String command, String experiment) {
        return new RunRequest(command, null, experiment, 0, 10L, null, null, null, null, null);
    }
}
