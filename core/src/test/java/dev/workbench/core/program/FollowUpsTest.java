package dev.workbench.core.program;

import static dev.workbench.core.program.ProgramFixture.CLICK_DATA;
import static dev.workbench.core.program.ProgramFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.ExperimentAnalysis;
import dev.workbench.core.experiment.Learning;
import dev.workbench.core.experiment.Status;
import dev.workbench.core.stats.FrequentistAnalysis;
import dev.workbench.core.stats.plan.SamplePlanRequest;
import dev.workbench.core.stats.plan.SamplePlanner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** propose-follow-ups' service: what a follow-up takes from its parent, and when it refuses. */
class FollowUpsTest {
    @TempDir
    Path root;

    Workbench wb;

    @BeforeEach
    void setUp() {
        wb = ProgramFixture.workbench(root);
    }

    private Experiment decidedWithLearning(String slug, String next) {
        ProgramFixture.ready(wb, slug);
        ProgramFixture.analysed(wb, slug, CLICK_DATA);
        ProgramFixture.decided(wb, slug);
        wb.learnings().record(LearningsTest.learning(slug, next, null));
        return wb.experiments().get(slug);
    }

    private FollowUpProposal propose(String slug, List<String> hypotheses, Boolean reuseData) {
        return wb.followUps().propose(new FollowUpRequest(slug, hypotheses, reuseData));
    }

    /** The stored analysis's primary comparison of {@code variant}. */
    private static JsonNode comparison(Experiment e, String variant) {
        for (JsonNode c : e.analysisResult().path("primary_metric").path("comparisons")) {
            if (c.path("variant").asText().equals(variant)) {
                return c;
            }
        }
        throw new AssertionError("no comparison of " + variant);
    }

    @Test
    void aDecidedParent_givesADraft_fromItsLatestLearning_withItsPosteriorAsPrior_andASizeFromItsBaseline() {
        Experiment parent = decidedWithLearning("cta", "A progress bar lifts completion further");
        long activities = wb.activity().count();

        FollowUpProposal proposal = propose("cta", null, null);

        assertThat(proposal.parent()).isEqualTo("cta");
        assertThat(proposal.created()).hasSize(1);
        FollowUpProposal.Created created = proposal.created().get(0);
        assertThat(created.slug()).isEqualTo("cta-follow-up-1");
        assertThat(created.hypothesisFrom()).isEqualTo("learnings[0].nextHypothesis of cta");

        Experiment draft = wb.experiments().get("cta-follow-up-1");
        assertThat(draft.status()).isEqualTo(Status.DRAFT);
        assertThat(draft.preregistration()).isNull();
        assertThat(draft.parent()).isEqualTo("cta");
        assertThat(draft.revision()).isEqualTo(created.revision()).isEqualTo(1);
        assertThat(draft.contract().hypothesis()).isEqualTo("A progress bar lifts completion further");
        assertThat(draft.claim()).isEqualTo(parent.claim());
        assertThat(draft.inputData()).isNull();
        assertThat(draft.analysisResult()).isNull();
        var pc = parent.contract();
        var dc = draft.contract();
        assertThat(List.of(dc.method(), dc.primaryMetricEvent(), dc.guardrailEvents(), dc.controlVariant()))
                .isEqualTo(List.of(pc.method(), pc.primaryMetricEvent(), pc.guardrailEvents(), pc.controlVariant()));
        assertThat(dc.treatmentVariants()).isEqualTo(pc.treatmentVariants());
        assertThat(dc.assignment()).isEqualTo(pc.assignment());
        assertThat(dc.metricDefinitions()).isEqualTo(pc.metricDefinitions());

        // the prior: the stored analysis's posterior of b, as the seed reads μ_rel and se from a pilot
        JsonNode b = comparison(parent, "b");
        assertThat(created.prior().proper()).isTrue();
        assertThat(created.prior().treatment()).isEqualTo("b");
        assertThat(created.prior().mean()).isEqualTo(b.path("relative_change").asDouble());
        assertThat(created.prior().stddev()).isEqualTo(b.path("se_rel").asDouble());
        double seedStddev = (b.path("ci_upper").asDouble() - b.path("ci_lower").asDouble()) / (2 * 1.959964);
        assertThat(created.prior().stddev()).isCloseTo(seedStddev, within(1e-6));
        assertThat(created.prior().why()).contains("only if the pilot data will not be included");
        assertThat(dc.prior().proper()).isTrue();
        assertThat(dc.prior().mean()).isEqualTo(created.prior().mean());
        assertThat(dc.prior().stddev()).isEqualTo(created.prior().stddev());

        // the size: the planner on the parent's observed control rate and its observed lift
        double rate = 219.0 / 1971.0;
        double lift = (283.0 / 2029.0) / rate - 1.0;
        FollowUpSample sample = created.sample();
        assertThat(sample.baseline().rate()).isEqualTo(rate);
        assertThat(sample.effect()).isCloseTo(lift, within(lift * 1e-3));
        long planned = SamplePlanner.plan(new SamplePlanRequest(
                        new SamplePlanRequest.Baseline(rate, null, null),
                        sample.effect(),
                        null,
                        null,
                        2,
                        null,
                        null,
                        null,
                        null,
                        null))
                .perVariant();
        assertThat(sample.minimumSample()).isEqualTo(planned);
        assertThat(dc.minimumSample()).isEqualTo(planned);
        assertThat(dc.minimumSampleBasis())
                .isEqualTo(sample.minimumSampleBasis())
                .startsWith("propose-follow-ups from \"cta\": its control a observed rate 0.111111 (n 1971) on click;")
                .contains("plan-sample-size (power calculation): rate 0.111111");

        assertThat(wb.activity().recent(1).get(0).type()).isEqualTo(FollowUps.ACTIVITY);
        assertThat(wb.activity().count()).isEqualTo(activities + 2); // the draft's creation, then the proposal
        assertThat(wb.experiments().get("cta")).isEqualTo(parent);
    }

