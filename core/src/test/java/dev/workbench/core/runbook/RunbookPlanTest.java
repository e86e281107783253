package dev.workbench.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.workbench.core.journal.Decision;
import dev.workbench.core.project.Mode;
import dev.workbench.core.project.ProjectUpdate;
import dev.workbench.core.review.StageCheck;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import dev.workbench.core.run.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs are steps, how runs of one command group, where checkpoints go: through the written runbook. */
class RunbookPlanTest {
    @TempDir
    Path root;

    private static RunRecord run(
            RunbookFixture f,
            String command,
            String area,
            List<String> inputs,
            List<String> outputs,
            Map<String, JsonNode> params,
            Map<String, Double> metrics) {
        return f.wb.runs()
                .record(new RunRequest(command, area, null, 0, 1200L, inputs, outputs, params, metrics, null));
    }

    private static String write(RunbookFixture f) {
        new RunbookWriter(f.wb).write(null, false);
        return f.read("runbook.md");
    }

    @Test
    void tenRunsOfOneCommand_areOneStepWithATableOfItsRuns_inFewLines() {
        RunbookFixture f = new RunbookFixture(root).file("data/x.csv", "a\n1\n");
        for (int i = 1; i <= 10; i++) {
            f.file("out/fit.txt", "alpha " + i + "\n");
            run(
                    f,
                    "python3 fit.py --alpha " + i + " --seed 7",
                    "modelling",
                    List.of("data/x.csv"),
                    List.of("out/fit.txt"),
                    Map.of("alpha", JsonNodeFactory.instance.numberNode(i)),
                    Map.of("mae", 2.0 + i / 100.0));
        }
        String md = write(f);
        String steps = RunbookReplayTest.section(md, "## Steps");

        assertThat(steps)
                .contains("### Step 1 (modelling) — `python3 fit.py` — 10 runs")
                .doesNotContain("### Step 2");
        assertThat(steps).contains("| run | params | metrics | outputs (sha256) | duration | exit |");
        for (int i = 1; i <= 10; i++) {
            assertThat(steps)
                    .contains("| `alpha` = `" + i + "` | `mae` = " + Md.number(2.0 + i / 100.0) + " | `out/fit.txt` `");
            assertThat(steps).contains("python3 fit.py --alpha " + i + " --seed 7\n");
        }
        assertThat(steps.lines().count()).as("10 runs of one command").isLessThan(80);
        assertThat(RunbookReplayTest.numberedCommands(md)).hasSize(1);
        assertThat(RunbookReplayTest.section(md, "## Pipeline overview"))
                .contains("(#1 10 runs: python3 fit.py --alpha 1 --seed 7)");

        // another command in between starts a new step; the same command after it is a step of its own again
        f.file("out/eval.txt", "ok\n");
        run(f, "python3 eval.py", "modelling", List.of("out/fit.txt"), List.of("out/eval.txt"), null, null);
        f.file("out/fit.txt", "alpha 11\n");
        run(
                f,
                "python3 fit.py --alpha 11 --seed 7",
                "modelling",
                List.of("data/x.csv"),
                List.of("out/fit.txt"),
                null,
                null);
        String after = RunbookReplayTest.section(write(f), "## Steps");
        assertThat(after)
                .contains(
                        "### Step 2 (modelling) — `python3 eval.py`\n",
                        "### Step 3 (modelling) — `python3 fit.py --alpha 11 --seed 7`\n");
    }

    @Test
    void stepKey_isTheProgramAndItsScript_notItsArguments() {
        assertThat(Commands.stepKey("python3 fit.py --alpha 1"))
                .isEqualTo(Commands.stepKey("python3 fit.py --alpha 2"))
                .isEqualTo("python3 fit.py");
        assertThat(Commands.stepKey("FOO=1 python3 -m pkg.train a"))
                .isEqualTo(Commands.stepKey("python3 -m pkg.train b"));
        assertThat(Commands.stepKey("Rscript fit.R 0.1")).isEqualTo(Commands.stepKey("Rscript fit.R 0.5"));
        assertThat(Commands.stepKey("./run.sh 1")).isEqualTo(Commands.stepKey("./run.sh 2"));
        assertThat(Commands.stepKey("sh -c 'echo a > x'")).isNotEqualTo(Commands.stepKey("sh -c 'echo b > x'"));
        assertThat(Commands.stepKey("make train")).isNotEqualTo(Commands.stepKey("make test"));
        assertThat(Commands.stepKey("python3 fit.py")).isNotEqualTo(Commands.stepKey("python3 eval.py"));
        assertThat(Commands.programs("sh -c \"cut -d, -f1 a | sort > b && ./local.sh\""))
                .containsExactly("sh", "cut", "sort");
        assertThat(Commands.programs("/usr/bin/python3.11 x.py")).containsExactly("python3.11");
        assertThat(PrerequisitesSection.runtime("python3.11")).isEqualTo("python3");
    }

