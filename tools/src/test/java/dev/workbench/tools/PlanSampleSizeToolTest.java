package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan-sample-size through the executor, and its answer copied into a record by upsert-experiment. */
class PlanSampleSizeToolTest {
    @TempDir
    Path root;

    ToolContext context;

    @BeforeEach
    void setUp() {
        context = new ToolContext(new Workbench(root));
    }

    private ToolResult run(String tool, String json) throws IOException {
        return ToolExecutor.execute(
                Tools.find(tool).orElseThrow(), Json.mapper().readTree(json), context);
    }

    @Test
    void theAnswerIsTheWireFormAndStoresNothing() throws IOException {
        ToolResult r = run("plan-sample-size", "{\"baseline\":{\"rate\":0.04},\"mde\":0.1,\"dailyUnits\":4000}");
        assertThat(r.isError()).as(r.text()).isFalse();
        JsonNode out = r.structured();
        assertThat(out.fieldNames())
                .toIterable()
                .containsExactly("per_variant", "total", "days", "floor_applied", "basis", "minimumSampleBasis");
        assertThat(out.get("per_variant").asLong()).isEqualTo(41_631);
        assertThat(out.get("days").asLong()).isEqualTo(21);
        assertThat(out.at("/basis/step").asText()).isEqualTo("baseline");
        assertThat(run("plan-sample-size", "{\"metricType\":\"signup\"}")
                        .structured()
                        .get("days")
                        .isNull())
                .isTrue();
        assertThat(root.resolve(".aw")).doesNotExist();
    }

    @Test
    void refusalsNameTheField() throws IOException {
        ToolResult both = run("plan-sample-size", "{\"baseline\":{\"rate\":0.1,\"mean\":2,\"stddev\":1},\"mde\":0.1}");
        assertThat(both.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(both.message()).startsWith("baseline.mean: expected either baseline.rate");
        ToolResult type = run("plan-sample-size", "{\"metricType\":\"checkout\"}");
        assertThat(type.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(type.message()).contains("metricType", "purchase");
    }

    @Test
    void theBasisGoesIntoTheRecordWithMinimumSample() throws IOException {
        JsonNode plan = run("plan-sample-size", "{\"metricType\":\"purchase\"}").structured();
        ToolResult up = run(
                "upsert-experiment",
                "{\"slug\":\"cta\",\"minimumSample\":" + plan.get("per_variant") + ",\"minimumSampleBasis\":"
                        + plan.get("minimumSampleBasis") + "}");
        assertThat(up.isError()).as(up.text()).isFalse();
        JsonNode got = run("get-experiment", "{\"slug\":\"cta\"}").structured();
        assertThat(got.get("minimumSample").asLong()).isEqualTo(1_500);
        assertThat(got.get("minimumSampleBasis").asText())
                .isEqualTo(plan.get("minimumSampleBasis").asText())
                .contains("seed's metric-type table");
    }
}
