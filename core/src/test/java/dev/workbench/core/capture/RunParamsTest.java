package dev.workbench.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.run.RunRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Params and metrics from real files among a run's outputs, on a real folder. */
class RunParamsTest {
    @TempDir
    Path root;

    private void write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static String json(Map<String, ?> map) {
        return Json.mapper().valueToTree(map).toString();
    }

    @Test
    void metricsJson_numbersFlattenedWithDots_listsTextAndNonFiniteLeftOut() throws IOException {
        write("out/metrics.json", """
                {"rmse": 2.5, "mae": 1, "train": {"loss": 0.25, "f1 score": 0.5, "per_epoch": [0.9, 0.5]},
                 "model": "gbm", "converged": true, "nan": NaN, "inf": Infinity, "val/acc": 0.75, "_step": 3}
                """);
        RunParams.Found found = RunParams.find(root, "python fit.py", List.of("out/metrics.json"));
        assertThat(json(found.runParams().metrics()))
                .isEqualTo("{\"rmse\":2.5,\"mae\":1.0,\"train.loss\":0.25,\"train.f1_score\":0.5,\"val.acc\":0.75}");
        assertThat(found.runParams().params()).isEmpty();
        assertThat(found.notes()).singleElement().asString().contains("out/metrics.json: 5 entries left out");
    }

    @Test
    void wandbSummary_underscoreNamesAndMediaSkipped() throws IOException {
        write("wandb/run-1/files/wandb-summary.json", """
                {"_runtime": 12.5, "_step": 99, "_timestamp": 1764576000.1, "_wandb": {"runtime": 12},
                 "train/loss": 0.125, "epoch": 9, "examples": {"_type": "table-file", "path": "x.json", "nrows": 3}}
                """);
        write("summary.json", "{\"accuracy\": 0.875, \"_step\": 1}");
        RunParams p = RunParams.of(root, "python train.py", List.of("wandb/run-1/files", "summary.json"));
        assertThat(json(p.metrics())).isEqualTo("{\"train.loss\":0.125,\"epoch\":9.0,\"accuracy\":0.875}");
    }

    @Test
    void paramsYamlYmlAndJson_flattenedTypedAndListsAsText() throws IOException {
        write("params.yaml", """
                train:
                  lr: 0.001
                  small: 1.0e-05
                  epochs: 10
                  shuffle: true
                  layers: [64, 128]
                  optimizer: adam
                  notes: null
                featurize:
                  max_features: 200
                """);
        write("b/params.yml", "seed: 42\n");
        write("c/params.json", "{\"alpha\": 0.5, \"name\": \"ridge\", \"grid\": {\"c\": [1, 10]}}");
        RunParams p = RunParams.of(root, "dvc repro", List.of("params.yaml", "b/params.yml", "c/params.json"));
        assertThat(json(p.params()))
                .isEqualTo(
                        "{\"train.lr\":0.001,\"train.small\":1.0E-5,\"train.epochs\":10,"
                                + "\"train.shuffle\":true,\"train.layers\":\"[64,128]\",\"train.optimizer\":\"adam\","
                                + "\"featurize.max_features\":200,\"seed\":42,\"alpha\":0.5,\"name\":\"ridge\",\"grid.c\":\"[1,10]\"}");
        assertThat(p.metrics()).isEmpty();
    }

