package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.Workbench;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToolExecutorTest {
    @TempDir
    Path root;

    ToolContext context;

    @BeforeEach
    void setUp() {
        context = new ToolContext(new Workbench(root));
    }

    private ToolResult run(String tool, String json) {
        try {
            JsonNode args = json == null ? null : Json.mapper().readTree(json);
            return ToolExecutor.execute(Tools.find(tool).orElseThrow(), args, context);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "get-experiment|{}|INVALID_INPUT|slug: required",
                "get-experiment|{\"slug\":\"a\",\"extra\":1}|INVALID_INPUT|extra: unknown field for get-experiment; known fields: slug",
                "get-experiment|{\"slug\":5}|INVALID_INPUT|slug: expected a string",
                "get-project|{\"limit\":0}|INVALID_INPUT|limit: expected a whole number from 1 to 100, got 0",
                "get-project|{\"limit\":\"ten\"}|INVALID_INPUT|limit: expected a whole number",
                "get-project|{\"limit\":2.5}|INVALID_INPUT|limit: expected a whole number",
                "update-project|{}|INVALID_INPUT|nothing to update",
                "update-project|{\"area\":{\"name\":\"x\",\"mode\":\"flying\"}}|INVALID_INPUT|area.mode: expected one of \"probe\", \"explore\", \"experiment\", \"operate\", got \"flying\"",
                "update-project|{\"area\":{\"mode\":\"probe\"}}|INVALID_INPUT|area.name: required",
                "upsert-experiment|{\"slug\":\"x\",\"treatmentVariants\":\"b\"}|INVALID_INPUT|treatmentVariants: expected an array",
                "upsert-experiment|{\"slug\":\"x\",\"status\":\"done\"}|INVALID_INPUT|status: expected one of",
                "upsert-experiment|{\"slug\":\"x\",\"guardrailEvents\":[\"a b\"]}|INVALID_INPUT|guardrailEvents[0]: expected a name",
                "checkpoint|{\"paths\":[\"data\"],\"operation\":\"raw\",\"area\":\"a b\"}|INVALID_INPUT|area: expected a name",
                "log-decision|{\"context\":\"c\",\"options\":[],\"chosen\":\"a\",\"rationale\":\"r\"}|INVALID_INPUT|options: expected at least one entry",
                "log-decision|{\"context\":\"c\",\"options\":[\"a\"],\"chosen\":\"a\",\"rationale\":\"r\",\"experiment\":\"nope\"}|NOT_FOUND|no experiment \"nope\""
            })
    void badInput_isACodedErrorNamingTheField(String tool, String json, ErrorCode code, String messageStart) {
        ToolResult result = run(tool, json);
        assertThat(result.isError()).isTrue();
        assertThat(result.code()).isEqualTo(code);
        assertThat(result.message()).startsWith(messageStart);
        assertThat(result.text()).isEqualTo(code + ": " + result.message());
        assertThat(result.structured().at("/error/code").asText()).isEqualTo(code.name());
        assertThat(root.resolve(".aw")).as("a refused call writes nothing").doesNotExist();
    }

    @Test
    void argumentsThatAreNotAnObject_areInvalidInput() {
        assertThat(run("get-project", "[1,2]").message()).startsWith("arguments: expected a JSON object");
    }

    @Test
    void missingArguments_areAnEmptyObject() {
        assertThat(run("get-project", null).isError()).isFalse();
        assertThat(run("get-project", "null").isError()).isFalse();
    }

    @Test
    void missingArguments_ofAToolWithRequiredFields_sayWhatTheToolExpects() {
        for (String args : new String[] {null, "null"}) {
            ToolResult result = run("get-experiment", args);
            assertThat(result.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(result.message())
                    .isEqualTo("arguments: none given; get-experiment expects an object with the "
                            + "fields slug (required) (slug: required)");
        }
    }

    @Test
    void aNumberTooLargeForItsField_namesTheFieldAndTheRange() {
        assertThat(run("upsert-experiment", "{\"slug\":\"x\",\"minimumSample\":1e40}")
                        .message())
                .isEqualTo(
                        "minimumSample: expected a whole number between -9223372036854775808 and 9223372036854775807, "
                                + "got 1.0E40");
        assertThat(run("upsert-experiment", "{\"slug\":\"x\",\"minimumSample\":99999999999999999999}")
                        .message())
                .isEqualTo(
                        "minimumSample: expected a whole number between -9223372036854775808 and 9223372036854775807, "
                                + "got 99999999999999999999");
        assertThat(run("get-project", "{\"limit\":3000000000}").message())
                .isEqualTo("limit: expected a whole number between -2147483648 and 2147483647, got 3000000000");
        assertThat(run(
                                "review-stage",
                                "{\"area\":\"a\",\"action\":\"review\",\"checks\":[{\"name\":\"n\",\"passed\":true},"
                                        + "{\"name\":\" \",\"passed\":true}]}")
                        .message())
                .startsWith("checks[1].name: expected non-blank text");
        assertThat(run("record-run", "{\"command\":\"c\",\"inputs\":[\"a\",null]}")
                        .message())
                .isEqualTo("inputs[1]: expected a string, got null");
        assertThat(root.resolve(".aw")).doesNotExist();
    }

    @Test
    void argumentOverTheLimit_isInputTooLarge() {
        String big = "x".repeat(ToolExecutor.MAX_INPUT_BYTES + 10);
        ToolResult result = run("update-project", "{\"hypothesis\":\"" + big + "\"}");
        assertThat(result.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
        assertThat(root.resolve(".aw")).doesNotExist();
    }

    @Test
    void getProject_withLongRecords_trimsItsPageToFit_andTheCursorContinues() {
        for (int i = 0; i < 60; i++) {
            assertThat(run(
                                    "upsert-experiment",
                                    "{\"slug\":\"exp-" + (100 + i) + "\",\"hypothesis\":\"" + "\\\"q".repeat(1900)
                                            + "\"}")
                            .isError())
                    .isFalse();
        }
        ToolResult page = run("get-project", "{\"limit\":100,\"activity\":50}");
        assertThat(page.isError()).as(page.text()).isFalse();
        assertThat(ResponseBudget.toolResponse(page.structured())).isLessThanOrEqualTo(100_000);
        int seen = page.structured().at("/experiments/items").size();
        String cursor = page.structured().at("/experiments/nextCursor").asText();
        while (!cursor.isEmpty()) {
            ToolResult next = run("get-project", "{\"limit\":100,\"cursor\":\"" + cursor + "\"}");
            seen += next.structured().at("/experiments/items").size();
            cursor = next.structured().at("/experiments/nextCursor").asText();
        }
        assertThat(seen).isEqualTo(60);
    }

    @Test
    void success_returnsTheStructuredResult() {
        ToolResult result = run("upsert-experiment", "{\"slug\":\"cta\",\"controlVariant\":\"a\"}");
        assertThat(result.isError()).isFalse();
        assertThat(result.structured().get("slug").asText()).isEqualTo("cta");
        assertThat(result.structured().get("created").asBoolean()).isTrue();
        assertThat(result.structured().get("revision").asLong()).isEqualTo(1);
        assertThat(result.text()).isEqualTo(result.structured().toString());
    }

    @Test
    void checkpoint_withArea_storesItInTheManifest() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/x.csv"), "a\n1\n");
        ToolResult result = run("checkpoint", "{\"paths\":[\"data\"],\"operation\":\"raw\",\"area\":\"cleaning\"}");
        assertThat(result.isError()).isFalse();
        assertThat(context.workbench().checkpoints().get("01").area()).isEqualTo("cleaning");
        assertThat(context.workbench().checkpoints().list().get(0).area()).isEqualTo("cleaning");
        assertThat(run("checkpoint", "{\"paths\":[\"data\"],\"operation\":\"again\"}")
                        .isError())
                .isFalse();
        assertThat(context.workbench().checkpoints().get("02").area()).isNull();
    }

    @Test
    void aFolderWhereTheStoreWantsAFile_isStorageError_namingThePath_andNothingChanged() throws Exception {
        Files.createDirectories(root.resolve(".aw/status.json/inside"));
        ToolResult result = run("update-project", "{\"name\":\"n\"}");
        assertThat(result.code()).as(result.text()).isEqualTo(ErrorCode.STORAGE_ERROR);
        assertThat(result.message())
                .startsWith("cannot read .aw/status.json: ")
                .contains("nothing was changed")
                .doesNotContain(root.toString(), "java.", "Exception");
        assertThat(root.resolve(".aw/activity.jsonl")).doesNotExist();
    }

    @Test
    void aFolderWhereALogShouldBe_afterAWrite_saysWhichWritesStayed() throws Exception {
        Files.createDirectories(root.resolve(".aw/activity.jsonl/inside"));
        ToolResult result = run("upsert-experiment", "{\"slug\":\"cta\"}");
        assertThat(result.code()).as(result.text()).isEqualTo(ErrorCode.STORAGE_ERROR);
        assertThat(result.message())
                .startsWith("cannot append to .aw/activity.jsonl")
                .contains("the 1 write(s) it had made before stay")
                .doesNotContain("nothing was changed", root.toString());
    }

    @Test
    void aFullDisk_isStorageFull_andOnlyTheWritesBeforeItStay() throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
        // What AtomicFile throws when the kernel answers ENOSPC, with the kernel's own answer from /dev/full.
        Consumer<Store> fullDisk = store -> {
            try (var out = Files.newOutputStream(full)) {
                out.write(new byte[64 * 1024]);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + store.path("experiments/cta.json"), e);
            }
        };
        ToolResult first = ToolExecutor.execute(new FailingTool(false, fullDisk), null, context);
        assertThat(first.code()).as(first.text()).isEqualTo(ErrorCode.STORAGE_FULL);
        assertThat(first.message())
                .isEqualTo("cannot write .aw/experiments/cta.json: No space left on device; "
                        + "nothing was changed; free some disk space and call again");
        ToolResult later = ToolExecutor.execute(new FailingTool(true, fullDisk), null, context);
        assertThat(later.code()).isEqualTo(ErrorCode.STORAGE_FULL);
        assertThat(later.message()).contains("the 1 write(s) it had made before stay");
        assertThat(root.resolve(".aw/note.json")).exists();
    }

    /** A tool that fails the way the store does, after one write or before any. */
    private record FailingTool(boolean writeFirst, Consumer<Store> failure)
            implements Tool<FailingTool.In, FailingTool.In> {
        record In() {}

        public String name() {
            return "failing";
        }

        public String title() {
            return "failing";
        }

        public String description() {
            return "fails";
        }

        public Class<In> inputType() {
            return In.class;
        }

        public Class<In> outputType() {
            return In.class;
        }

        public Hints hints() {
            return Hints.OVERWRITES;
        }

        public In call(In input, ToolContext context) {
            var store = context.workbench().store();
            return store.transaction(() -> {
                if (writeFirst) {
                    store.write("note.json", Map.of("a", 1));
                }
                failure.accept(store);
                return input;
            });
        }
    }

    @Test
    void successText_isTheStructuredJsonAsATreeWritesIt() {
        run(
                "upsert-experiment",
                "{\"slug\":\"t\",\"hypothesis\":\"quotes \\\" and \\u00e9 and \\n\",\"controlVariant\":\"a\","
                        + "\"treatmentVariants\":[\"b\"]}");
        for (String tool : new String[] {"get-project", "get-experiment"}) {
            ToolResult result = run(tool, tool.equals("get-project") ? "{}" : "{\"slug\":\"t\"}");
            assertThat(result.isError()).as(result.text()).isFalse();
            // the text the executor measured the budget on is the one MCP sends: the tree written out
            assertThat(result.text()).isEqualTo(result.structured().toString());
            assertThat(ToolResult.success(result.structured()).text()).isEqualTo(result.text());
        }
    }
}
