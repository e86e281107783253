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
        Dashboard.Outcome o = dashboard.act("approve", Map.of("stage", "cleaning"), "ada@example.com");
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
        Dashboard.Outcome o = dashboard.act("approve", Map.of("stage", "cleaning"), "ada");
        assertThat(o.done()).isFalse();
        assertThat(o.message()).contains("APPROVAL_UNSIGNED").contains("aw approve cleaning --key");
        assertThat(f.state()).isEqualTo(before);
        assertThat(f.wb.stages().status("cleaning").state()).isEqualTo(StageState.REVIEWED);
    }

    @Test
    void reject_withoutFeedback_isRefusedNamingTheField_andChangesNothing() {
        Map<String, String> before = f.state();
        for (Map<String, String> form :
                new Map[] {Map.of("stage", "cleaning"), Map.of("stage", "cleaning", "feedback", "  ")}) {
            Dashboard.Outcome o = dashboard.act("reject", form, "ada");
            assertThat(o.done()).isFalse();
            assertThat(o.message()).contains("INVALID_INPUT").contains("feedback");
        }
        assertThat(f.state()).isEqualTo(before);
    }

    @Test
    void reject_withFeedback_sendsTheStageBack_withThePersonsWords() throws Exception {
        Dashboard.Outcome o = dashboard.act("reject", Map.of("stage", "cleaning", "feedback", "drop day 1"), "ada");
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
        Dashboard.Outcome o = dashboard.act("approve", Map.of("stage", "ingest"), "ada");
        assertThat(o.done()).isFalse();
        assertThat(o.message()).contains("ingest");
        assertThat(f.state()).isEqualTo(before);
    }

    @Test
    void claim_setsTheStatus_asThePersonsApprovedDecision() {
        f.experiment("cta", false);
        Dashboard.Outcome o = dashboard.act("claim", Map.of("slug", "shorter-forms", "status", "supported"), "ada");
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
        Dashboard.Outcome open = dashboard.act("claim", Map.of("slug", "shorter-forms", "status", "open"), "ada");
        assertThat(open.done()).isFalse();
        assertThat(open.message()).contains("INVALID_INPUT").contains("status");
        assertThat(f.state()).isEqualTo(before);

        f.signedPolicy(keys);
        Map<String, String> signedBefore = f.state();
        Dashboard.Outcome signed = dashboard.act("claim", Map.of("slug", "shorter-forms", "status", "refuted"), "ada");
        assertThat(signed.done()).isFalse();
        assertThat(signed.message()).contains("APPROVAL_UNSIGNED");
        assertThat(f.state()).isEqualTo(signedBefore);
        assertThat(f.wb.claims().get("shorter-forms").status()).isEqualTo(Claim.Status.OPEN);
    }
}