    @Test
    void hydraOutputFolder_configAndOverridesRead_fromTheFolderOrItsFiles() throws IOException {
        String run = "outputs/2026-12-01/10-00-00";
        write(run + "/.hydra/config.yaml", """
                lr: 0.01
                model:
                  depth: 3
                  name: resnet
                  width: ${model.depth}
                trainer:
                  max_epochs: 20
                """);
        write(run + "/.hydra/overrides.yaml", "- lr=0.01\n- +model.depth=3\n- ~trainer.logger\n- db@backup=mysql\n");
        write(run + "/.hydra/hydra.yaml", "hydra:\n  run:\n    dir: outputs\n");
        write(run + "/metrics.json", "{\"val_loss\": 0.3}");
        write(run + "/train.log", "done\n");
        String command = "python train.py lr=0.01 +model.depth=3 ~trainer.logger";
        String expectedParams = "{\"lr\":0.01,\"model.depth\":3,\"model.name\":\"resnet\",\"trainer.max_epochs\":20}";

        RunParams.Found fromFolder = RunParams.find(root, command, List.of(run));
        assertThat(json(fromFolder.runParams().params())).isEqualTo(expectedParams);
        assertThat(json(fromFolder.runParams().metrics())).isEqualTo("{\"val_loss\":0.3}");

        RunParams fromFiles = RunParams.of(
                root,
                command,
                List.of(
                        run + "/.hydra/config.yaml",
                        run + "/.hydra/overrides.yaml",
                        run + "/.hydra/hydra.yaml",
                        run + "/metrics.json",
                        run + "/train.log"));
        assertThat(json(fromFiles.params())).isEqualTo(expectedParams);
        assertThat(json(fromFiles.metrics())).isEqualTo("{\"val_loss\":0.3}");
    }

    @Test
    void outputFolder_lookedIntoOneLevelOnly() throws IOException {
        write("results/metrics.json", "{\"top\": 1}");
        write("results/window-3/metrics.json", "{\"deep\": 1}");
        assertThat(RunParams.of(root, "python m.py", List.of("results")).metrics())
                .containsOnlyKeys("top");
    }

    @Test
    void commandLineAndFiles_fileValueWinsWithANote_sameValuesSilently() throws IOException {
        write("out/params.json", "{\"lr\": 0.01, \"epochs\": 10.0, \"batch\": 32}");
        RunParams.Found found =
                RunParams.find(root, "python fit.py --lr 0.1 --epochs 10 --window 7", List.of("out/params.json"));
        assertThat(json(found.runParams().params()))
                .isEqualTo("{\"lr\":0.01,\"epochs\":10.0,\"window\":7,\"batch\":32}");
        assertThat(found.notes())
                .containsExactly("param lr: the command line gave 0.1, the run's files 0.01; kept the files' value");
    }

    @Test
    void malformedFiles_skippedWithANote_othersStillRead() throws IOException {
        write("a/metrics.json", "{\"rmse\": 1.5,");
        write("b/params.yaml", "train: [unclosed\n  lr: 1\n");
        write("c/metrics.json", "[0.1, 0.2]");
        write("d/.hydra/overrides.yaml", "lr: 0.1\n");
        write("e/metrics.json", "");
        write("f/metrics.json", "{\"ok\": 2}");
        RunParams.Found found = RunParams.find(root, "python x.py --k 1", List.of("a", "b", "c", "d", "e", "f"));
        assertThat(json(found.runParams().metrics())).isEqualTo("{\"ok\":2.0}");
        assertThat(json(found.runParams().params())).isEqualTo("{\"k\":1}");
        assertThat(found.notes()).hasSize(5);
        assertThat(found.notes().get(0)).startsWith("a/metrics.json: not valid JSON (");
        assertThat(found.notes().get(1)).startsWith("b/params.yaml: not valid YAML (");
        assertThat(found.notes().get(2))
                .isEqualTo("c/metrics.json: expected a JSON object of names to numbers; skipped");
        assertThat(found.notes().get(3))
                .isEqualTo("d/.hydra/overrides.yaml: expected a YAML list of key=value overrides; skipped");
        assertThat(found.notes().get(4)).startsWith("e/metrics.json: ");
    }

