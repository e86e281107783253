package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Json;
import dev.workbench.core.program.Claim;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.review.StageState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewActionsTest {
    @TempDir
    Path root;

    @TempDir
    Path keys;

    ReviewFixture f;
    Dashboard dashboard;

    @BeforeEach
    void setUp() {
        f = new ReviewFixture(root);
        f.reviewedArea("cleaning", "data/clean.csv", "clean");
        dashboard = new Dashboard(f.wb);
    }

    StageRecords.Approval approval() throws Exception {
        return Json.mapper()
                .readValue(f.wb.stages().read("cleaning", "approval.json").orElseThrow(), StageRecords.Approval.class);
    }

    @Test
    void approve_recordsTheApprovalByThePersonWhoClicked() throws Exception {
        Dashboard.Outcome o = dashboard.act("approve", shown("cleaning"), "ada@example.com");
        assertThat(o.done()).as(o.message()).isTrue();
        assertThat(o.message()).contains("cleaning").contains("APPROVED");
        assertThat(o.next()).isEqualTo("/review");
        assertThat(f.wb.stages().status("cleaning").state()).isEqualTo(StageState.APPROVED);
        assertThat(approval().by()).isEqualTo("ada@example.com");
        assertThat(approval().decision()).isEqualTo("approved");
    }

    @Test
    void approve_underTheSignedPolicy_isRefusedByCore_andChangesNothing() throws Exception {
        f.signedPolicy(keys);
        Map<String, String> before = f.state();
        Dashboard.Outcome o = dashboard.act("approve", shown("cleaning"), "ada");
        assertThat(o.done()).isFalse();
        assertThat(o.message()).contains("APPROVAL_UNSIGNED").contains("aw approve cleaning --key");
        assertThat(f.state()).isEqualTo(before);
        assertThat(f.wb.stages().status("cleaning").state()).isEqualTo(StageState.REVIEWED);
    }

    @Test
    void reject_withoutFeedback_isRefusedNamingTheField_andChangesNothing() {
        Map<String, String> before = f.state();
        for (Map<String, String> form : new Map[] {shown("cleaning"), shown("cleaning", "feedback", "  ")}) {
            Dashboard.Outcome o = dashboard.act("reject", form, "ada");
            assertThat(o.done()).isFalse();
            assertThat(o.message()).contains("INVALID_INPUT").contains("feedback");
        }
        assertThat(f.state()).isEqualTo(before);
    }

    @Test
    void reject_withFeedback_sendsTheStageBack_withThePersonsWords() throws Exception {
        Dashboard.Outcome o = dashboard.act("reject", shown("cleaning", "feedback", "drop day 1"), "ada");
        assertThat(o.done()).as(o.message()).isTrue();
        assertThat(f.wb.stages().status("cleaning").state()).isEqualTo(StageState.REJECTED);
        assertThat(approval().feedback()).isEqualTo("drop day 1");
        assertThat(approval().by()).isEqualTo("ada");
    }

    @Test
    void approve_ofAStageNotReviewed_isRefused_andChangesNothing() {
        f.write("data/raw.csv", "x\n");
        f.wb.stages().execute("ingest", java.util.List.of("data/raw.csv"));
        Map<String, String> before = f.state();
        Dashboard.Outcome o = dashboard.act("approve", shown("ingest"), "ada");
        assertThat(o.done()).isFalse();
        assertThat(o.message()).contains("ingest");
        assertThat(f.state()).isEqualTo(before);
    }

    @Test
    void claim_setsTheStatus_asThePersonsApprovedDecision() {
        f.experiment("cta", false);
        Dashboard.Outcome o = dashboard.act("claim", claimForm("shorter-forms", "supported"), "ada");
        assertThat(o.done()).as(o.message()).isTrue();
        Claim c = f.wb.claims().get("shorter-forms");
        assertThat(c.status()).isEqualTo(Claim.Status.SUPPORTED);
        assertThat(c.statusApproval().by()).isEqualTo("ada");
        assertThat(o.next()).isEqualTo("/review");
    }

    @Test
    void claim_withAStatusNotAPersons_orUnderTheSignedPolicy_isRefused_andChangesNothing() throws Exception {
        f.experiment("cta", false);
        Map<String, String> before = f.state();
        Dashboard.Outcome open = dashboard.act("claim", claimForm("shorter-forms", "open"), "ada");
        assertThat(open.done()).isFalse();
        assertThat(open.message()).contains("INVALID_INPUT").contains("status");
        assertThat(f.state()).isEqualTo(before);

        f.signedPolicy(keys);
        Map<String, String> signedBefore = f.state();
        Dashboard.Outcome signed = dashboard.act("claim", claimForm("shorter-forms", "refuted"), "ada");
        assertThat(signed.done()).isFalse();
        assertThat(signed.message()).contains("APPROVAL_UNSIGNED");
        assertThat(f.state()).isEqualTo(signedBefore);
        assertThat(f.wb.claims().get("shorter-forms").status()).isEqualTo(Claim.Status.OPEN);
    }

    /** The form the review page posts for {@code stage}: the revision it showed, and more fields. */
    Map<String, String> shown(String stage, String... more) {
        Map<String, String> form = new java.util.HashMap<>();
        form.put("stage", stage);
        form.put("revision", Long.toString(f.wb.stages().status(stage).revision()));
        for (int i = 0; i < more.length; i += 2) {
            form.put(more[i], more[i + 1]);
        }
        return form;
    }

    Map<String, String> claimForm(String slug, String status) {
        return Map.of(
                "slug",
                slug,
                "status",
                status,
                "revision",
                Long.toString(f.wb.claims().get(slug).revision()));
    }

    @Test
    void approve_ofWorkChangedAfterThePageShowedIt_isRefused_andChangesNothing() {
        Map<String, String> read = shown("cleaning");
        f.reviewedArea("cleaning", "data/clean.csv", "cleaned again, differently");
        Map<String, String> before = f.state();
        Dashboard.Outcome o = dashboard.act("approve", read, "ada");
        assertThat(o.done()).isFalse();
        assertThat(o.message()).contains("CONFLICT").contains("changed after the page showed it");
        assertThat(f.state()).isEqualTo(before);
        assertThat(f.wb.stages().status("cleaning").state()).isEqualTo(StageState.REVIEWED);

        Dashboard.Outcome sentBack = dashboard.act("reject", withFeedback(read), "ada");
        assertThat(sentBack.done()).isFalse();
        assertThat(f.state()).isEqualTo(before);
    }

    private static Map<String, String> withFeedback(Map<String, String> form) {
        Map<String, String> out = new java.util.HashMap<>(form);
        out.put("feedback", "no");
        return out;
    }

    @Test
    void approve_withoutTheRevisionShown_isRefusedNamingIt() {
        Map<String, String> before = f.state();
        Dashboard.Outcome o = dashboard.act("approve", Map.of("stage", "cleaning"), "ada");
        assertThat(o.done()).isFalse();
        assertThat(o.message()).contains("INVALID_INPUT").contains("revision");
        assertThat(f.state()).isEqualTo(before);
    }

    @Test
    void claim_decidedOnAnOlderRevision_isRefused_andChangesNothing() {
        f.experiment("cta", false);
        Map<String, String> read = claimForm("shorter-forms", "supported");
        f.wb.claims()
                .upsert(
                        new dev.workbench.core.program.ClaimInput(
                                "shorter-forms", "Shorter forms convert better, on mobile", null, null, null),
                        dev.workbench.core.review.HumanApproval.NONE,
                        null);
        Map<String, String> before = f.state();
        Dashboard.Outcome o = dashboard.act("claim", read, "ada");
        assertThat(o.done()).isFalse();
        assertThat(o.message()).contains("CONFLICT");
        assertThat(f.state()).isEqualTo(before);
    }
}