    @Test
    void hypothesesSent_giveOneDraftEach_numberedAfterThoseOnRecord() {
        decidedWithLearning("cta", "first");
        propose("cta", null, null);
        FollowUpProposal three = propose("cta", List.of("two", "three", "four"), false);
        assertThat(three.created())
                .extracting(FollowUpProposal.Created::slug)
                .containsExactly("cta-follow-up-2", "cta-follow-up-3", "cta-follow-up-4");
        assertThat(three.created())
                .extracting(FollowUpProposal.Created::hypothesisFrom)
                .containsExactly("hypotheses[0]", "hypotheses[1]", "hypotheses[2]");
        assertThat(wb.experiments().get("cta-follow-up-4").contract().hypothesis())
                .isEqualTo("four");
    }

    @Test
    void reusedData_givesNoPrior_andSaysWhy_butStillASize() {
        decidedWithLearning("cta", "next");
        FollowUpProposal.Created created = propose("cta", null, true).created().get(0);
        assertThat(created.prior().proper()).isFalse();
        assertThat(created.prior().mean()).isNull();
        assertThat(created.prior().why()).contains("reuseData is true", "count it twice");
        Experiment draft = wb.experiments().get(created.slug());
        assertThat(draft.contract().prior().proper()).isFalse();
        assertThat(draft.contract().prior().mean()).isNull();
        assertThat(draft.contract().minimumSample())
                .isEqualTo(created.sample().minimumSample())
                .isNotNull();
    }

    @Test
    void anAnalysingPilot_mayBeFollowedUp_butAStaleOrFrequentistAnalysisGivesNoPrior() {
        ProgramFixture.ready(wb, "pilot");
        ProgramFixture.analysed(wb, "pilot", CLICK_DATA);
        assertThat(propose("pilot", List.of("h"), null).created().get(0).prior().proper())
                .isTrue();

        new ExperimentAnalysis(wb.experiments(), wb.backend())
                .frequentist(
                        new ExperimentAnalysis.Target("pilot", null, false, null),
                        FrequentistAnalysis.Options.defaults());
        assertThat(propose("pilot", List.of("h"), null).created().get(0).prior().why())
                .contains("is frequentist, not bayesian");

        new ExperimentAnalysis(wb.experiments(), wb.backend())
                .bayesian(new ExperimentAnalysis.Target("pilot", null, false, null));
        String moreData = CLICK_DATA.replace("\"n\":2029,\"k\":283", "\"n\":2100,\"k\":300");
        wb.experiments().upsert(ProgramFixture.patch("{\"slug\":\"pilot\",\"inputData\":" + moreData + "}"));
        FollowUpProposal.Created stale =
                propose("pilot", List.of("h"), null).created().get(0);
        assertThat(stale.prior().proper()).isFalse();
        assertThat(stale.prior().why()).contains("is stale");
        // the size reads the data as it is now
        assertThat(stale.sample().effect()).isCloseTo((300.0 / 2100.0) / (219.0 / 1971.0) - 1.0, within(1e-3));
    }

