package dev.workbench.core.program;

import static dev.workbench.core.program.ProgramFixture.CLICK_DATA;
import static dev.workbench.core.program.ProgramFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Learning;
import dev.workbench.core.project.ActivityEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** record-learning's service: when a learning is taken, what it checks, and what it writes. */
class LearningsTest {
    @TempDir
    Path root;

    Workbench wb;

    @BeforeEach
    void setUp() {
        wb = ProgramFixture.workbench(root);
    }

    static LearningRequest learning(String slug, String next, Long expectedRevision) {
        return new LearningRequest(
                slug,
                "Checkout form cut from 9 fields to 4 for variant b",
                "click rate 11.1% (a) → 13.9% (b), chance to win 0.99; refunds unchanged",
                Learning.Outcome.CONFIRMED,
                "Fewer fields lowered the effort to finish; novelty cannot be ruled out",
                next,
                expectedRevision);
    }

    @Test
    void aDecidedExperiment_takesLearnings_inOrder_onItsRecordAndInTheFeed() {
        ProgramFixture.ready(wb, "cta");
        ProgramFixture.analysed(wb, "cta", CLICK_DATA);
        Experiment decided = ProgramFixture.decided(wb, "cta");
        long activities = wb.activity().count();

        RecordedLearning first = wb.learnings().record(learning("cta", "A progress bar lifts it further", null));
        assertThat(first.index()).isZero();
        assertThat(first.revision()).isEqualTo(decided.revision() + 1);
        assertThat(first.learning().at()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(first.learning().nextHypothesis()).isEqualTo("A progress bar lifts it further");

        RecordedLearning second = wb.learnings().record(learning("cta", null, first.revision()));
        assertThat(second.index()).isEqualTo(1);
        assertThat(second.revision()).isEqualTo(first.revision() + 1);

        // kept on the record, read back by another workbench of the same folder; the decision untouched
        Experiment stored = ProgramFixture.workbench(root).experiments().get("cta");
        assertThat(stored.learnings()).containsExactly(first.learning(), second.learning());
        assertThat(stored.decision()).isEqualTo(decided.decision());
        assertThat(stored.contract()).isEqualTo(decided.contract());
        assertThat(readString(root.resolve(".aw/experiments/cta.json")))
                .contains("\"learnings\"", "\"confirmedOrRefuted\": \"confirmed\"");

        assertThat(wb.activity().count()).isEqualTo(activities + 2);
        ActivityEntry entry = wb.activity().recent(1).get(0);
        assertThat(entry.type()).isEqualTo(Learnings.ACTIVITY);
        assertThat(entry.title())
                .isEqualTo("Learning on cta (confirmed): click rate 11.1% (a) → 13.9% (b), chance to win 0.99;"
                        + " refunds unchanged");
    }

    @Test
    void anAnalysedExperiment_notYetDecided_takesALearning() {
        ProgramFixture.ready(wb, "pilot");
        ProgramFixture.analysed(wb, "pilot", CLICK_DATA);
        assertThat(wb.learnings().record(learning("pilot", null, null)).index()).isZero();
    }

    @Test
    void beforeAnyResult_aLearningIsAGuess_andIsRefused_changingNothing() {
        ProgramFixture.ready(wb, "cta");
        assertRefusedUnchanged("cta", ErrorCode.INVALID_INPUT, "status draft");
        wb.experiments()
                .upsert(ProgramFixture.patch(
                        "{\"slug\":\"cta\",\"status\":\"collecting\",\"inputData\":" + CLICK_DATA + "}"));
        assertRefusedUnchanged("cta", ErrorCode.INVALID_INPUT, "experiment: expected an experiment with a result");
    }

    @Test
    void aRecordKeepsAtMostTenLearnings() {
        ProgramFixture.ready(wb, "cta");
        ProgramFixture.analysed(wb, "cta", CLICK_DATA);
        for (int i = 0; i < Learnings.MAX_PER_RECORD; i++) {
            assertThat(wb.learnings().record(learning("cta", null, null)).index())
                    .isEqualTo(i);
        }
        assertRefusedUnchanged("cta", ErrorCode.INPUT_TOO_LARGE, "already holds 10 learnings");
    }

    @Test
    void aStaleRevision_conflicts_andAnUnknownExperimentIsNotFound() {
        ProgramFixture.ready(wb, "cta");
        Experiment analysed = ProgramFixture.analysed(wb, "cta", CLICK_DATA);
        assertCode(
                ErrorCode.CONFLICT,
                "is at revision " + analysed.revision(),
                () -> wb.learnings().record(learning("cta", null, analysed.revision() - 1)));
        assertCode(
                ErrorCode.NOT_FOUND,
                "no experiment \"nope\"",
                () -> wb.learnings().record(learning("nope", null, null)));
        assertThat(wb.experiments().get("cta")).isEqualTo(analysed);
    }

    @Test
    void everyPartButTheNextHypothesis_isRequired_andEachIsBounded() {
        assertCode(
                ErrorCode.INVALID_INPUT,
                "whyItHappened: required",
                () -> new LearningRequest("cta", "x", "y", Learning.Outcome.REFUTED, null, null, null));
        assertCode(
                ErrorCode.INVALID_INPUT,
                "confirmedOrRefuted: required",
                () -> new LearningRequest("cta", "x", "y", null, "z", null, null));
        assertCode(
                ErrorCode.INVALID_INPUT,
                "whatChanged: expected non-blank text",
                () -> new LearningRequest("cta", " ", "y", Learning.Outcome.INCONCLUSIVE, "z", null, null));
        String tooLong = "n".repeat(LearningRequest.MAX_TEXT + 1);
        assertCode(
                ErrorCode.INPUT_TOO_LARGE,
                "nextHypothesis: at most 1000 characters",
                () -> new LearningRequest("cta", "x", "y", Learning.Outcome.INCONCLUSIVE, "z", tooLong, null));
        assertCode(
                ErrorCode.INVALID_INPUT,
                "experiment: expected kebab-case",
                () -> new LearningRequest("Not A Slug", "x", "y", Learning.Outcome.INCONCLUSIVE, "z", null, null));
    }

    private void assertRefusedUnchanged(String slug, ErrorCode code, String messagePart) {
        Experiment before = wb.experiments().get(slug);
        long activities = wb.activity().count();
        assertCode(code, messagePart, () -> wb.learnings().record(learning(slug, null, null)));
        assertThat(wb.experiments().get(slug)).isEqualTo(before);
        assertThat(wb.activity().count()).isEqualTo(activities);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
