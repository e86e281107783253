package dev.workbench.core.program;

import static dev.workbench.core.program.Launches.decided;
import static dev.workbench.core.program.Launches.files;
import static dev.workbench.core.program.Launches.refused;
import static dev.workbench.core.program.Launches.request;
import static dev.workbench.core.program.Launches.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.experiment.Method;
import dev.workbench.core.experiment.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan-holdout's service: the plan on the launched experiment, its checkpoints pre-filled, and every refusal. */
class HoldoutPlannerTest {
    static final String DATA = "\"assignment\":{\"source\":\"local\",\"sql\":\"SELECT unit_id, variant, exposed_at "
            + "FROM read_csv('exposures.csv')\"},\"metricDefinitions\":{\"purchase\":{\"sql\":\"SELECT unit_id, at, "
            + "value FROM read_csv('purchases.csv')\",\"type\":\"binary\"}},\"claim\":\"short-checkout\",";

    @TempDir
    Path root;

    Workbench wb;

    @BeforeEach
    void setUp() {
        wb = Launches.on(root, "2026-05-20");
        wb.claims()
                .upsert(
                        new ClaimInput("short-checkout", "A shorter checkout sells more, lastingly", null, null, null),
                        dev.workbench.core.review.HumanApproval.NONE,
                        null);
        decided(wb, "checkout", SeedHoldoutSeries.HOLDS.original(), false, DATA);
    }

    private HoldoutPlan plan(double percentage, String launchedAt, List<Integer> days) {
        return wb.holdouts().plan(request("checkout", percentage, launchedAt, days));
    }

    @Test
    void aParentWhoseClaimIsFreeText_fromBeforeClaimsWereRecords_givesCheckpointsNoClaim() throws Exception {
        Path record = root.resolve(".aw/experiments/checkout.json");
        String text = java.nio.file.Files.readString(record);
        assertThat(text).contains("\"short-checkout\"");
        java.nio.file.Files.writeString(record, text.replace("\"short-checkout\"", "\"shorter forms convert better\""));

        plan(5, "2026-06-01", List.of(30));

        assertThat(wb.experiments().get("checkout-holdout-30d").claim()).isNull();
        assertThat(wb.experiments().get("checkout").claim()).isEqualTo("shorter forms convert better");
    }

    @Test
    void plan_storesThePlanAndCreatesOneDraftCheckpointPerDay_preFilled() {
        HoldoutPlan plan = plan(5, "2026-06-01", null);

        assertThat(plan.changed()).isTrue();
        assertThat(plan.holdout()).isEqualTo(new Holdout(5.0, "2026-06-01", List.of(30, 60, 90), "shipped"));
        assertThat(wb.experiments().get("checkout").lineage().holdout()).isEqualTo(plan.holdout());
        assertThat(plan.checkpoints())
                .extracting(HoldoutPlan.Planned::slug, HoldoutPlan.Planned::dueOn, HoldoutPlan.Planned::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "checkout-holdout-30d", "2026-07-01", HoldoutPlan.Action.CREATED),
                        org.assertj.core.groups.Tuple.tuple(
                                "checkout-holdout-60d", "2026-07-31", HoldoutPlan.Action.CREATED),
                        org.assertj.core.groups.Tuple.tuple(
                                "checkout-holdout-90d", "2026-08-30", HoldoutPlan.Action.CREATED));

