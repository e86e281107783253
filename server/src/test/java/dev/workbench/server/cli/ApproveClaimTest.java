package dev.workbench.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Workbench;
import dev.workbench.core.program.Claim;
import dev.workbench.core.program.ClaimInput;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aw approve claim:<slug>}: an unknown claim is named as not found; a cancel at the prompt is a cancel. */
class ApproveClaimTest {
    @TempDir
    Path root;

    Workbench wb;
    final StringWriter err = new StringWriter();
    final StringBuilder screen = new StringBuilder();

    @BeforeEach
    void aClaim() {
        wb = new Workbench(root);
        wb.claims()
                .upsert(
                        new ClaimInput("forms", "Shorter forms convert better", null, null, null),
                        HumanApproval.NONE,
                        null);
    }

    /** A terminal whose person types {@code answers}, one a line; null once they run out. */
    ApproveClaim.Terminal typing(String... answers) {
        Deque<String> left = new ArrayDeque<>(List.of(answers));
        return new ApproveClaim.Terminal() {
            @Override
            public void print(String text) {
                screen.append(text);
            }

            @Override
            public String readLine(String prompt) {
                screen.append(prompt);
                return left.poll();
            }
        };
    }

    int approve(String subject, ApproveClaim.Terminal terminal) {
        return ApproveClaim.run(wb, new PrintWriter(err, true), subject, "supported", null, terminal);
    }

    @Test
    void anUnknownClaim_isNotFound_namingIt_beforeAnyoneIsAsked() {
        assertThat(approve("claim:nope", typing("y", ""))).isEqualTo(Main.TOOL_ERROR);
        assertThat(err.toString())
                .contains("NOT_FOUND: no claim \"nope\"", "nothing changed")
                .doesNotContain("statement");
        assertThat(screen).isEmpty();
        assertThat(root.resolve(".aw/claims/nope.json")).doesNotExist();
    }

    @Test
    void aCancelAtThePrompt_isACancel_andChangesNothing() throws Exception {
        byte[] before = Files.readAllBytes(root.resolve(".aw/claims/forms.json"));
        assertThat(approve("claim:forms", typing("maybe"))).isEqualTo(Main.TOOL_ERROR);
        assertThat(screen.toString())
                .contains("Shorter forms convert better", "Cancelled; nothing changed.")
                .doesNotContain("none could be asked");
        assertThat(approve("claim:forms", typing())).isEqualTo(Main.TOOL_ERROR);
        assertThat(screen.toString()).doesNotContain("none could be asked");
        assertThat(Files.readAllBytes(root.resolve(".aw/claims/forms.json"))).isEqualTo(before);
    }

    @Test
    void aYes_setsTheStatus() {
        assertThat(approve("claim:forms", typing("y", "read both"))).isZero();
        assertThat(screen.toString()).contains("Claim forms is now SUPPORTED.");
        assertThat(wb.claims().get("forms").status()).isEqualTo(Claim.Status.SUPPORTED);
    }
}