    @Test
    void runUndoneByARollback_isNoStep_andIsListedNamingTheRollback_untilTheRollbackIsRolledBack() {
        RunbookFixture f = new RunbookFixture(root).file("data/x.csv", "a\n1\n2\n3\n");
        f.wb.checkpoints().create(List.of("data"), "raw", null, "cleaning");
        f.file("data/x.csv", "a\n1\n");
        RunRecord cut = run(
                f,
                "sh -c 'head -n 2 data/x.csv > t && mv t data/x.csv'",
                "cleaning",
                null,
                List.of("data/x.csv"),
                null,
                null);
        f.wb.rollback().rollback("01", null, false, "the cut dropped rows");

        String md = write(f);
        String steps = RunbookReplayTest.section(md, "## Steps");
        assertThat(RunbookReplayTest.numberedCommands(md)).isEmpty();
        assertThat(steps)
                .contains(
                        "Undone by a rollback",
                        "(run `" + cut.id() + "`, area `cleaning`",
                        "— undone by the rollback to 01_raw at ",
                        "(safety checkpoint 02_pre-rollback-to-01)");
        assertThat(RunbookReplayTest.section(md, "## Pipeline overview"))
                .containsSubsequence(
                        "[01_raw] --> (undone: sh -c 'head -n 2 data/x.csv", ") --> [02_pre-rollback-to-01]");

        // rolling back to the safety checkpoint brings the cut back: it is a step again
        f.wb.rollback().rollback("02", null, false, "the cut was right after all");
        md = write(f);
        assertThat(RunbookReplayTest.numberedCommands(md))
                .containsExactly("sh -c 'head -n 2 data/x.csv > t && mv t data/x.csv'");
        assertThat(RunbookReplayTest.section(md, "## Steps")).doesNotContain("Undone by a rollback");
    }

    @Test
    void aRunThatDeletedTrackedData_isAStep_untilARollbackBringsTheDataBack() throws Exception {
        RunbookFixture f = new RunbookFixture(root).file("data/x.csv", "a\n1\n");
        f.wb.checkpoints().create(List.of("data"), "raw", null, null);
        Files.delete(root.resolve("data/x.csv"));
        RunRecord rm = f.wb.runs()
                .recordCaptured(
                        new RunRequest("rm data/x.csv", null, null, 0, 3L, null, null, null, null, null),
                        List.of(),
                        List.of(PathDigest.deleted("data/x.csv")),
                        new Runs.Origin(Runs.CAPTURED_BY_HOOK, "claude", "s", null, null, null));

        String md = write(f);
        assertThat(RunbookReplayTest.numberedCommands(md))
                .as("an rm of tracked data is a step to replay")
                .containsExactly("rm data/x.csv");
        assertThat(RunbookReplayTest.section(md, "## Steps")).contains("`data/x.csv` — deleted by this run");

        f.wb.rollback().rollback("01", null, false, "the data was needed");
        md = write(f);
        assertThat(RunbookReplayTest.numberedCommands(md)).isEmpty();
        assertThat(RunbookReplayTest.section(md, "## Steps"))
                .contains("Undone by a rollback", "(run `" + rm.id() + "`");
    }

    @Test
    void runWithSomeOutputsRolledBack_staysAStep_namingWhatWasRestored() {
        RunbookFixture f = new RunbookFixture(root).file("data/x.csv", "a\n1\n2\n");
        f.wb.checkpoints().create(List.of("data"), "raw", null, "cleaning");
        f.file("data/x.csv", "a\n1\n").file("out/count.txt", "1\n");
        run(f, "python3 cut.py", "cleaning", null, List.of("data/x.csv", "out/count.txt"), null, null);
        f.wb.rollback().rollback("01", null, false, "keep every row");

        String steps = RunbookReplayTest.section(write(f), "## Steps");
        assertThat(steps)
                .contains(
                        "### Step 1 (cleaning) — `python3 cut.py`",
                        "- Undone since: `data/x.csv` restored by the rollback to 01_raw at ",
                        "; the other outputs stand");
    }