    @Test
    void aParentWithoutAResult_isRefused_andNothingIsCreated() {
        ProgramFixture.ready(wb, "cta");
        List<String> before = wb.experiments().slugs();
        assertCode(
                ErrorCode.INVALID_INPUT,
                "slug: expected an experiment with a result",
                () -> propose("cta", List.of("h"), null));
        assertCode(ErrorCode.NOT_FOUND, "no experiment \"nope\"", () -> propose("nope", List.of("h"), null));
        assertThat(wb.experiments().slugs()).isEqualTo(before);
    }

    @Test
    void withoutHypotheses_theLatestLearningMustHaveANextOne() {
        ProgramFixture.ready(wb, "cta");
        ProgramFixture.analysed(wb, "cta", CLICK_DATA);
        assertCode(ErrorCode.INVALID_INPUT, "hypotheses: required", () -> propose("cta", null, null));
        wb.learnings().record(LearningsTest.learning("cta", "an older next step", null));
        wb.learnings().record(LearningsTest.learning("cta", null, null));
        assertCode(
                ErrorCode.INVALID_INPUT,
                "no nextHypothesis in its latest learning (learnings[1])",
                () -> propose("cta", null, null));
        assertThat(wb.experiments().slugs()).containsExactly("cta");
    }

    @Test
    void aFollowUpSlugOver64Characters_isRefused_beforeAnythingIsWritten() {
        String slug = "a".repeat(50) + "-long-slug";
        ProgramFixture.ready(wb, slug);
        ProgramFixture.analysed(wb, slug, CLICK_DATA);
        long activities = wb.activity().count();
        assertCode(ErrorCode.INVALID_INPUT, "slug: the follow-up", () -> propose(slug, List.of("h"), null));
        assertThat(wb.experiments().slugs()).containsExactly(slug);
        assertThat(wb.activity().count()).isEqualTo(activities);
    }

    @Test
    void allOrNothing_aProposalWhoseSecondSlugIsTooLong_createsNotEvenTheFirst() {
        String slug = "b".repeat(42) + "-fifty-two"; // 52 characters: "-follow-up-9" fits in 64, "-follow-up-10" not
        ProgramFixture.ready(wb, slug);
        ProgramFixture.analysed(wb, slug, CLICK_DATA);
        propose(slug, List.of("1", "2", "3"), null);
        propose(slug, List.of("4", "5", "6"), null);
        propose(slug, List.of("7", "8"), null);
        List<String> before = wb.experiments().slugs();
        long activities = wb.activity().count();
        assertCode(
                ErrorCode.INVALID_INPUT,
                "slug: the follow-up \"" + slug + "-follow-up-10\" would be 65 characters",
                () -> propose(slug, List.of("9", "10"), null));
        assertThat(wb.experiments().slugs()).isEqualTo(before).doesNotContain(slug + "-follow-up-9");
        assertThat(wb.activity().count()).isEqualTo(activities);
        assertThat(propose(slug, List.of("9"), null).created().get(0).slug()).isEqualTo(slug + "-follow-up-9");
    }

