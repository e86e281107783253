package dev.workbench.core.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.experiment.Learning;
import dev.workbench.core.project.ActivityEntry;
import dev.workbench.core.review.HumanApproval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claims service: creating and rewording claims, and a status other than open as a person's decision. */
class ClaimsTest {
    @TempDir
    Path root;

    Workbench wb;
    Claims claims;
    final List<HumanApproval.Question> asked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        wb = new Workbench(root);
        claims = wb.claims();
    }

    /** A person who answers {@code approved}, and remembers what they were shown. */
    HumanApproval person(boolean approved, String feedback) {
        return new HumanApproval() {
            @Override
            public Optional<Answer> ask(Request request) {
                throw new AssertionError("a claim's status is asked as a question, not as an area's approval");
            }

            @Override
            public Optional<Answer> decide(Question question) {
                asked.add(question);
                return Optional.of(new Answer(approved, "Ada at a terminal", feedback));
            }
        };
    }

    static ClaimInput input(String slug, String statement, Claim.Status status, Long expected, String feedback) {
        return new ClaimInput(slug, statement, status, expected, feedback);
    }

    Claims.Result create(String slug, String statement) {
        return claims.upsert(input(slug, statement, null, null, null), HumanApproval.NONE, null);
    }

    void experiment(String json) throws Exception {
        wb.experiments().upsert(Json.strict().readValue(json, ExperimentPatch.class));
    }

    byte[] file(String slug) throws Exception {
        return Files.readAllBytes(root.resolve(".aw/claims/" + slug + ".json"));
    }

    static void assertCode(ErrorCode code, Runnable call, String... message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            if (message.length > 0) {
                assertThat(e.getMessage()).contains(message);
            }
        });
    }

    List<ActivityEntry> activity() {
        return wb.activity().recent(100);
    }

    @Test
    void create_needsAStatement_thenIsOpenAtRevisionOne_withAnActivityEntry() {
        assertCode(
                ErrorCode.INVALID_INPUT,
                () -> claims.upsert(input("forms", null, null, null, null), HumanApproval.NONE, null),
                "statement");
        assertThat(root.resolve(".aw/claims/forms.json")).doesNotExist();
        Claims.Result r = create("forms", "Shorter forms convert better");
        assertThat(r.created()).isTrue();
        assertThat(r.changed()).isTrue();
        assertThat(r.claim().status()).isEqualTo(Claim.Status.OPEN);
        assertThat(r.claim().revision()).isEqualTo(1);
        assertThat(r.approved()).isFalse();
        assertThat(root.resolve(".aw/claims/forms.json")).exists();
        assertThat(activity()).extracting(ActivityEntry::type).containsExactly("claim.created");
    }

    @Test
    void unchanged_writesNothing_andAStaleRevisionConflicts() throws Exception {
        create("forms", "Shorter forms convert better");
        byte[] before = file("forms");
        Claims.Result again = create("forms", "Shorter forms convert better");
        assertThat(again.changed()).isFalse();
        assertThat(again.claim().revision()).isEqualTo(1);
        assertCode(
                ErrorCode.CONFLICT,
                () -> claims.upsert(input("forms", "other words", null, 5L, null), HumanApproval.NONE, null),
                "revision 1");
        assertCode(
                ErrorCode.CONFLICT,
                () -> claims.upsert(input("fresh", "new", null, 1L, null), HumanApproval.NONE, null));
        assertThat(file("forms")).isEqualTo(before);
        assertThat(activity()).hasSize(1);
        assertThat(claims.upsert(input("forms", "other words", null, 1L, null), HumanApproval.NONE, null)
                        .claim()
                        .revision())
                .isEqualTo(2);
    }

    @Test
    void aStatusOtherThanOpen_withoutAPersonToAsk_isRefusedWithTheCommand_andChangesNothing() throws Exception {
        create("forms", "Shorter forms convert better");
        byte[] before = file("forms");
        assertCode(
                ErrorCode.HUMAN_APPROVAL_REQUIRED,
                () -> claims.upsert(input("forms", null, Claim.Status.SUPPORTED, null, null), HumanApproval.NONE, null),
                "`aw approve claim:forms --status supported`",
                "nothing changed");
        assertThat(file("forms")).isEqualTo(before);
        assertCode(
                ErrorCode.HUMAN_APPROVAL_REQUIRED,
                () -> claims.upsert(
                        input("new-claim", "s", Claim.Status.REFUTED, null, null), HumanApproval.NONE, null),
                "aw approve claim:new-claim --status refuted");
        assertThat(root.resolve(".aw/claims/new-claim.json")).doesNotExist();
        assertThat(activity()).hasSize(1);
    }

    @Test
    void aPersonApproving_setsTheStatus_havingSeenTheClaimAndItsExperiments() throws Exception {
        create("forms", "Shorter forms convert better");
        experiment("{\"slug\":\"short-form\",\"claim\":\"forms\"}");
        experiment("{\"slug\":\"short-form-followup\",\"parent\":\"short-form\"}");
        experiment("{\"slug\":\"unrelated\"}");
        wb.experiments()
                .amend(
                        "short-form",
                        null,
                        e -> e.withLearning(new Learning(
                                "2026-11-30T10:00:00Z",
                                "the form",
                                "purchases rose 4%",
                                Learning.Outcome.CONFIRMED,
                                "less typing",
                                "a one-page checkout")),
                        "experiment.learning",
                        "learned");
        Claims.Result r = claims.upsert(
                input("forms", null, Claim.Status.SUPPORTED, 1L, "two experiments agree"),
                person(true, "looked at both"),
                null);
        assertThat(r.changed()).isTrue();
        assertThat(r.approved()).isTrue();
        assertThat(r.approvalProblem()).isNull();
        assertThat(r.claim().status()).isEqualTo(Claim.Status.SUPPORTED);
        assertThat(r.claim().revision()).isEqualTo(2);
        assertThat(r.claim().statusApproval().by()).isEqualTo("Ada at a terminal");
        assertThat(r.claim().statusApproval().feedback()).isEqualTo("looked at both");
        assertThat(r.claim().statusApproval().statementSha256()).hasSize(64);
        assertThat(r.claim().statusApproval().signature()).isNull();
        HumanApproval.Question q = asked.get(0);
        assertThat(q.subject()).isEqualTo("claim:forms");
        assertThat(q.command()).isEqualTo("aw approve claim:forms --status supported");
        assertThat(q.text())
                .contains("SUPPORTED", "Shorter forms convert better", "two experiments agree")
                .contains("short-form: draft", "short-form-followup (follows short-form)")
                .contains("purchases rose 4%")
                .doesNotContain("unrelated");
        ActivityEntry last = activity().get(activity().size() - 1);
        assertThat(last.type()).isEqualTo("claim.status");
        assertThat(last.title()).contains("open → supported", "approved by Ada at a terminal");
        assertThat(last.detail()).contains("two experiments agree", "looked at both");
        // asked again for the status it holds: nothing to ask, nothing written
        Claims.Result same =
                claims.upsert(input("forms", null, Claim.Status.SUPPORTED, null, null), HumanApproval.NONE, null);
        assertThat(same.changed()).isFalse();
        assertThat(asked).hasSize(1);
    }

    @Test
    void aPersonDeclining_changesNothing_andTheResultSaysSo() throws Exception {
        create("forms", "Shorter forms convert better");
        byte[] before = file("forms");
        Claims.Result r =
                claims.upsert(input("forms", null, Claim.Status.REFUTED, null, null), person(false, "no"), null);
        assertThat(r.changed()).isFalse();
        assertThat(r.claim().status()).isEqualTo(Claim.Status.OPEN);
        assertThat(r.note())
                .contains("declined refuted", "nothing changed", "stays open", "keeps who declined and why");
        assertThat(file("forms")).isEqualTo(before);
        assertThat(activity()).hasSize(2);
        ActivityEntry declined = activity().get(1);
        assertThat(declined.type()).isEqualTo("claim.declined");
        assertThat(declined.title()).isEqualTo("Claim forms: refuted declined by Ada at a terminal");
        assertThat(declined.detail()).isEqualTo("person: no");
        Claims.Result none =
                claims.upsert(input("never", "s", Claim.Status.MIXED, null, null), person(false, null), null);
        assertThat(none.claim()).isNull();
        assertThat(none.note()).contains("not created");
        assertThat(root.resolve(".aw/claims/never.json")).doesNotExist();
    }

    @Test
    void rewordingAnApprovedClaim_returnsItToOpen_andSaysSo() {
        create("forms", "Shorter forms convert better");
        claims.upsert(input("forms", null, Claim.Status.MIXED, null, null), person(true, null), null);
        Claims.Result r = claims.upsert(
                input("forms", "Shorter forms convert better on mobile", null, null, null), HumanApproval.NONE, null);
        assertThat(r.claim().status()).isEqualTo(Claim.Status.OPEN);
        assertThat(r.claim().statusApproval()).isNull();
        assertThat(r.note()).contains("returned to open", "was mixed");
        assertThat(activity().get(activity().size() - 1).title()).contains("reworded", "mixed → open");
        // with a status in the same call, the person decides on the new words
        Claims.Result both = claims.upsert(
                input("forms", "Shorter forms convert better on phones", Claim.Status.SUPPORTED, null, null),
                person(true, null),
                null);
        assertThat(both.approved()).isTrue();
        assertThat(asked.get(1).text()).contains("on phones");
    }

    @Test
    void movingBackToOpen_isTheAgentsToDo_withoutAskingAnyone() {
        create("forms", "Shorter forms convert better");
        claims.upsert(input("forms", null, Claim.Status.SUPPORTED, null, null), person(true, null), null);
        Claims.Result r = claims.upsert(
                input("forms", null, Claim.Status.OPEN, null, "a new holdout decays"), HumanApproval.NONE, null);
        assertThat(r.changed()).isTrue();
        assertThat(r.claim().status()).isEqualTo(Claim.Status.OPEN);
        assertThat(r.claim().statusApproval()).isNull();
        assertThat(asked).hasSize(1);
        assertThat(activity().get(activity().size() - 1).detail()).isEqualTo("a new holdout decays");
    }

    @Test
    void aStatementEditedByHand_makesTheApprovalNotHold_andTheListSaysWhy() throws Exception {
        create("forms", "Shorter forms convert better");
        claims.upsert(input("forms", null, Claim.Status.SUPPORTED, null, null), person(true, null), null);
        Path file = root.resolve(".aw/claims/forms.json");
        Files.writeString(file, Files.readString(file).replace("Shorter forms", "All forms"));
        Claims.Summary s = claims.list().get(0);
        assertThat(s.status()).isEqualTo(Claim.Status.SUPPORTED);
        assertThat(s.approved()).isFalse();
        assertThat(s.approvalProblem()).contains("statement changed");
        // asked again for that status, a person approves the words as they are now
        Claims.Result again =
                claims.upsert(input("forms", null, Claim.Status.SUPPORTED, null, null), person(true, null), null);
        assertThat(again.changed()).isTrue();
        assertThat(again.approved()).isTrue();
    }

    /**
     * The roll-up reads a launched experiment's holdout trend from {@code wb.holdouts().report(slug)}, only for an
     * experiment with a holdout plan.
     */
    @Test
    void anExperimentWithAHoldoutPlan_showsTheHoldoutReportInTheRollUp() throws Exception {
        create("forms", "Shorter forms convert better");
        experiment("{\"slug\":\"launched\",\"claim\":\"forms\"}");
        wb.experiments()
                .amend(
                        "launched",
                        null,
                        e -> e.withLineage(
                                e.lineage().withHoldout(new Holdout(5.0, "2026-11-01", Holdout.DEFAULT_DAYS, "b"))),
                        "experiment.holdout-planned",
                        "holdout planned");
        ClaimRollup.Entry entry = claims.rollup("forms").experiments().get(0);
        assertThat(entry.holdout()).isNotNull().isEqualTo(wb.holdouts().report("launched"));
        assertThat(entry.holdout().slug()).isEqualTo("launched");
    }

    @Test
    void theRollUp_andTheList_countTheClaimsExperimentsAndTheirDescendants() throws Exception {
        create("forms", "Shorter forms convert better");
        create("speed", "Faster pages sell more");
        experiment("{\"slug\":\"a-root\",\"claim\":\"forms\"}");
        experiment("{\"slug\":\"b-child\",\"parent\":\"a-root\"}");
        experiment("{\"slug\":\"c-grandchild\",\"parent\":\"b-child\",\"claim\":\"forms\"}");
        experiment("{\"slug\":\"d-other\",\"claim\":\"speed\"}");
        ClaimRollup rollup = claims.rollup("forms");
        assertThat(rollup.experiments())
                .extracting(ClaimRollup.Entry::slug)
                .containsExactly("a-root", "b-child", "c-grandchild");
        assertThat(rollup.experiments().get(1).parent()).isEqualTo("a-root");
        assertThat(rollup.experiments().get(0).status()).isEqualTo("draft");
        assertThat(rollup.experiments().get(0).holdout()).isNull();
        assertThat(claims.list())
                .extracting(Claims.Summary::slug, Claims.Summary::experiments)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("forms", 3),
                        org.assertj.core.groups.Tuple.tuple("speed", 1));
        assertCode(ErrorCode.NOT_FOUND, () -> claims.rollup("nothing"), "upsert-claim");
    }

    /** A follow-up carries its parent's claim: it is listed under its parent, even when its slug sorts first. */
    @Test
    void aFollowUpWhoseSlugSortsFirst_isListedAfterItsParent_notAsARoot() throws Exception {
        create("forms", "Shorter forms convert better");
        experiment("{\"slug\":\"z-root\",\"claim\":\"forms\"}");
        // as propose-follow-ups drafts it: the follow-up carries its parent's claim
        experiment("{\"slug\":\"a-followup\",\"parent\":\"z-root\",\"claim\":\"forms\"}");
        experiment("{\"slug\":\"m-root\",\"claim\":\"forms\"}");
        assertThat(claims.rollup("forms").experiments())
                .extracting(ClaimRollup.Entry::slug)
                .containsExactly("m-root", "z-root", "a-followup");
        assertThat(claims.list()).extracting(Claims.Summary::experiments).containsExactly(3);
    }

    /** The person reads whether a verdict is of stale data or failed its checks, and why a holdout trends as it does. */
    @Test
    void theQuestion_saysAVerdictIsStaleOrFailedItsChecks_andWhyTheHoldoutTrends() throws Exception {
        com.fasterxml.jackson.databind.JsonNode analysis = Json.strict()
                .readTree("{\"primary_metric\":{\"verdict\":\"treatment wins\"},\"checks\":{\"interpretable\":false}}");
        ClaimRollup.Entry failed = ClaimRollup.entry(
                dev.workbench.core.experiment.Experiment.draft("cta", "h").withAnalysis(analysis), null);
        assertThat(failed.verdict()).isEqualTo("treatment wins");
        assertThat(failed.analysisStale()).isTrue(); // no input_sha256: not known to be of the data
        assertThat(failed.interpretable()).isFalse();
        ClaimRollup.Entry none = ClaimRollup.entry(dev.workbench.core.experiment.Experiment.draft("x", "h"), null);
        assertThat(none.analysisStale()).isNull();
        assertThat(none.interpretable()).isNull();

        create("forms", "Shorter forms convert better");
        experiment("{\"slug\":\"launched\",\"claim\":\"forms\"}");
        wb.experiments()
                .amend(
                        "launched",
                        null,
                        e -> e.withLineage(
                                e.lineage().withHoldout(new Holdout(5.0, "2026-11-01", Holdout.DEFAULT_DAYS, "b"))),
                        "experiment.holdout-planned",
                        "holdout planned");
        ClaimRollup rollup = claims.rollup("forms");
        HoldoutReport report = rollup.experiments().get(0).holdout();
        assertThat(report.reason()).isNotBlank();
        ClaimRollup withFailed = new ClaimRollup(
                rollup.claim(), false, null, List.of(rollup.experiments().get(0), failed));
        assertThat(withFailed.question(Claim.Status.SUPPORTED, "Shorter forms convert better", null))
                .contains("holdout trend: " + report.trend().wireName() + " (" + report.reason() + ")")
                .contains("cta: draft; verdict: treatment wins (stale) (checks failed)");
    }
}
