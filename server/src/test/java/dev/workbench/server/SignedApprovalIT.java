package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `aw approve --key` under {@code {"approval": "signed"}}, through the jar: the self-approval of the issue (a faked
 * terminal from `script`) is refused, a person's key signs, and the session-start hook sees a tampered approval.
 */
class SignedApprovalIT {
    @TempDir
    Path root;

    @TempDir
    Path keys;

    @BeforeEach
    void reviewedArea_underTheSignedPolicy() throws Exception {
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
        Process keygen = new ProcessBuilder(
                        "ssh-keygen",
                        "-q",
                        "-t",
                        "ed25519",
                        "-N",
                        "",
                        "-C",
                        "ada",
                        "-f",
                        keys.resolve("ada").toString())
                .redirectErrorStream(true)
                .start();
        keygen.getInputStream().readAllBytes();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keygen.exitValue()).isZero();
        Files.writeString(root.resolve(".aw/policy.json"), "{\"approval\": \"signed\"}\n");
        Files.writeString(
                root.resolve(".aw/allowed_signers"), "ada@example.com " + Files.readString(keys.resolve("ada.pub")));
    }

    private String atATerminal(String answers, String... awArgs) throws Exception {
        String command = String.join(
                " ", Processes.aw(awArgs).stream().map(a -> "'" + a + "'").toList());
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().write(answers.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        String screen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return screen;
    }

    @Test
    void theFakedTerminalOfTheIssue_isRefusedAsUnsigned_andNothingChanges() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux script for a pseudo-terminal");
        String before = Files.readString(root.resolve(".aw/stages/report/status.json"));
        String screen = atATerminal("y\n\n", "approve", "report");
        assertThat(screen).contains("APPROVAL_UNSIGNED", "aw approve report --key");
        AwProcess plain = AwProcess.run(root, "approve", "report");
        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(plain.stderr()).contains("APPROVAL_UNSIGNED");
        assertThat(Files.readString(root.resolve(".aw/stages/report/status.json")))
                .isEqualTo(before);
        assertThat(root.resolve(".aw/stages/report/approval.json")).doesNotExist();
    }

    @Test
    void aPersonsKeySigns_theHookReadsApproved_andATamperedApprovalReadsStale() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux script for a pseudo-terminal");
        String screen = atATerminal(
                "y\nread every table\n",
                "approve",
                "report",
                "--key",
                keys.resolve("ada").toString());
        assertThat(screen).contains("is now APPROVED, signed by ada@example.com");
        Path approval = root.resolve(".aw/stages/report/approval.json");
        assertThat(approval)
                .content()
                .contains("\"signer\": \"ada@example.com\"", "BEGIN SSH SIGNATURE", "read every table");
        assertThat(AwProcess.run(root, "hook", "session-start").stdout()).contains("Area report: review APPROVED");

        Files.writeString(approval, Files.readString(approval).replace("read every table", "ship it"));
        assertThat(AwProcess.run(root, "hook", "session-start").stdout())
                .contains("Area report: review STALE (the approval's signature does not verify");
    }
}