    @Test
    void aContinuousMetric_isSizedFromTheControlsMeanAndStandardDeviation() {
        wb.experiments()
                .upsert(ProgramFixture.patch("{\"slug\":\"rev\",\"method\":\"bayesian_ab\",\"primaryMetricEvent\":"
                        + "\"revenue\",\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\",\"c\"],"
                        + "\"observationStart\":\"2026-11-01\",\"minimumSample\":100}"));
        String data = "{\"metrics\":{\"revenue\":{"
                + "\"a\":{\"n\":1000,\"sum\":45000.0,\"sum_squares\":2900000.0},"
                + "\"b\":{\"n\":1000,\"sum\":47000.0,\"sum_squares\":3100000.0},"
                + "\"c\":{\"n\":1000,\"sum\":49000.0,\"sum_squares\":3300000.0}}}}";
        Experiment parent = ProgramFixture.analysed(wb, "rev", data);
        FollowUpProposal.Created created =
                propose("rev", List.of("h"), null).created().get(0);

        // the best chance to win among the treatments of the stored analysis
        assertThat(created.prior().treatment()).isEqualTo("c");
        assertThat(comparison(parent, "c").path("chance_to_win").asDouble())
                .isGreaterThan(comparison(parent, "b").path("chance_to_win").asDouble());
        assertThat(created.prior().mean())
                .isEqualTo(comparison(parent, "c").path("relative_change").asDouble());

        double mean = 45.0;
        double stddev = Math.sqrt((2900000.0 - 45000.0 * 45000.0 / 1000) / 999);
        FollowUpSample sample = created.sample();
        assertThat(sample.baseline().mean()).isEqualTo(mean);
        assertThat(sample.baseline().stddev()).isCloseTo(stddev, within(1e-9));
        assertThat(sample.effect()).isCloseTo(49.0 / 45.0 - 1.0, within(1e-4));
        long planned = SamplePlanner.plan(new SamplePlanRequest(
                        new SamplePlanRequest.Baseline(
                                null, mean, sample.baseline().stddev()),
                        sample.effect(),
                        null,
                        null,
                        3,
                        null,
                        null,
                        null,
                        null,
                        null))
                .perVariant();
        assertThat(sample.minimumSample()).isEqualTo(planned);
    }

    @Test
    void aLaunchedParentWithAHoldoutPlan_givesThePriorOfTheShippedVariant_notTheBestScoring() {
        wb.experiments()
                .upsert(ProgramFixture.patch("{\"slug\":\"rev\",\"method\":\"bayesian_ab\",\"primaryMetricEvent\":"
                        + "\"revenue\",\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\",\"c\"],"
                        + "\"observationStart\":\"2026-11-01\",\"minimumSample\":100}"));
        String data = "{\"metrics\":{\"revenue\":{"
                + "\"a\":{\"n\":1000,\"sum\":45000.0,\"sum_squares\":2900000.0},"
                + "\"b\":{\"n\":1000,\"sum\":47000.0,\"sum_squares\":3100000.0},"
                + "\"c\":{\"n\":1000,\"sum\":49000.0,\"sum_squares\":3300000.0}}}}";
        Experiment parent = ProgramFixture.analysed(wb, "rev", data);
        ProgramFixture.decided(wb, "rev");
        wb.holdouts().plan(new HoldoutRequest("rev", 5.0, "2026-11-22", List.of(30), "b", null));

        FollowUpPrior prior =
                propose("rev", List.of("h"), null).created().get(0).prior();

        assertThat(prior.treatment()).isEqualTo("b");
        assertThat(prior.mean())
                .isEqualTo(comparison(parent, "b").path("relative_change").asDouble());
        assertThat(prior.why()).contains("for b (chance to win ", "the shipped variant, named by the holdout plan)");
    }

    @Test
    void oneToThreeHypotheses_eachNonBlank() {
        assertCode(
                ErrorCode.INVALID_INPUT,
                "hypotheses: expected 1 to 3 hypotheses",
                () -> new FollowUpRequest("cta", List.of("a", "b", "c", "d"), null));
        assertCode(
                ErrorCode.INVALID_INPUT,
                "hypotheses: expected 1 to 3",
                () -> new FollowUpRequest("cta", List.of(), null));
        assertCode(
                ErrorCode.INVALID_INPUT,
                "hypotheses[1]: expected non-blank",
                () -> new FollowUpRequest("cta", List.of("a", " "), null));
    }

    @Test
    void aRefutedParent_stillGivesAPrior_ofItsOwnSign() {
        ProgramFixture.ready(wb, "neg");
        String data = CLICK_DATA.replace("\"n\":2029,\"k\":283", "\"n\":2029,\"k\":200");
        Experiment parent = ProgramFixture.analysed(wb, "neg", data);
        wb.learnings()
                .record(new LearningRequest("neg", "x", "y", Learning.Outcome.REFUTED, "z", "try another copy", null));
        FollowUpProposal.Created created = propose("neg", null, null).created().get(0);
        assertThat(created.prior().mean())
                .isEqualTo(comparison(parent, "b").path("relative_change").asDouble())
                .isNegative();
        assertThat(created.sample().effect()).isPositive();
        assertThat(created.sample().minimumSampleBasis()).contains("observed lift of b, -");
    }
}
