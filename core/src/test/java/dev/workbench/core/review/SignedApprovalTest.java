package dev.workbench.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Sha256;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.store.file.FileBackend;
import dev.workbench.core.store.file.FileEventLogs;
import dev.workbench.core.workspace.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 6: under {@code {"approval": "signed"}} an approval counts only with an SSH signature by a listed key,
 * made and checked by the real ssh-keygen with ed25519 keys generated here.
 */
class SignedApprovalTest {
    @TempDir
    Path root;

    @TempDir
    Path keys;

    Store store;
    Stages stages;
    Path alice;
    Path mallory;

    static final List<StageCheck> PASSING = List.of(new StageCheck("row count", true, null));
    static final HumanApproval APPROVES =
            r -> Optional.of(new HumanApproval.Answer(true, "Ada at a terminal", "checked"));
    static final SshSignatures SSH = SshSignatures.system();

    static Path keygen(Path dir, String name) throws Exception {
        Process p = new ProcessBuilder(
                        "ssh-keygen",
                        "-q",
                        "-t",
                        "ed25519",
                        "-N",
                        "",
                        "-C",
                        name,
                        "-f",
                        dir.resolve(name).toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        return dir.resolve(name);
    }

    static Stages.Signer signer(Path key) {
        return statement -> SSH.sign(key, statement);
    }

    private ActivityLog activity() {
        return new ActivityLog(new FileEventLogs(store), store.clock());
    }

    @BeforeEach
    void setUp() throws Exception {
        alice = keygen(keys, "alice");
        mallory = keygen(keys, "mallory");
        store = new Store(root);
        stages = new Stages(store, new FileBackend(store), activity(), SSH);
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/clean.csv"), "day,sales\n1,10\n");
        stages.execute("cleaning", List.of("data/clean.csv"));
        stages.review("cleaning", PASSING, null);
        Files.writeString(root.resolve(".aw/policy.json"), "{\"approval\": \"signed\"}\n");
        Files.writeString(
                root.resolve(".aw/allowed_signers"), "alice@example.com " + Files.readString(Path.of(alice + ".pub")));
    }

    private static void assertCode(ErrorCode code, Runnable call, String... message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void unsigned_isRefusedBeforeAnyoneIsAsked_namingTheCommand() {
        boolean[] asked = {false};
        assertCode(
                ErrorCode.APPROVAL_UNSIGNED,
                () -> stages.approve("cleaning", r -> {
                    asked[0] = true;
                    return Optional.of(new HumanApproval.Answer(true, "agent", null));
                }),
                "aw approve cleaning --key");
        assertThat(asked[0]).isFalse();
        assertThat(stages.status("cleaning").state()).isEqualTo(StageState.REVIEWED);
        assertThat(root.resolve(".aw/stages/cleaning/approval.json")).doesNotExist();
    }

    @Test
    void aValidSignature_byAListedKey_approves_andVerifiesOnRead() throws Exception {
        Stages.Result r = stages.approve("cleaning", APPROVES, signer(alice));
        assertThat(r.state()).isEqualTo(StageState.APPROVED);
        assertThat(r.approval().signer()).isEqualTo("alice@example.com");
        assertThat(r.approval().signature()).startsWith("-----BEGIN SSH SIGNATURE-----");
        assertThat(new Stages(store, new FileBackend(store), activity(), SSH)
                        .status("cleaning")
                        .state())
                .isEqualTo(StageState.APPROVED);

        // The canonical bytes are exactly what the README documents, and ssh-keygen itself verifies them.
        StageRecords.Approval stored = store.read("stages/cleaning/approval.json", StageRecords.Approval.class)
                .orElseThrow();
        String canonical = new String(stored.statement("cleaning").bytes(), StandardCharsets.UTF_8);
        assertThat(canonical)
                .isEqualTo("{\"namespace\":\"aw-approval\",\"area\":\"cleaning\",\"artifacts\":[{\"path\":"
                        + "\"data/clean.csv\",\"sha256\":\"" + Sha256.of(root.resolve("data/clean.csv"))
                        + "\"}],\"decision\":\"approved\",\"feedback\":\"checked\",\"at\":\"" + stored.at() + "\"}");
        Path sig = keys.resolve("approval.sig");
        Files.writeString(sig, stored.signature());
        Process verify = new ProcessBuilder(
                        "ssh-keygen",
                        "-Y",
                        "verify",
                        "-f",
                        root.resolve(".aw/allowed_signers").toString(),
                        "-I",
                        "alice@example.com",
                        "-n",
                        "aw-approval",
                        "-s",
                        sig.toString())
                .redirectErrorStream(true)
                .start();
        verify.getOutputStream().write(canonical.getBytes(StandardCharsets.UTF_8));
        verify.getOutputStream().close();
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as(said).isZero();
    }

    @Test
    void aPublicKeyWhosePrivateHalfIsInSshAgent_signs() throws Exception {
        Path socket = keys.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
        try {
            for (int i = 0; i < 200 && !Files.exists(socket); i++) {
                Thread.sleep(25); // waiting for the agent's socket, not timing anything
            }
            ProcessBuilder add = new ProcessBuilder("ssh-add", alice.toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process added = add.start();
            String said = new String(added.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(added.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(added.exitValue()).as(said).isZero();
            Files.delete(alice); // only the agent holds the private key now
            SshSignatures viaAgent = new SshSignatures("ssh-keygen", Map.of("SSH_AUTH_SOCK", socket.toString()));
            Path pub = Path.of(alice + ".pub");
            Stages.Result r = stages.approve("cleaning", APPROVES, statement -> viaAgent.sign(pub, statement));
            assertThat(r.approval().signer()).isEqualTo("alice@example.com");
            assertThat(new Stages(store, new FileBackend(store), activity(), SSH)
                            .status("cleaning")
                            .state())
                    .isEqualTo(StageState.APPROVED);
        } finally {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKeyNotListed_isRefused_andNothingChanges() {
        assertCode(
                ErrorCode.APPROVAL_UNSIGNED,
                () -> stages.approve("cleaning", APPROVES, signer(mallory)),
                "not listed in .aw/allowed_signers");
        assertThat(stages.status("cleaning").state()).isEqualTo(StageState.REVIEWED);
        assertThat(root.resolve(".aw/stages/cleaning/approval.json")).doesNotExist();
    }

    @Test
    void aTamperedApproval_readsStale_becauseItsSignatureDoesNotVerify() throws Exception {
        stages.approve("cleaning", APPROVES, signer(alice));
        Path approval = root.resolve(".aw/stages/cleaning/approval.json");
        Files.writeString(approval, Files.readString(approval).replace("\"checked\"", "\"checked, ship it\""));
        StageRecords.Status s = new Stages(store, new FileBackend(store), activity(), SSH).status("cleaning");
        assertThat(s.state()).isEqualTo(StageState.STALE);
        assertThat(s.staleReason()).startsWith("the approval's signature does not verify");
    }

    /** An experiment's stage signs its key, experiment:<slug>: an area's signature cannot pass for it, nor back. */
    @Test
    void anExperimentsStage_signsExperimentSlug_andAnAreasSignatureIsNoReplayForIt() throws Exception {
        new dev.workbench.core.Workbench(root)
                .experiments()
                .upsert(dev.workbench.core.Json.strict()
                        .readValue("{\"slug\":\"cleaning\"}", dev.workbench.core.experiment.ExperimentPatch.class));
        stages.execute("experiment:cleaning", List.of("data/clean.csv"));
        stages.review("experiment:cleaning", PASSING, null);
        Stages.Result r = stages.approve("experiment:cleaning", APPROVES, signer(alice));
        assertThat(r.state()).isEqualTo(StageState.APPROVED);
        assertThat(new Stages(store, new FileBackend(store), activity(), SSH)
                        .status("experiment:cleaning")
                        .state())
                .isEqualTo(StageState.APPROVED);
        StageRecords.Approval stored = store.read("experiments/cleaning/approval.json", StageRecords.Approval.class)
                .orElseThrow();
        String canonical = new String(stored.statement("experiment:cleaning").bytes(), StandardCharsets.UTF_8);
        assertThat(canonical)
                .startsWith("{\"namespace\":\"aw-approval\",\"area\":\"experiment:cleaning\",\"artifacts\":[{\"path\":"
                        + "\"aw://experiments/cleaning/result\",\"sha256\":\""
                        + Sha256.of(root.resolve(".aw/experiments/cleaning.json"))
                        + "\"},{\"path\":\"data/clean.csv\"");
        byte[] signers = Files.readAllBytes(root.resolve(".aw/allowed_signers"));
        assertThat(SSH.verify(
                        signers, "alice@example.com", stored.signature(), canonical.getBytes(StandardCharsets.UTF_8)))
                .isNull();
        // the same approval under the area's name is another statement: the signature does not verify for it
        assertThat(SSH.verify(
                        signers,
                        "alice@example.com",
                        stored.signature(),
                        stored.statement("cleaning").bytes()))
                .isNotNull();

        // the area "cleaning", signed too; its approval copied into the experiment's stage does not hold there
        stages.approve("cleaning", APPROVES, signer(alice));
        Files.copy(
                root.resolve(".aw/stages/cleaning/approval.json"),
                root.resolve(".aw/experiments/cleaning/approval.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(stages.status("experiment:cleaning").state()).isEqualTo(StageState.STALE);
        assertThat(stages.status("cleaning").state()).isEqualTo(StageState.APPROVED);
    }

    @Test
    void aSignatureClaimedForAnotherPrincipal_doesNotVerify() throws Exception {
        Files.writeString(
                root.resolve(".aw/allowed_signers"),
                Files.readString(root.resolve(".aw/allowed_signers")) + "bob@example.com "
                        + Files.readString(Path.of(mallory + ".pub")));
        stages.approve("cleaning", APPROVES, signer(alice));
        Path approval = root.resolve(".aw/stages/cleaning/approval.json");
        Files.writeString(approval, Files.readString(approval).replace("alice@example.com", "bob@example.com"));
        assertThat(stages.status("cleaning").staleReason()).startsWith("the approval's signature does not verify");
    }

    @Test
    void anApprovalWhoseArtifactChangedSince_readsStale() throws Exception {
        stages.approve("cleaning", APPROVES, signer(alice));
        Files.writeString(root.resolve("data/clean.csv"), "day,sales\n1,11\n");
        StageRecords.Status s = stages.status("cleaning");
        assertThat(s.state()).isEqualTo(StageState.STALE);
        assertThat(s.staleReason()).isEqualTo("data/clean.csv changed since approval");
    }

    @Test
    void anUnsignedApprovalFromBeforeThePolicy_readsStale() throws Exception {
        Files.delete(root.resolve(".aw/policy.json"));
        stages.approve("cleaning", APPROVES); // the terminal convention, allowed without the policy
        assertThat(stages.status("cleaning").state()).isEqualTo(StageState.APPROVED);
        Files.writeString(root.resolve(".aw/policy.json"), "{\"approval\": \"signed\"}\n");
        assertThat(stages.status("cleaning").staleReason()).contains("it is not signed", "aw approve cleaning --key");
    }

    @Test
    void aPolicyWithAnotherValue_failsClosed() throws Exception {
        Files.writeString(root.resolve(".aw/policy.json"), "{\"approval\": \"maybe\"}\n");
        assertCode(
                ErrorCode.APPROVAL_UNSIGNED, () -> stages.approve("cleaning", APPROVES), "\"signed\" or \"terminal\"");
    }

    @Test
    void withoutSshKeygen_signingIsRefused_andVerificationFailsClosed() throws Exception {
        SshSignatures missing =
                new SshSignatures(keys.resolve("no-such-ssh-keygen").toString());
        assertCode(
                ErrorCode.APPROVAL_UNSIGNED,
                () -> new Stages(store, new FileBackend(store), activity(), missing)
                        .approve("cleaning", APPROVES, statement -> missing.sign(alice, statement)),
                "ssh-keygen could not be run");
        assertThat(stages.status("cleaning").state()).isEqualTo(StageState.REVIEWED);
        stages.approve("cleaning", APPROVES, signer(alice));
        StageRecords.Status s = new Stages(store, new FileBackend(store), activity(), missing).status("cleaning");
        assertThat(s.state()).isEqualTo(StageState.STALE);
        assertThat(s.staleReason()).contains("ssh-keygen could not be run", "openssh-client");
    }

    @Test
    void reading_runsSshKeygenOncePerApprovalContent() throws Exception {
        Path calls = keys.resolve("calls");
        Path counting = keys.resolve("counting-ssh-keygen");
        Files.writeString(counting, "#!/bin/sh\necho \"$2\" >> '" + calls + "'\nexec ssh-keygen \"$@\"\n");
        counting.toFile().setExecutable(true);
        stages.approve("cleaning", APPROVES, signer(alice));
        Stages reader = new Stages(store, new FileBackend(store), activity(), new SshSignatures(counting.toString()));
        for (int i = 0; i < 5; i++) {
            assertThat(reader.status("cleaning").state()).isEqualTo(StageState.APPROVED);
        }
        assertThat(Files.readAllLines(calls)).containsExactly("verify");
        Path approval = root.resolve(".aw/stages/cleaning/approval.json");
        Files.writeString(approval, Files.readString(approval).replace("\"checked\"", "\"checked twice\""));
        assertThat(reader.status("cleaning").state()).isEqualTo(StageState.STALE);
        assertThat(reader.status("cleaning").state()).isEqualTo(StageState.STALE);
        assertThat(Files.readAllLines(calls)).containsExactly("verify", "verify");
        assertThat(root.resolve(".aw/cache/approvals.json"))
                .as("no verification cache an agent could forge")
                .doesNotExist();
    }

    @Test
    void aChangedAllowedSignersFile_isVerifiedAgain() throws Exception {
        stages.approve("cleaning", APPROVES, signer(alice));
        Files.writeString(
                root.resolve(".aw/allowed_signers"),
                "alice@example.com " + Files.readString(Path.of(mallory + ".pub"))); // alice's key revoked
        assertThat(new Stages(store, new FileBackend(store), activity(), SSH)
                        .status("cleaning")
                        .staleReason())
                .startsWith("the approval's signature does not verify");
    }
}
