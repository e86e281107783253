package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aw report} in its own process: the HTML alone on stdout; a bad --out is a usage error on stderr. */
class ReportCommandIT {
    @TempDir
    Path root;

    @Test
    void withoutOut_theReportIsPrintedOnStdout_andNothingElse() {
        AwProcess.run(root, "update-project", "name=Checkout é");
        AwProcess r = AwProcess.run(root, "report");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("<!doctype html>").endsWith("</html>");
        assertThat(r.stdout()).contains("<title>Workbench report: Checkout é</title>");
        assertThat(r.stdout()).contains("<section id=\"overview\"").contains("<section id=\"review\"");
    }

    @Test
    void outInsideTheState_exitsTwo_namingTheOption_withNothingOnStdout() {
        AwProcess.run(root, "update-project", "name=Checkout");
        AwProcess r = AwProcess.run(root, "report", "--out", ".aw/report.html");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.stderr()).contains("--out").contains(".aw/");
        assertThat(r.stdout()).isEmpty();
        assertThat(root.resolve(".aw/report.html")).doesNotExist();
    }
}
