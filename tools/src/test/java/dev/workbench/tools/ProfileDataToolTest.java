package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** profile-data through the executor: what it accepts, what it refuses before any engine, and that it writes nothing. */
class ProfileDataToolTest {
    @TempDir
    Path dir;

    private ToolResult call(String json) throws Exception {
        Workbench wb = new Workbench(dir.toRealPath());
        return ToolExecutor.execute(
                Tools.find(ProfileDataTool.NAME).orElseThrow(), Json.mapper().readTree(json), new ToolContext(wb));
    }

    @Test
    void profilesACsv_andLeavesNoTrace() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id,amount\n1,2.5\n2,\n3,7.5\n");
        ToolResult r = call("{\"path\":\"orders.csv\"}");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.structured().at("/columns/1/nulls").asLong()).isEqualTo(1);
        assertThat(r.structured().at("/columns/1/mean").asDouble()).isEqualTo(5.0);
        assertThat(r.structured().at("/columns/1/quantiles/p50").asDouble()).isEqualTo(5.0);
        // the local engine's spill folder (.aw/tmp/) may exist; no record, log or activity entry does
        try (var walk = Files.walk(dir.resolve(".aw"))) {
            assertThat(walk.filter(Files::isRegularFile))
                    .as("a profile records nothing")
                    .isEmpty();
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing at all: fine
        }
        assertThat(Tools.find(ProfileDataTool.NAME).orElseThrow().hints().readOnly())
                .isTrue();
    }

    @Test
    void refusesBeforeAnyEngine() throws Exception {
        for (String bad : new String[] {
            "{}",
            "{\"path\":\"a.csv\",\"sql\":\"SELECT 1\"}",
            "{\"path\":\"a.csv\",\"source\":\"local\"}",
            "{\"sql\":\"DELETE FROM t\"}",
            "{\"sql\":\"SELECT 1\",\"source\":\"no such\"}",
            "{\"sql\":\"SELECT 1\",\"sampleRows\":0}",
            "{\"sql\":\"SELECT 1\",\"columns\":[]}",
            "{\"sql\":\"SELECT 1\",\"columns\":[\"a\",\"a\"]}"
        }) {
            ToolResult r = call(bad);
            assertThat(r.code()).as(bad + " → " + r.text()).isEqualTo(ErrorCode.INVALID_INPUT);
        }
        assertThat(call("{\"path\":\"../x.csv\"}").code()).isEqualTo(ErrorCode.PATH_OUTSIDE_ROOT);
        assertThat(call("{\"sql\":\"SELECT * FROM nowhere\"}").code()).isEqualTo(ErrorCode.QUERY_FAILED);
        assertThat(call("{\"sql\":\"SELECT 1\",\"source\":\"warehouse\"}").code())
                .isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
    }
}