        Experiment parent = wb.experiments().get("checkout");
        Experiment cp = wb.experiments().get("checkout-holdout-60d");
        assertThat(cp.status()).isEqualTo(Status.DRAFT);
        assertThat(cp.parent()).isEqualTo("checkout");
        assertThat(cp.lineage().holdoutDay()).isEqualTo(60);
        assertThat(cp.lineage().holdout()).isNull();
        assertThat(cp.contract().method()).isEqualTo(Method.BAYESIAN_AB);
        assertThat(cp.contract().hypothesis())
                .contains("checkout", "day 60", "shipped", "control", "purchase", "5 % held back");
        assertThat(cp.contract().primaryMetricEvent()).isEqualTo("purchase");
        assertThat(cp.contract().variants()).containsExactly("control", "shipped");
        assertThat(cp.trafficWeights()).isEqualTo(Map.of("control", 0.05, "shipped", 0.95));
        assertThat(cp.window().start()).isEqualTo("2026-06-01");
        assertThat(cp.window().end()).isEqualTo("2026-07-31");
        assertThat(cp.contract().assignment()).isEqualTo(parent.contract().assignment());
        assertThat(cp.contract().metricDefinitions())
                .isEqualTo(parent.contract().metricDefinitions());
        assertThat(cp.claim()).isEqualTo("short-checkout");
        assertThat(cp.contract().prior().proper()).isNull();
        assertThat(cp.inputData()).isNull();
        assertThat(wb.activity().recent(20))
                .extracting(e -> e.type())
                .contains("experiment.holdout-planned", "experiment.holdout-checkpoint");
    }

    @Test
    void theSamePlanAgain_changesNothing() {
        plan(5, "2026-06-01", null);
        Map<String, String> before = files(root);

        HoldoutPlan again = plan(5.0, "2026-06-01", List.of(30, 60, 90));

        assertThat(again.changed()).isFalse();
        assertThat(again.checkpoints()).allMatch(p -> p.action() == HoldoutPlan.Action.UNCHANGED);
        assertThat(files(root)).isEqualTo(before);
    }

    @Test
    void theSamePlanAgain_keepsWhatAPersonWroteIntoADraft_andRecreatesARemovedCheckpoint() throws Exception {
        plan(5, "2026-06-01", null);
        upsert(wb, "{\"slug\":\"checkout-holdout-30d\",\"minimumSample\":500}");
        java.nio.file.Files.delete(root.resolve(".aw/experiments/checkout-holdout-90d.json"));

        HoldoutPlan again = plan(5, "2026-06-01", null);

        assertThat(again.checkpoints())
                .extracting(HoldoutPlan.Planned::action)
                .containsExactly(
                        HoldoutPlan.Action.UNCHANGED, HoldoutPlan.Action.UNCHANGED, HoldoutPlan.Action.CREATED);
        assertThat(wb.experiments().get("checkout-holdout-30d").contract().minimumSample())
                .isEqualTo(500);
        assertThat(wb.experiments().get("checkout-holdout-90d").lineage().holdoutDay())
                .isEqualTo(90);
    }

    @Test
    void aChangedPlan_whileEveryCheckpointIsADraft_refillsThem_andKeepsDroppedDaysAsNotPlanned() {
        plan(5, "2026-06-01", null);

        HoldoutPlan changed = plan(10, "2026-06-02", List.of(30, 45));

        assertThat(changed.changed()).isTrue();
        assertThat(changed.checkpoints())
                .extracting(HoldoutPlan.Planned::slug, HoldoutPlan.Planned::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("checkout-holdout-30d", HoldoutPlan.Action.UPDATED),
                        org.assertj.core.groups.Tuple.tuple("checkout-holdout-45d", HoldoutPlan.Action.CREATED));
        assertThat(changed.notPlanned()).containsExactly("checkout-holdout-60d", "checkout-holdout-90d");
        Experiment cp = wb.experiments().get("checkout-holdout-30d");
        assertThat(cp.trafficWeights()).isEqualTo(Map.of("control", 0.1, "shipped", 0.9));
        assertThat(cp.window().end()).isEqualTo("2026-07-02");
        assertThat(wb.experiments().get("checkout-holdout-90d").status()).isEqualTo(Status.DRAFT);
        assertThat(wb.experiments().get("checkout").lineage().holdout().checkAtDays())
                .containsExactly(30, 45);
    }

    @Test
    void aChangedPlan_afterACheckpointLeftDraft_isAConflictNamingIt() {
        plan(5, "2026-06-01", null);
        upsert(wb, "{\"slug\":\"checkout-holdout-30d\",\"status\":\"collecting\"}");

        String message = refused(root, ErrorCode.CONFLICT, () -> plan(5, "2026-06-01", List.of(30, 60)));

        assertThat(message).contains("checkout-holdout-30d", "collecting", "percentage 5");
        assertThat(plan(5, "2026-06-01", null).changed())
                .as("the stored plan is still fine")
                .isFalse();
    }

    @Test
    void shippedVariant_isRequiredNamingTheTreatments_whenThereAreSeveral_andMustBeOne() {
        upsert(
                wb,
                "{\"slug\":\"menu\",\"method\":\"bayesian_ab\",\"primaryMetricEvent\":\"purchase\","
                        + "\"controlVariant\":\"control\",\"treatmentVariants\":[\"shipped\",\"other\"],"
                        + "\"observationStart\":\"2026-05-01\"}");
        Launches.analysed(wb, "menu", (com.fasterxml.jackson.databind.node.ObjectNode) dev.workbench.core.Json.toTree(
                Map.of(
                        "metrics",
                        Map.of(
                                "purchase",
                                Map.of(
                                        "control", Map.of("n", 1000, "k", 100),
                                        "shipped", Map.of("n", 1000, "k", 120),
                                        "other", Map.of("n", 1000, "k", 90))))));
        upsert(
                wb,
                "{\"slug\":\"menu\",\"status\":\"decided\",\"decision\":\"ship\",\"decisionSummary\":\"s\","
                        + "\"decisionReason\":\"r\"}");

        assertThat(refused(
                        root,
                        ErrorCode.INVALID_INPUT,
                        () -> wb.holdouts().plan(request("menu", 5, "2026-06-01", null))))
                .startsWith("shippedVariant: required")
                .contains("shipped, other");
        assertThat(refused(
                        root,
                        ErrorCode.UNKNOWN_VARIANT,
                        () -> wb.holdouts().plan(new HoldoutRequest("menu", 5.0, "2026-06-01", null, "control", null))))
                .contains("shippedVariant", "shipped, other");
        HoldoutPlan plan = wb.holdouts().plan(new HoldoutRequest("menu", 5.0, "2026-06-01", null, "other", null));
        assertThat(wb.experiments().get("menu-holdout-30d").contract().variants())
                .containsExactly("control", "other");
        assertThat(plan.holdout().shippedVariant()).isEqualTo("other");
    }

    @Test
    void refusals_nameTheFieldAndChangeNothing() {
        upsert(wb, "{\"slug\":\"open-one\"}");
        assertThat(refused(
                        root,
                        ErrorCode.INVALID_INPUT,
                        () -> wb.holdouts().plan(request("open-one", 5, "2026-06-01", null))))
                .startsWith("slug: expected a decided experiment")
                .contains("draft");
        assertThat(refused(
                        root, ErrorCode.NOT_FOUND, () -> wb.holdouts().plan(request("nowhere", 5, "2026-06-01", null))))
                .contains("nowhere");
        assertThat(refused(root, ErrorCode.INVALID_INPUT, () -> plan(5, "2026-05-19", null)))
                .startsWith("launchedAt: expected a day on or after checkout's observationEnd 2026-05-20");
        assertThat(refused(
                        root,
                        ErrorCode.CONFLICT,
                        () -> wb.holdouts().plan(new HoldoutRequest("checkout", 5.0, "2026-06-01", null, null, 1L))))
                .contains("revision");
        upsert(wb, "{\"slug\":\"checkout-holdout-60d\",\"hypothesis\":\"someone else's\"}");
        assertThat(refused(root, ErrorCode.CONFLICT, () -> plan(5, "2026-06-01", null)))
                .contains("\"checkout-holdout-60d\" exists and is not the day-60 holdout checkpoint of checkout");
    }

    @Test
    void aSlugTooLongForItsCheckpoints_isRefused() {
        String slug = "a".repeat(53);
        decided(wb, slug, SeedHoldoutSeries.HOLDS.original(), false, "");
        assertThat(wb.holdouts()
                        .plan(request(slug, 5, "2026-06-01", List.of(7)))
                        .checkpoints())
                .extracting(HoldoutPlan.Planned::slug)
                .containsExactly(slug + "-holdout-7d");
        assertThat(refused(
                        root,
                        ErrorCode.INVALID_INPUT,
                        () -> wb.holdouts().plan(request(slug, 5, "2026-06-01", List.of(7, 30)))))
                .startsWith("slug: expected a slug short enough to name its checkpoints")
                .contains(slug + "-holdout-30d", "65 characters");
    }

    @Test
    void aCheckpointCannotHaveAHoldoutOfItsOwn() {
        plan(5, "2026-06-01", null);
        Launches.checkpointAnalysed(
                wb, "checkout", SeedHoldoutSeries.HOLDS.checkpoints().get(0), 5, false);
        upsert(
                wb,
                "{\"slug\":\"checkout-holdout-30d\",\"status\":\"decided\",\"decision\":\"keep\","
                        + "\"decisionSummary\":\"s\",\"decisionReason\":\"r\"}");
        assertThat(refused(
                        root,
                        ErrorCode.INVALID_INPUT,
                        () -> wb.holdouts().plan(request("checkout-holdout-30d", 5, "2026-07-02", null))))
                .contains("not a holdout checkpoint", "day-30 checkpoint of checkout");
    }
}
