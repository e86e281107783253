package dev.workbench.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.capture.RunParams;
import dev.workbench.core.run.RunRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aw://runs/comparison over runs whose params and metrics were found by {@link RunParams}, as the hooks record them. */
class RunComparisonTest {
    @TempDir
    Path root;

    /** Records a run of the sweep the way a hook does: params and metrics from the command and its outputs. */
    private void sweepRun(Workbench wb, int window, String rmse) throws IOException {
        String out = "results/window-" + window;
        Files.createDirectories(root.resolve(out));
        Files.writeString(root.resolve(out + "/metrics.json"), "{\"rmse\": " + rmse + ", \"train\": {\"mae\": 1.5}}");
        Files.writeString(root.resolve(out + "/predictions.csv"), "day,pred\n1,2\n");
        String command = "python3 scripts/model.py --window " + window + " --horizon 1 --out " + out;
        List<String> outputs = List.of(out + "/metrics.json", out + "/predictions.csv");
        RunParams found = RunParams.of(root, command, outputs);
        wb.runs()
                .record(new RunRequest(
                        command,
                        null,
                        null,
                        0,
                        1200L,
                        List.of(),
                        outputs,
                        found.params(),
                        found.metrics(),
                        "recorded by the post-tool-use hook"));
    }

    private static List<List<String>> rows(String markdown) {
        return markdown.lines()
                .filter(l -> l.startsWith("| 2")) // run ids start with the date
                .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split("(?<!\\\\)\\|", -1))
                        .map(String::strip)
                        .toList())
                .toList();
    }

    @Test
    void sweepThroughRunParams_oneRowPerRun_paramsAndMetricsAsColumns_sortedByWindow() throws IOException {
        Workbench wb = new Workbench(root);
        sweepRun(wb, 7, "2.25");
        sweepRun(wb, 14, "2.5");
        sweepRun(wb, 3, "3.125");

        String md = new WorkbenchResources(wb).read(RunComparisonView.URI).text();

        assertThat(md).contains("## (no area)\n\nSame in all 3 runs: `horizon = 1`\n\n");
        assertThat(md).contains("| run | when | exit | ms | command | window | out | rmse | train.mae |");
        List<List<String>> rows = rows(md);
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(r -> r.get(5)).containsExactly("3", "7", "14");
        assertThat(rows)
                .extracting(r -> r.get(6))
                .containsExactly("results/window-3", "results/window-7", "results/window-14");
        assertThat(rows).extracting(r -> r.get(7)).containsExactly("3.125", "2.25", "2.5");
        assertThat(rows).extracting(r -> r.get(8)).containsExactly("1.5", "1.5", "1.5");
        assertThat(rows).extracting(r -> r.get(2)).containsOnly("0");
    }

    @Test
    void columnsAreTheUnionOverRuns_missingCellsEmpty_valuesOfMixedTypesOrdered() {
        Workbench wb = new Workbench(root);
        record(wb, "python fit.py --alpha 10", Map.of("alpha", 10), Map.of("rmse", 1.0));
        record(wb, "python fit.py --alpha 9.5 --l1 0.5", Map.of("alpha", 9.5, "l1", 0.5), Map.of("mae", 2.0));
        record(wb, "python fit.py --alpha auto", Map.of("alpha", "auto"), Map.of());
        record(wb, "python fit.py", Map.of(), Map.of("rmse", 4.0));

        List<List<String>> rows =
                rows(new WorkbenchResources(wb).read(RunComparisonView.URI).text());

        assertThat(rows).hasSize(4);
        // alpha: 9.5 < 10 as numbers (not as text), then the text, then the run without it
        assertThat(rows)
                .extracting(r -> r.get(4))
                .containsExactly(
                        "`python fit.py --alpha 9.5 --l1 0.5`",
                        "`python fit.py --alpha 10`",
                        "`python fit.py --alpha auto`",
                        "`python fit.py`");
        assertThat(rows).extracting(r -> r.size()).containsOnly(5 + 4); // alpha, l1, rmse, mae in every row
        assertThat(rows.get(3).subList(5, 9)).containsExactly("", "", "4", "");
    }

    private static void record(Workbench wb, String command, Map<String, Object> params, Map<String, Double> metrics) {
        Map<String, JsonNode> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, Json.mapper().valueToTree(v)));
        wb.runs().record(new RunRequest(command, null, null, null, null, List.of(), List.of(), p, metrics, null));
    }
}