    @Test
    void yamlAliasBomb_aliasesLeftOut_notExpanded() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [*")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append("]\n");
        }
        write("params.yaml", bomb.toString());
        RunParams.Found found = RunParams.find(root, "x", List.of("params.yaml"));
        assertThat(json(found.runParams().params()))
                .isEqualTo("{\"a\":\"[\\\"x\\\",\\\"x\\\",\\\"x\\\","
                        + "\\\"x\\\",\\\"x\\\",\\\"x\\\",\\\"x\\\",\\\"x\\\",\\\"x\\\"]\"}");
        assertThat(found.notes())
                .containsExactly("params.yaml: 10 entries left out (nulls, long text, interpolations,"
                        + " YAML aliases, or names that are not keys)");
    }

    @Test
    void yamlAliasesAndMergeKeys_leftOutRatherThanMisread() throws IOException {
        write("params.yaml", "base: &base\n  lr: 0.1\ntrain:\n  <<: *base\n  epochs: 3\nsame: *base\n");
        RunParams.Found found = RunParams.find(root, "x", List.of("params.yaml"));
        assertThat(json(found.runParams().params())).isEqualTo("{\"base.lr\":0.1,\"train.epochs\":3}");
        assertThat(found.notes()).singleElement().asString().startsWith("params.yaml: 2 entries left out");
    }

    @Test
    void hugeFile_skippedWithANote() throws IOException {
        StringBuilder big = new StringBuilder("{\"pad\": \"");
        big.append("x".repeat(ConventionalFiles.MAX_BYTES)).append("\", \"rmse\": 1}");
        write("out/metrics.json", big.toString());
        write("out/params.json", "{\"k\": 3}");
        RunParams.Found found = RunParams.find(root, "x", List.of("out"));
        assertThat(found.runParams().metrics()).isEmpty();
        assertThat(json(found.runParams().params())).isEqualTo("{\"k\":3}");
        assertThat(found.notes())
                .singleElement()
                .asString()
                .isEqualTo(
                        "out/metrics.json: " + Files.size(root.resolve("out/metrics.json")) + " bytes, more than the "
                                + ConventionalFiles.MAX_BYTES + " read for params and metrics; skipped");
    }

    @Test
    void linksOutOfTheRoot_neverFollowed_linksInsideAre(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("metrics.json"), "{\"secret\": 1}");
        Files.createDirectories(outside.resolve("run"));
        Files.writeString(outside.resolve("run/metrics.json"), "{\"secret_too\": 1}");
        Files.createDirectories(root.resolve("out"));
        Files.createSymbolicLink(root.resolve("out/metrics.json"), outside.resolve("metrics.json"));
        Files.createSymbolicLink(root.resolve("linked-run"), outside.resolve("run"));
        write("runs/1/metrics.json", "{\"inside\": 1}");
        Files.createSymbolicLink(root.resolve("latest"), Path.of("runs/1"));

        RunParams.Found found = RunParams.find(
                root,
                "x",
                List.of(
                        "out/metrics.json",
                        "linked-run",
                        "latest",
                        "../" + outside.getFileName() + "/metrics.json",
                        outside.resolve("metrics.json").toString()));
        assertThat(found.runParams().metrics()).containsOnlyKeys("inside");
        assertThat(found.notes()).hasSize(4); // paths and folders first, then the files read
        assertThat(found.notes().get(0))
                .startsWith("linked-run: ")
                .contains("symbolic link")
                .contains("outside the root");
        assertThat(found.notes().get(1))
                .isEqualTo("../" + outside.getFileName() + "/metrics.json: outside the root, not read");
        assertThat(found.notes().get(2)).isEqualTo(outside.resolve("metrics.json") + ": outside the root, not read");
        assertThat(found.notes().get(3))
                .startsWith("out/metrics.json: ")
                .contains("symbolic link")
                .contains("outside the root");
    }

    @Test
    void atMost20FilesRead_theRestNamedInANote() throws IOException {
        List<String> outputs = new ArrayList<>();
        for (int i = 10; i < 35; i++) {
            write("runs/" + i + "/metrics.json", "{\"m" + i + "\": " + i + "}");
            outputs.add("runs/" + i);
        }
        RunParams.Found found = RunParams.find(root, "x", outputs);
        assertThat(found.runParams().metrics())
                .hasSize(ConventionalFiles.MAX_FILES)
                .containsKeys("m10", "m29")
                .doesNotContainKey("m30");
        assertThat(found.notes())
                .containsExactly(
                        "5 more params or metrics files left unread (at most 20 a run): "
                                + "runs/30/metrics.json, runs/31/metrics.json, runs/32/metrics.json, runs/33/metrics.json, runs/34/metrics.json");
    }

    @Test
    void workbenchStateAndMissingOutputs_ignored() throws IOException {
        write(".aw/metrics.json", "{\"x\": 1}");
        RunParams.Found found =
                RunParams.find(root, "x", List.of(".aw/metrics.json", ".aw", "gone/metrics.json", "gone", ""));
        assertThat(found.runParams().metrics()).isEmpty();
        assertThat(found.notes()).isEmpty();
    }

    @Test
    void atMost100ParamsAnd100Metrics_theFirstInOrder() throws IOException {
        StringBuilder metrics = new StringBuilder("{");
        for (int i = 0; i < 150; i++) {
            metrics.append(i == 0 ? "" : ",")
                    .append("\"m")
                    .append(i)
                    .append("\": ")
                    .append(i);
        }
        write("metrics.json", metrics.append('}').toString());
        StringBuilder command = new StringBuilder("python x.py");
        for (int i = 0; i < 120; i++) {
            command.append(" --p").append(i).append(' ').append(i);
        }
        RunParams.Found found = RunParams.find(root, command.toString(), List.of("metrics.json"));
        assertThat(found.runParams().metrics())
                .hasSize(100)
                .containsKeys("m0", "m99")
                .doesNotContainKey("m100");
        assertThat(found.runParams().params())
                .hasSize(100)
                .containsKeys("p0", "p99")
                .doesNotContainKey("p100");
        assertThat(found.notes())
                .containsExactly(
                        "params: kept the first 100 of 120 (at most 100 and 10000 characters a run)",
                        "metrics: kept the first 100 of 150 (at most 100 and 10000 characters a run)");
    }

    @Test
    void longParams_keptWithinTheCharacterBudget_soTheRunRecordStaysSmall() throws IOException {
        StringBuilder params = new StringBuilder("{");
        for (int i = 0; i < 90; i++) {
            params.append(i == 0 ? "" : ",")
                    .append("\"key_")
                    .append("k".repeat(50))
                    .append(i)
                    .append("\": \"")
                    .append("v".repeat(ParamValues.MAX_TEXT))
                    .append('"');
        }
        write("params.json", params.append('}').toString());
        RunParams.Found found = RunParams.find(root, "x", List.of("params.json"));
        int chars = found.runParams().params().entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().toString().length() + 4)
                .sum();
        assertThat(chars).isLessThanOrEqualTo(RunParams.MAX_CHARS);
        assertThat(found.runParams().params()).hasSizeBetween(30, 40);
        assertThat(found.notes()).singleElement().asString().startsWith("params: kept the first ");
        new RunRequest(
                "x",
                null,
                null,
                null,
                null,
                null,
                null,
                found.runParams().params(),
                found.runParams().metrics(),
                null);
    }

    @Test
    void yamlScalars_typedAsJacksonYamlReadsThem_nullLeftOut_infinityAsText() throws IOException {
        write("params.yaml", "a: 1e-3\nb: yes\nc: '0.5'\nd: 0x1F\ne: ~\nf: 2026-12-01\ng: .inf\n");
        RunParams.Found f = RunParams.find(root, "x", List.of("params.yaml"));
        JsonNode p = Json.mapper().valueToTree(f.runParams().params());
        // Jackson's YAML typing: 1e-3 is a number (YAML 1.2, as ruamel and OmegaConf read it), yes a boolean (YAML 1.1,
        // as PyYAML and OmegaConf read it), a quoted number a string, a date a string; .inf a string, not a number
        assertThat(p.toString())
                .isEqualTo("{\"a\":0.001,\"b\":true,\"c\":\"0.5\",\"d\":31,\"f\":\"2026-12-01\",\"g\":\".inf\"}");
        assertThat(f.notes())
                .containsExactly("params.yaml: 1 entry left out (nulls, long text, interpolations, YAML aliases,"
                        + " or names that are not keys)");
    }
}
