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
 * `aw approve claim:<slug> --status <s>`, through the jar: refused without a terminal or a status; a person at a
 * (pseudo-)terminal reads the claim and its experiments and approves; under the signed policy, a listed key signs.
 */
class ClaimApprovalIT {
    @TempDir
    Path root;

    @TempDir
    Path keys;

    @BeforeEach
    void aClaimWithAnExperiment() {
        AwProcess claim = AwProcess.run(root, "upsert-claim", "slug=forms", "statement=Shorter forms convert better");
        assertThat(claim.exitCode()).as(claim.stderr()).isZero();
        AwProcess e = AwProcess.run(root, "upsert-experiment", "slug=short-form", "claim=forms");
        assertThat(e.exitCode()).as(e.stdout()).isZero();
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

    private String claimFile() throws Exception {
        return Files.readString(root.resolve(".aw/claims/forms.json"));
    }

    @Test
    void withoutATerminal_orWithoutAStatus_itIsRefused_andNothingChanges() throws Exception {
        String before = claimFile();
        AwProcess noTerminal = AwProcess.run(root, "approve", "claim:forms", "--status", "supported");
        assertThat(noTerminal.exitCode()).isEqualTo(2);
        assertThat(noTerminal.stderr()).contains("needs a terminal");
        AwProcess noStatus = AwProcess.run(root, "approve", "claim:forms");
        assertThat(noStatus.exitCode()).isEqualTo(2);
        assertThat(noStatus.stderr()).contains("--status supported, refuted or mixed");
        AwProcess tool = AwProcess.run(root, "upsert-claim", "slug=forms", "status=supported");
        assertThat(tool.exitCode()).isEqualTo(1);
        assertThat(tool.stdout()).contains("HUMAN_APPROVAL_REQUIRED", "aw approve claim:forms --status supported");
        assertThat(claimFile()).isEqualTo(before);
    }

    @Test
    void aPersonAtATerminal_readsTheClaimAndItsExperiments_andApproves() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux script for a pseudo-terminal");
        String screen = atATerminal("y\nread both\n", "approve", "claim:forms", "--status", "supported");
        assertThat(screen)
                .contains("Shorter forms convert better", "short-form: draft", "Claim forms is now SUPPORTED");
        assertThat(claimFile()).contains("\"status\": \"supported\"", "read both");
    }

    @Test
    void aPersonDeclining_changesNothing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux script for a pseudo-terminal");
        String before = claimFile();
        String screen = atATerminal("n\nnot yet\n", "approve", "claim:forms", "--status", "refuted");
        assertThat(screen).contains("declined refuted", "nothing changed");
        assertThat(claimFile()).isEqualTo(before);
    }

    @Test
    void underTheSignedPolicy_aListedKeySigns_andWithoutAKeyItIsRefused() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux script for a pseudo-terminal");
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
        Files.writeString(root.resolve(".aw/policy.json"), "{\"approval\": \"signed\"}\n");
        Files.writeString(
                root.resolve(".aw/allowed_signers"), "ada@example.com " + Files.readString(keys.resolve("ada.pub")));
        AwProcess unsigned = AwProcess.run(root, "approve", "claim:forms", "--status", "mixed");
        assertThat(unsigned.exitCode()).isEqualTo(1);
        assertThat(unsigned.stderr()).contains("APPROVAL_UNSIGNED", "aw approve claim:forms --status mixed --key");
        String screen = atATerminal(
                "y\n\n",
                "approve",
                "claim:forms",
                "--status",
                "mixed",
                "--key",
                keys.resolve("ada").toString());
        assertThat(screen).contains("Claim forms is now MIXED, signed by ada@example.com");
        assertThat(claimFile()).contains("\"signer\": \"ada@example.com\"", "BEGIN SSH SIGNATURE");
    }
}
