package dev.workbench.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Workbench;
import dev.workbench.server.stdio.InProcessSession;
import dev.workbench.tools.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's data part over a real MCP session: the example log unpacked from the class path, profiled by the
 * engine, the experiment defined by SQL and frozen; with {@code collect-metrics} in this build, collected, analysed
 * and decided.
 */
class DemoDataTest {
    @TempDir
    Path dir;

    @Test
    void fromTheEventLog_toCollecting_andOnToADecisionWhereCollectMetricsExists() throws Exception {
        Path root = dir.toRealPath();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InProcessSession session = InProcessSession.open(new Workbench(root));
                PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new DemoData(new DemoClient(out, session.client()), root).run();
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(Files.size(root.resolve("data/checkout/events.parquet")))
                .isEqualTo(Files.size(CheckoutExampleTest.SHIPPED.resolve("events.parquet")));
        assertThat(printed)
                .contains("profile-data", "2732 facts, 4 columns in 4 queries", "purchase 2190")
                .contains("4000 exposures; variants short_form 2029, control 1971")
                .contains("experiment draft", "collecting; the definitions are frozen")
                .doesNotContain("✗ QUERY_FAILED", "✗ INVALID_INPUT");
        if (Tools.find("collect-metrics").isPresent()) {
            assertThat(printed).contains("inputData written", "decided: ship short_form");
        } else {
            assertThat(printed).contains("this build has no collect-metrics");
        }
    }
}
