package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `aw` command as hooks call it: result JSON on stdout, exit 0 / 1 (tool error) / 2 (usage error). */
class CommandLineIT {
    @TempDir
    Path root;

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void toolCall_printsTheResultAsJson_andExitsZero() throws Exception {
        AwProcess r = AwProcess.run(root, "get-project");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(json(r.stdout()).get("initialized").asBoolean()).isFalse();
        assertThat(json(r.stdout()).get("root").asText())
                .isEqualTo(root.toRealPath().toString());
    }

    @Test
    void keyValuePairs_areJsonWhenTheyParse_andDottedKeysNest() throws Exception {
        AwProcess r = AwProcess.run(
                root,
                "upsert-experiment",
                "slug=cta",
                "controlVariant=a",
                "treatmentVariants=[\"b\",\"c\"]",
                "minimumSample=500",
                "hypothesis=forms are too long");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode e = json(r.stdout());
        assertThat(e.get("treatmentVariants")).hasSize(2);
        assertThat(e.get("minimumSample").asInt()).isEqualTo(500);
        assertThat(e.get("hypothesis").asText()).isEqualTo("forms are too long");
        AwProcess area = AwProcess.run(root, "update-project", "area.name=cleaning", "area.mode=explore", "stage=1");
        assertThat(json(area.stdout()).at("/project/areas/cleaning/mode").asText())
                .isEqualTo("explore");
        assertThat(json(area.stdout()).at("/project/stage").asText())
                .as("a string field keeps digits as text")
                .isEqualTo("1");
        AwProcess numeric = AwProcess.run(root, "upsert-experiment", "slug=2024", "decision=true");
        assertThat(numeric.exitCode()).as(numeric.stderr()).isZero();
        assertThat(json(numeric.stdout()).get("slug").asText()).isEqualTo("2024");
    }

    @Test
    void jsonArgument_andRootOption_work_fromAnotherFolder(@TempDir Path elsewhere) throws Exception {
        AwProcess r = AwProcess.run(
                elsewhere,
                "update-project",
                "--root",
                root.toString(),
                "--json",
                "{\"name\":\"Checkout\",\"stage\":\"framing\"}");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(root.resolve(".aw/status.json")).exists();
        assertThat(elsewhere.resolve(".aw")).doesNotExist();
    }

    @Test
    void toolError_printsTheErrorJson_andExitsOne() throws Exception {
        AwProcess r = AwProcess.run(root, "get-experiment", "slug=missing");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(json(r.stdout()).at("/error/code").asText()).isEqualTo("NOT_FOUND");
        assertThat(r.stderr()).contains("NOT_FOUND");
    }

    @Test
    void usageError_exitsTwo_withNothingOnStdout() {
        for (String[] args : new String[][] {
            {"get-project", "not-a-pair"},
            {"get-project", "--json", "{oops"},
            {"no-such-command"},
            {"get-project", "--json", "[1]"}
        }) {
            AwProcess r = AwProcess.run(root, args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.stdout()).as(String.join(" ", args)).isEmpty();
            assertThat(r.stderr()).isNotBlank();
        }
        assertThat(root.resolve(".aw")).doesNotExist();
    }

    @Test
    void versionAndHelp_exitZero() {
        AwProcess version = AwProcess.run(root, "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).startsWith("aw ");
        AwProcess help = AwProcess.run(root, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("serve", "demo", "upsert-experiment", "log-decision");
    }

    @Test
    void demo_runsTheLifecycle_andLeavesTheCurrentFolderUntouched() throws Exception {
        AwProcess r = AwProcess.run(root, "demo");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout())
                .contains(
                        "CONTRACT_FROZEN",
                        "INVALID_COUNTS",
                        "NOT_COLLECTING",
                        "ANALYSIS_STALE",
                        "analysisStale=true",
                        "decided",
                        "aw://journal",
                        // the program: a refused approval given by the person, the holdout's trend, the claim
                        "HUMAN_APPROVAL_REQUIRED",
                        "> **Approved** by",
                        "holdout trend: holds",
                        "short-checkout-follow-up-1 drafted",
                        "aw://claims/shorter-forms (supported, approved=true)");
        try (var files = Files.list(root)) {
            assertThat(files).isEmpty();
        }
    }
}
