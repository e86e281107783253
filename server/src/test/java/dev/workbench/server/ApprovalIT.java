package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `aw approve`: refused without a terminal; a person at a terminal (a pseudo-terminal from `script`) approves. */
class ApprovalIT {
    @TempDir
    Path root;

    @BeforeEach
    void reviewedArea() throws Exception {
        Files.writeString(root.resolve("report.md"), "# Report\n");
        assertThat(AwProcess.run(root, "review-stage", "area=report", "action=execute", "artifacts=[\"report.md\"]")
                        .exitCode())
                .isZero();
        assertThat(AwProcess.run(
                                root,
                                "review-stage",
                                "--json",
                                "{\"area\":\"report\",\"action\":\"review\",\"checks\":[{\"name\":\"renders\",\"passed\":true}]}")
                        .exitCode())
                .isZero();
    }

    @Test
    void withoutATerminal_approvalIsRefused_andNothingChanges() throws Exception {
        String before = Files.readString(root.resolve(".aw/stages/report/status.json"));
        AwProcess r = AwProcess.run(root, "approve", "report");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("needs a terminal");
        AwProcess tool = AwProcess.run(root, "review-stage", "area=report", "action=approve");
        assertThat(tool.exitCode()).isEqualTo(1);
        assertThat(tool.stdout()).contains("HUMAN_APPROVAL_REQUIRED", "aw approve report");
        assertThat(Files.readString(root.resolve(".aw/stages/report/status.json")))
                .isEqualTo(before);
    }

    @Test
    void aPersonAtATerminal_approves() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux script for a pseudo-terminal");
        String command = String.join(
                " ",
                Processes.aw("approve", "report").stream()
                        .map(a -> "'" + a + "'")
                        .toList());
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null")
                .directory(root.toFile())
                .start();
        p.getOutputStream().write("y\nchecked the totals\n".getBytes());
        p.getOutputStream().flush();
        String screen = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(screen).contains("Approve the work of area \"report\"", "renders", "is now APPROVED");
        assertThat(Files.readString(root.resolve(".aw/stages/report/approval.json")))
                .contains("\"approved\"", "checked the totals");
    }
}