    @Test
    void commandsThatChangedNothingTracked_areNoSteps() {
        RunbookFixture f = new RunbookFixture(root).file("data/x.csv", "a\n1\n");
        f.wb.checkpoints().create(List.of("data"), "raw", null, "cleaning");
        run(f, "echo timing", null, null, null, null, null);
        run(f, "touch data/x.csv", "cleaning", null, List.of("data/x.csv"), null, null); // as checkpointed
        run(f, "python3 plot.py", "cleaning", null, List.of("out/plot.png"), null, null); // not written
        f.file("out/a.txt", "a\n");
        run(
                f,
                "cp data/x.csv out/a.txt",
                "cleaning",
                List.of("out/a.txt"),
                List.of("out/a.txt"),
                null,
                null); // first time: a step
        run(f, "python3 same.py", "cleaning", null, List.of("out/a.txt"), null, null); // as the run before left it
        f.file("out/dir/b.txt", "b\n");
        f.wb.checkpoints().create(List.of("out/dir"), "dir", null, "cleaning");
        run(f, "python3 folder.py", "cleaning", null, List.of("out/dir"), null, null); // a folder as checkpointed

        String md = write(f);
        String steps = RunbookReplayTest.section(md, "## Steps");
        assertThat(RunbookReplayTest.numberedCommands(md)).containsExactly("cp data/x.csv out/a.txt");
        assertThat(steps)
                .containsSubsequence(
                        "Changed nothing tracked",
                        "- `echo timing`",
                        "- `touch data/x.csv`",
                        "- `python3 plot.py`",
                        "- `python3 same.py`",
                        "- `python3 folder.py`");
        assertThat(RunbookReplayTest.section(md, "## Pipeline overview")).doesNotContain("echo timing", "same.py");
    }

    @Test
    void checkpoints_goToTheLaneOfTheirArea_notOfTheNearestRun() {
        RunbookFixture f = new RunbookFixture(root).file("data/x.csv", "a\n1\n");
        f.wb.project()
                .update(new ProjectUpdate(
                        null,
                        null,
                        null,
                        null,
                        null,
                        new ProjectUpdate.Area("cleaning", Mode.EXPLORE, null, null),
                        null,
                        null));
        f.file("out/m.txt", "m\n");
        run(f, "python3 model.py", "modelling", List.of("data/x.csv"), List.of("out/m.txt"), null, null);
        f.wb.checkpoints().create(List.of("data"), "cleaned", null, "cleaning"); // nearest run: modelling's
        f.wb.checkpoints().create(List.of("data"), "loose", null);
        f.file("data/x.csv", "a\n2\n");
        f.wb.rollback().rollback("01", null, false, "back");

        String overview = RunbookReplayTest.section(write(f), "## Pipeline overview");
        assertThat(overview)
                .contains("area modelling\n  (#1 python3 model.py)\n")
                .contains("area cleaning (explore)\n  [01_cleaned] --> [03_pre-rollback-to-01]\n")
                .contains("no area\n  [02_loose]\n")
                .contains("Checkpoints taken without an area are in the lane without an area.");
    }

    @Test
    void aReviewWhoseArtifactChanged_readsStale_withTheReason() throws Exception {
        RunbookFixture f = new RunbookFixture(root).file("data/x.csv", "a\n1\n");
        f.file("out/clean.csv", "a\n1\n");
        run(f, "python3 clean.py", "cleaning", List.of("data/x.csv"), List.of("out/clean.csv"), null, null);
        f.wb.stages().execute("cleaning", List.of("out/clean.csv"));
        f.wb.stages().review("cleaning", List.of(new StageCheck("rows", true, null)), null);
        Files.writeString(root.resolve("out/clean.csv"), "a\n1\n2\n");

        String steps = RunbookReplayTest.section(write(f), "## Steps");
        assertThat(steps).contains("| `cleaning` | STALE (out/clean.csv changed since review) | 1 |");
    }

    @Test
    void eachArea_showsItsReviewState_andTheDecisionsThatShapedItsSteps() {
        RunbookFixture f = new RunbookFixture(root).file("data/x.csv", "a\n1\n");
        f.wb.journal()
                .log(new Decision("Which key", List.of("id", "email"), "id", "emails are shared", "cleaning", null));
        f.file("out/clean.csv", "a\n1\n");
        run(f, "python3 clean.py", "cleaning", List.of("data/x.csv"), List.of("out/clean.csv"), null, null);
        f.wb.stages().execute("cleaning", List.of("out/clean.csv"));

        String steps = RunbookReplayTest.section(write(f), "## Steps");
        String state = f.wb.stages().status("cleaning").state().name();
        assertThat(steps).contains("| area | review | steps | decisions |", "| `cleaning` | " + state + " | 1 | #1 |");
        assertThat(steps)
                .containsSubsequence(
                        "### Step 1 (cleaning) — `python3 clean.py`",
                        "- Area `cleaning`, review state: " + state,
                        "- Decision #1 (",
                        "): Which key → **id** — emails are shared",
                        "```sh\npython3 clean.py\n```");
    }
}
