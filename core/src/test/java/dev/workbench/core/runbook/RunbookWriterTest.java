package dev.workbench.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.project.ProjectUpdate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunbookWriterTest {
    private static final List<String> SECTIONS = List.of(
            "Summary",
            "Prerequisites",
            "Pipeline overview",
            "Steps",
            "Configuration files",
            "Key directories",
            "Troubleshooting");

    @TempDir
    Path root;

    private RunbookResult write(RunbookFixture f) {
        return new RunbookWriter(f.wb).write(null, false);
    }

    @Test
    void emptyProject_writesAValidRunbook_whoseSectionsSayThereIsNothingYet() {
        RunbookFixture f = new RunbookFixture(root);
        RunbookResult result = write(f);
        String md = f.read("runbook.md");
        assertThat(result.path()).isEqualTo("runbook.md");
        assertThat(result.changed()).isTrue();
        assertThat(result.sections()).containsExactlyElementsOf(SECTIONS);
        assertThat(result.bytes()).isEqualTo(md.getBytes(StandardCharsets.UTF_8).length);
        assertThat(md)
                .startsWith("<!-- Derived from .aw/ by write-runbook")
                .contains("\n# Runbook\n")
                .contains("Nothing has been recorded yet")
                .contains("No lockfiles or dependency manifests were found")
                .contains("## Pipeline overview\n\nNothing recorded yet: no runs or checkpoints.")
                .contains("## Steps\n\nNo runs recorded yet.")
                .contains("## Configuration files\n\nNo configuration files found")
                .contains("## Key directories\n\nNo run or checkpoint has touched a folder yet.")
                .contains("### Failed runs\n\nNo run has failed.")
                .contains("### Decisions and rollbacks\n\nNo decisions or rollbacks recorded yet.")
                .endsWith(".\n")
                .doesNotContain("\n\n\n");
        assertThat(f.wb.activity().recent(5)).extracting(ActivityEntry::type).containsExactly(RunbookStatus.WRITTEN);
    }

    @Test
    void fullState_sectionsInOrder_stepsNumberedInTimeOrder_withCommandsDurationsOutputsAndMetrics() throws Exception {
        RunbookFixture f = new RunbookFixture(root).fullState();
        RunbookResult result = write(f);
        String md = f.read("runbook.md");

        assertThat(result.sections()).containsExactlyElementsOf(SECTIONS);
        assertThat(md)
                .containsSubsequence(
                        "# Runbook: Orders cleanup",
                        "## Prerequisites",
                        "## Pipeline overview",
                        "## Steps",
                        "## Configuration files",
                        "## Key directories",
                        "## Troubleshooting");
        assertThat(md)
                .contains(
                        "**Orders cleanup**",
                        "Hypothesis: Duplicate orders inflate revenue.",
                        "Primary metric: `revenue_per_user`.",
                        "Stage: cleaning.",
                        "Last action: deduplicated orders.",
                        "It covers 2 runs (1 failed), 3 checkpoints, 2 journal entries and 2 areas",
                        "The runs make 2 steps.");
        // the latest time of the state: its activity or its records, whichever is later; never the clock
        Instant lastChange = Stream.concat(
                        f.wb.activity().recent(50).stream()
                                .filter(e -> !e.type().equals(RunbookStatus.WRITTEN))
                                .map(e -> e.at()),
                        f.wb.checkpoints().list().stream().map(c -> c.createdAt()))
                .map(Instant::parse)
                .max(Instant::compareTo)
                .orElseThrow();
        assertThat(md).contains("as of " + lastChange + " (the latest recorded change)");

        // the rollback to 01_raw removed data/deduped.csv since; the run recorded its hash
        String dedupedHash = RunbookTestSupport.sha256(RunbookFixture.DEDUPED).substring(0, 12);
        assertThat(md)
                .containsSubsequence(
                        "### Step 1 (cleaning) — `python dedupe.py data/orders.csv`",
                        "- Duration: 1.5 s; exit code: 0",
                        "```sh\npython dedupe.py data/orders.csv\n```",
                        "  - `data/orders.csv` — ",
                        "- Outputs:\n  - `data/deduped.csv` — " + RunbookFixture.DEDUPED.length() + " B, sha256 `"
                                + dedupedHash + "`",
                        "- Params: `keep` = `\"first\"`",
                        "- Metrics: `rows` = 2",
                        "What to inspect:",
                        "- `data/deduped.csv`: exists, sha256 starts with `" + dedupedHash + "`",
                        "- metric `rows`: 2 when recorded",
                        "### Step 2 (modelling) — `python model.py --fit` — FAILED",
                        "- Duration: 800 ms; exit code: 2 — **this run failed**",
                        "```sh\npython model.py --fit\n```",
                        "  - `models/m.pkl` — not written by this run",
                        "- the exit code: the recorded run ended with 2");

        String overview = section(md, "## Pipeline overview");
        assertThat(overview)
                .contains(
                        "[01_raw]",
                        "[02_deduped]",
                        "[03_pre-rollback-to-01]",
                        "(#1 python dedupe.py data/orders.csv)",
                        "(#2 FAILED python model.py --fit)",
                        "area cleaning (explore, next: operate)",
                        "area modelling");
        assertThat(overview).containsSubsequence("[01_raw] --> (#1 python dedupe.py data/orders.csv) --> [02_deduped]");
        String diagram = overview.substring(overview.indexOf("```text\n"), overview.lastIndexOf("```"));
        assertThat(diagram.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));

        String config = section(md, "## Configuration files");
        assertThat(config)
                .contains("`pyproject.toml`", "`config/settings.yaml`", "`.env.example`", "`Makefile`")
                .doesNotContain("`.env`", "node_modules", ".aw/");

        assertThat(section(md, "## Key directories"))
                .contains("| `data/` | yes | no git repository |")
                .contains(
                        "read by steps 1, 2; written by step 1; checkpoints 01_raw, 02_deduped, 03_pre-rollback-to-01")
                .contains("| `models/` | yes | no git repository | written by step 2 |");

        assertThat(section(md, "## Troubleshooting"))
                .containsSubsequence(
                        "### Failed runs",
                        "- Step 2: `python model.py --fit` exited with 2 — out of memory",
                        "### Decisions and rollbacks",
                        "- **#1 decision**",
                        "area `cleaning`",
                        "  - Context: Which dedupe key",
                        "  - Options: order_id; email",
                        "  - Chosen: **order_id**",
                        "  - Rationale: emails are shared between customers",
                        "- **#2 rollback**",
                        "  - Chosen: **restore 01_raw**",
                        "  - Rationale: the orders were edited by mistake");
    }

    @Test
    void keepBlocks_surviveRegeneration_inTheirSection_andOrphansGoToTheEnd() throws Exception {
        RunbookFixture f = new RunbookFixture(root).fullState();
        write(f);
        String md = f.read("runbook.md");
        md = md.replace(
                "### Step 2 (modelling)",
                "<!-- keep -->\nStep 1 takes a minute on the full data.\n<!-- /keep -->\n\n### Step 2 (modelling)");
        md = md.replace(
                "### Failed runs",
                "<!-- keep -->Ask Dana before re-running the model.<!-- /keep -->\n\n### Failed runs");
        md = md.replace(
                "## Configuration files",
                "### My own checks\n\n<!-- keep -->\n- row counts match\n<!-- /keep -->\n\n"
                        + "## Configuration files");
        md = md + "\n## Old section\n\n<!-- keep -->\nA note from an earlier layout.\n<!-- /keep -->\n";
        Files.writeString(f.root.resolve("runbook.md"), md);

        f.run("python report.py", "reporting");
        RunbookResult result = write(f);
        String after = f.read("runbook.md");

        assertThat(result.changed()).isTrue();
        assertThat(result.sections()).endsWith("Troubleshooting", "Notes kept from earlier versions");
        assertThat(after)
                .containsSubsequence(
                        "### Step 1 (cleaning)", "Step 1 takes a minute on the full data.", "### Step 2 (modelling)");
        assertThat(section(after, "## Steps"))
                .containsSubsequence("### Step 3 (reporting)", "- row counts match")
                .doesNotContain("### My own checks");
        assertThat(section(after, "## Troubleshooting"))
                .containsSubsequence(
                        "## Troubleshooting\n\n<!-- keep -->Ask Dana before re-running the model.<!-- /keep -->\n\n### Failed runs");
        assertThat(after)
                .endsWith("## Notes kept from earlier versions\n\n"
                        + "These notes were kept under headings the runbook no longer has; move them where they belong.\n\n"
                        + "<!-- keep -->\nA note from an earlier layout.\n<!-- /keep -->\n");
        assertThat(after).doesNotContain("## Old section");

        RunbookResult again = write(f);
        assertThat(again.changed()).isFalse();
        assertThat(f.read("runbook.md")).isEqualTo(after);
    }

    @Test
    void secondWrite_withNoStateChange_changesNothing() throws Exception {
        RunbookFixture f = new RunbookFixture(root).fullState();
        write(f);
        Path file = f.root.resolve("runbook.md");
        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, past);
        byte[] bytes = Files.readAllBytes(file);
        long activity = f.wb.activity().count();

        RunbookResult again = new RunbookWriter(new Workbench(root)).write(null, false);

        assertThat(again.changed()).isFalse();
        assertThat(again.bytes()).isEqualTo(bytes.length);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(past);
        assertThat(f.wb.activity().count()).isEqualTo(activity);
        assertThat(RunbookStatus.of(f.root, f.wb.activity().recent(RunbookStatus.LOOK_BACK))
                        .stale())
                .isTrue();
        // a state change (here, only an activity line) is a new runbook
        f.wb.project()
                .update(new ProjectUpdate(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new ProjectUpdate.Activity("note.added", "a note", null),
                        null));
        assertThat(write(f).changed()).isTrue();
        assertThat(RunbookStatus.of(f.root, f.wb.activity().recent(RunbookStatus.LOOK_BACK))
                        .stale())
                .isFalse();
    }

    @Test
    void dryRun_writesNothing_andShowsTheDiff() throws Exception {
        RunbookFixture f = new RunbookFixture(root);
        RunbookResult first = new RunbookWriter(f.wb).write(null, true);
        assertThat(first.changed()).isTrue();
        assertThat(first.diff())
                .startsWith("--- /dev/null\n+++ b/runbook.md\n@@ -0,0 +1,")
                .contains("\n+# Runbook\n");
        assertThat(f.root.resolve("runbook.md")).doesNotExist();
        assertThat(f.root.resolve(".aw")).doesNotExist();

        write(f);
        f.run("python load.py", "loading");
        long activity = f.wb.activity().count();
        byte[] before = Files.readAllBytes(f.root.resolve("runbook.md"));
        RunbookResult dry = new RunbookWriter(f.wb).write(null, true);

        assertThat(dry.changed()).isTrue();
        assertThat(dry.diff())
                .startsWith("--- a/runbook.md\n+++ b/runbook.md\n@@ ")
                .contains("\n+### Step 1 (loading) — `python load.py`\n", "\n-No runs recorded yet.");
        assertThat(Files.readAllBytes(f.root.resolve("runbook.md"))).isEqualTo(before);
        assertThat(f.wb.activity().count()).isEqualTo(activity);

        write(f);
        RunbookResult unchanged = new RunbookWriter(f.wb).write(null, true);
        assertThat(unchanged.changed()).isFalse();
        assertThat(unchanged.diff()).isEmpty();
    }

    @Test
    void dryRun_hugeDiff_isTruncatedToFitAResponse() throws Exception {
        RunbookFixture f = new RunbookFixture(root);
        // A runbook write-runbook wrote (its rule line first), then scribbled in outside any keep block.
        StringBuilder scribbles = new StringBuilder(RunbookRenderer.RULE).append('\n');
        for (int i = 0; i < 5000; i++) {
            scribbles.append("line ").append(i).append(" written by hand outside any keep block, so it goes away\n");
        }
        f.file("runbook.md", scribbles.toString());
        RunbookResult dry = new RunbookWriter(f.wb).write(null, true);
        assertThat(ResponseBudget.fitsTool(dry)).isTrue();
        assertThat(dry.diff())
                .startsWith("--- a/runbook.md")
                .contains("\n-line 0 written by hand")
                .containsPattern("\\.\\.\\. diff truncated: \\d+ of \\d+ lines shown");
        assertThat(f.read("runbook.md")).isEqualTo(scribbles.toString());
    }

    @Test
    void otherPath_insideTheRoot_isWritten_andReportedRelative() {
        RunbookFixture f = new RunbookFixture(root);
        RunbookResult result = new RunbookWriter(f.wb).write("docs/RUNBOOK.md", false);
        assertThat(result.path()).isEqualTo("docs/RUNBOOK.md");
        assertThat(f.root.resolve("docs/RUNBOOK.md")).exists();
        assertThat(f.root.resolve("runbook.md")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({
        "../x.md, PATH_OUTSIDE_ROOT",
        "/etc/x.md, PATH_OUTSIDE_ROOT",
        ".aw/x.md, INVALID_INPUT",
        "notes.txt, INVALID_INPUT",
        "., INVALID_INPUT",
        ".git/x.md, INVALID_INPUT"
    })
    void badPath_isRefused_namingTheField_andNothingIsWritten(String path, ErrorCode code) throws Exception {
        RunbookFixture f = new RunbookFixture(root);
        for (boolean dryRun : new boolean[] {false, true}) {
            assertThatThrownBy(() -> new RunbookWriter(f.wb).write(path, dryRun))
                    .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                        assertThat(e.code()).isEqualTo(code);
                        assertThat(e.getMessage()).startsWith("path:");
                    });
        }
        try (var entries = Files.list(f.root)) {
            assertThat(entries.toList()).isEmpty();
        }
    }

    @Test
    void symbolicLinkLeavingTheRoot_isRefused(@TempDir Path elsewhere) throws Exception {
        RunbookFixture f = new RunbookFixture(root);
        Files.createSymbolicLink(f.root.resolve("out.md"), elsewhere.resolve("x.md"));
        Files.writeString(elsewhere.resolve("x.md"), "outside");
        assertThatThrownBy(() -> new RunbookWriter(f.wb).write("out.md", false))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_OUTSIDE_ROOT));
        assertThat(Files.readString(elsewhere.resolve("x.md"))).isEqualTo("outside");
    }

    /** From a level-2 heading to the next one (or the end). */
    static String section(String md, String heading) {
        int start = md.indexOf(heading + "\n");
        assertThat(start).as("heading %s", heading).isNotNegative();
        int next = md.indexOf("\n## ", start + heading.length());
        return md.substring(start, next < 0 ? md.length() : next + 1);
    }
}
