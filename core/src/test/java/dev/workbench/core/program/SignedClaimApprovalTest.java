package dev.workbench.core.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.review.SshSignatures;
import dev.workbench.core.review.Stages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim's status under {@code {"approval": "signed"}}: it counts only with an SSH signature by a key
 * .aw/allowed_signers lists, over the canonical statement naming {@code claim:<slug>}, the status, the statement's
 * SHA-256 and the time; made and checked by the real ssh-keygen with ed25519 keys generated here.
 */
class SignedClaimApprovalTest {
    @TempDir
    Path root;

    @TempDir
    Path keys;

    Workbench wb;
    Path alice;
    Path mallory;
    boolean[] asked = {false};

    static final SshSignatures SSH = SshSignatures.system();

    final HumanApproval approves = new HumanApproval() {
        @Override
        public Optional<Answer> ask(Request request) {
            throw new AssertionError("claims are asked as questions");
        }

        @Override
        public Optional<Answer> decide(Question question) {
            asked[0] = true;
            return Optional.of(new Answer(true, "Ada at a terminal", "checked"));
        }
    };

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

    static ClaimInput supported() {
        return new ClaimInput("forms", null, Claim.Status.SUPPORTED, null, null);
    }

    @BeforeEach
    void setUp() throws Exception {
        alice = keygen(keys, "alice");
        mallory = keygen(keys, "mallory");
        wb = new Workbench(root);
        wb.claims()
                .upsert(
                        new ClaimInput("forms", "Shorter forms convert better", null, null, null),
                        HumanApproval.NONE,
                        null);
        Files.writeString(root.resolve(".aw/policy.json"), "{\"approval\": \"signed\"}\n");
        Files.writeString(
                root.resolve(".aw/allowed_signers"), "alice@example.com " + Files.readString(Path.of(alice + ".pub")));
    }

    private byte[] file() throws Exception {
        return Files.readAllBytes(root.resolve(".aw/claims/forms.json"));
    }

    private void assertRefused(ErrorCode code, Runnable call, String... message) throws Exception {
        byte[] before = file();
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
        assertThat(file()).isEqualTo(before);
    }

    @Test
    void withoutASigner_itIsRefusedBeforeAnyoneIsAsked_namingTheCommandWithKey() throws Exception {
        assertRefused(
                ErrorCode.APPROVAL_UNSIGNED,
                () -> wb.claims().upsert(supported(), approves, null),
                "`aw approve claim:forms --status supported --key <their ssh key>`",
                "nothing changed");
        assertThat(asked[0]).isFalse();
    }

    @Test
    void aSignatureByAListedKey_approves_andVerifiesOnReadInAFreshProcess() throws Exception {
        Claims.Result r = wb.claims().upsert(supported(), approves, signer(alice));
        assertThat(r.approved()).isTrue();
        Claim.StatusApproval a = r.claim().statusApproval();
        assertThat(a.signer()).isEqualTo("alice@example.com");
        assertThat(a.signature()).startsWith("-----BEGIN SSH SIGNATURE-----");
        String signed = new String(a.signed("forms").bytes(), StandardCharsets.UTF_8);
        assertThat(signed)
                .startsWith("{\"namespace\":\"aw-approval\",\"subject\":\"claim:forms\",\"status\":\"supported\","
                        + "\"statementSha256\":\"" + ClaimApprovals.sha256("Shorter forms convert better") + "\"");
        Claims fresh = new Workbench(root).claims();
        assertThat(fresh.list().get(0).approved()).isTrue();
        assertThat(fresh.rollup("forms").approved()).isTrue();
    }

    @Test
    void aKeyNotListed_isRefused_andChangesNothing() throws Exception {
        assertRefused(
                ErrorCode.APPROVAL_UNSIGNED,
                () -> wb.claims().upsert(supported(), approves, signer(mallory)),
                "not listed in .aw/allowed_signers");
    }

    @Test
    void anApprovalEditedByHand_doesNotVerify_andTheClaimReadsNotApproved() throws Exception {
        wb.claims().upsert(supported(), approves, signer(alice));
        Path file = root.resolve(".aw/claims/forms.json");
        Files.writeString(file, Files.readString(file).replace("\"supported\"", "\"refuted\""));
        Claims.Summary s = new Workbench(root).claims().list().get(0);
        assertThat(s.status()).isEqualTo(Claim.Status.REFUTED);
        assertThat(s.approved()).isFalse();
        assertThat(s.approvalProblem()).contains("does not verify", "aw approve claim:forms --status refuted --key");
    }

    @Test
    void anApprovalMadeUnderTheTerminalPolicy_doesNotHoldOnceSignaturesAreRequired() throws Exception {
        Files.delete(root.resolve(".aw/policy.json"));
        assertThat(wb.claims().upsert(supported(), approves, null).approved()).isTrue();
        Files.writeString(root.resolve(".aw/policy.json"), "{\"approval\": \"signed\"}\n");
        Claims.Summary s = wb.claims().list().get(0);
        assertThat(s.approved()).isFalse();
        assertThat(s.approvalProblem()).contains("does not verify");
    }
}
