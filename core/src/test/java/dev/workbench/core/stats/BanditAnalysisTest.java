package dev.workbench.core.stats;

import static dev.workbench.core.stats.TestExperiments.NOW;
import static dev.workbench.core.stats.TestExperiments.codeOf;
import static dev.workbench.core.stats.TestExperiments.experiment;
import static dev.workbench.core.stats.TestExperiments.json;
import static dev.workbench.core.stats.TestExperiments.messageOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BanditAnalysisTest {
    private static final BanditAnalysis.Options DEFAULTS = BanditAnalysis.Options.defaults();

    private static JsonNode analyze(JsonNode experiment, BanditAnalysis.Options options) {
        return Json.toTree(BanditAnalysis.analyze(experiment, options, NOW));
    }

    /** The result's JSON, as the tool sends it and the record stores it. */
    private static JsonNode analyze(JsonNode experiment, BanditAnalysis.Options options, Instant at) {
        return Json.toTree(BanditAnalysis.analyze(experiment, options, at));
    }

    private static JsonNode analyze(
            JsonNode experiment, BanditAnalysis.Options options, Instant at, JsonNode previous) {
        return Json.toTree(BanditAnalysis.analyze(experiment, options, at, previous));
    }

    /** A bandit over arms control, a1, a2, ... with proportion data n[i], k[i]. */
    private static ObjectNode arms(long[] n, long[] k, boolean inverse) {
        StringBuilder metric = new StringBuilder("{'click': {'inverse': " + inverse);
        List<String> treatments = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            String name = i == 0 ? "control" : "a" + i;
            if (i > 0) {
                treatments.add("'" + name + "'");
            }
            metric.append(", '")
                    .append(name)
                    .append("': {'n': ")
                    .append(n[i])
                    .append(", 'k': ")
                    .append(k[i])
                    .append('}');
        }
        return experiment(String.join(", ", treatments), metric.append("}}").toString());
    }

    private static double sum(JsonNode perArm) {
        double total = 0;
        for (JsonNode v : perArm) {
            total += v.doubleValue();
        }
        return total;
    }

    @Test
    void bandit_result_hasContractKeysInOrder() {
        JsonNode result = analyze(arms(new long[] {1000, 1000, 1000}, new long[] {100, 120, 110}, false), DEFAULTS);
        assertThat(result.fieldNames())
                .toIterable()
                .containsExactly(
                        "type",
                        "experiment",
                        "computed_at",
                        "metric",
                        "inverse",
                        "algorithm",
                        "units",
                        "srm",
                        "srm_p_value",
                        "enough_units",
                        "update_message",
                        "posteriors",
                        "best_arm_probabilities",
                        "bandit_weights",
                        "stopping",
                        "checks");
        assertThat(result.get("srm").fieldNames())
                .toIterable()
                .containsExactly("computed", "chi2_p_value", "ok", "observed", "period", "note");
        assertThat(result.get("stopping").fieldNames())
                .toIterable()
                .containsExactly("met", "best_arm", "p_best", "threshold");
        assertThat(result.get("type").asText()).isEqualTo("bandit");
        assertThat(result.get("algorithm").asText()).isEqualTo("thompson");
        assertThat(result.get("metric").asText()).isEqualTo("click");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void bandit_weightsSumToOne_andEachIsAtLeastMinWeight(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int count = 2 + rng.nextInt(19);
        long[] n = new long[count];
        long[] k = new long[count];
        for (int i = 0; i < count; i++) {
            n[i] = 100 + rng.nextInt(100_000);
            k[i] = rng.nextLong(n[i] + 1);
        }
        double minWeight = rng.nextDouble(0, 1.5 / count);
        BanditAnalysis.Options options =
                new BanditAnalysis.Options(rng.nextBoolean() ? "thompson" : "top-two", minWeight, 100, null, 0.95);
        JsonNode weights = analyze(arms(n, k, rng.nextBoolean()), options).get("bandit_weights");
        assertThat(sum(weights)).isCloseTo(1.0, within(1e-12));
        for (JsonNode w : weights) {
            assertThat(w.doubleValue()).isGreaterThanOrEqualTo(Math.min(minWeight, 1.0 / count) - 1e-15);
        }
    }

    @Test
    void bandit_minWeightTimesArmsAtLeastOne_givesEqualWeights() {
        JsonNode weights = analyze(
                        arms(new long[] {1000, 1000, 1000, 1000}, new long[] {100, 300, 50, 10}, false),
                        new BanditAnalysis.Options("thompson", 0.25, 100, null, 0.95))
                .get("bandit_weights");
        for (JsonNode w : weights) {
            assertThat(w.doubleValue()).isEqualTo(0.25);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void bandit_relabellingArms_permutesTheResult(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int count = 3 + rng.nextInt(6);
        long[] n = IntStream.range(0, count)
                .mapToLong(i -> 500 + rng.nextInt(2000))
                .toArray();
        long[] k =
                IntStream.range(0, count).mapToLong(i -> 50 + rng.nextInt(100)).toArray();
        int[] order = IntStream.range(0, count).toArray();
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long[] n2 = IntStream.range(0, count).mapToLong(i -> n[order[i]]).toArray();
        long[] k2 = IntStream.range(0, count).mapToLong(i -> k[order[i]]).toArray();
        BanditAnalysis.Options options = new BanditAnalysis.Options("top-two", 0.01, 100, null, 0.95);
        JsonNode a = analyze(arms(n, k, false), options);
        JsonNode b = analyze(arms(n2, k2, false), options);
        for (int i = 0; i < count; i++) {
            String moved = i == 0 ? "control" : "a" + i;
            String original = order[i] == 0 ? "control" : "a" + order[i];
            assertThat(b.at("/best_arm_probabilities/" + moved).doubleValue())
                    .isCloseTo(a.at("/best_arm_probabilities/" + original).doubleValue(), within(1e-12));
            assertThat(b.at("/bandit_weights/" + moved).doubleValue())
                    .isCloseTo(a.at("/bandit_weights/" + original).doubleValue(), within(1e-12));
        }
    }

    @Test
    void bandit_inverseMetric_equalsTheNegatedMetric() {
        String inverse = "{'click': {'inverse': true, 'control': {'n': 500, 'mean': 10, 'variance': 4},"
                + " 'a': {'n': 500, 'mean': 9.8, 'variance': 4}, 'b': {'n': 500, 'mean': 10.1, 'variance': 9}}}";
        String negated = "{'click': {'control': {'n': 500, 'mean': -10, 'variance': 4},"
                + " 'a': {'n': 500, 'mean': -9.8, 'variance': 4}, 'b': {'n': 500, 'mean': -10.1, 'variance': 9}}}";
        JsonNode a = analyze(experiment("'a', 'b'", inverse), DEFAULTS);
        JsonNode b = analyze(experiment("'a', 'b'", negated), DEFAULTS);
        assertThat(a.get("best_arm_probabilities")).isEqualTo(b.get("best_arm_probabilities"));
        assertThat(a.get("bandit_weights")).isEqualTo(b.get("bandit_weights"));
        assertThat(a.at("/stopping/best_arm").asText()).isEqualTo("a");
    }

    @Test
    void bandit_burnIn_nullWeightsAndSaysHowManyUnitsAreMissing() {
        JsonNode result = analyze(arms(new long[] {150, 99, 40}, new long[] {15, 12, 4}, false), DEFAULTS);
        assertThat(result.get("enough_units").asBoolean()).isFalse();
        assertThat(result.get("bandit_weights").isNull()).isTrue();
        assertThat(result.get("update_message").asText()).startsWith("burn-in: 61 more units needed");
        assertThat(sum(result.get("best_arm_probabilities"))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void bandit_armWithoutUnits_nullProbabilitiesAndNoBestArm() {
        JsonNode result = analyze(
                arms(new long[] {150, 0}, new long[] {15, 0}, false),
                new BanditAnalysis.Options("thompson", 0.01, 0, null, 0.95));
        assertThat(result.get("best_arm_probabilities").isNull()).isTrue();
        assertThat(result.get("bandit_weights").isNull()).isTrue();
        assertThat(result.at("/stopping/best_arm").isNull()).isTrue();
        assertThat(result.at("/stopping/met").asBoolean()).isFalse();
        assertThat(result.at("/posteriors/a1/mean").isNull()).isTrue();
        assertThat(result.get("update_message").asText()).startsWith("no units yet for a1");
    }

    @Test
    void bandit_clearWinner_meetsStopRule() {
        JsonNode result = analyze(arms(new long[] {5000, 5000}, new long[] {500, 700}, false), DEFAULTS);
        assertThat(result.at("/stopping/met").asBoolean()).isTrue();
        assertThat(result.at("/stopping/best_arm").asText()).isEqualTo("a1");
        assertThat(result.get("update_message").asText()).contains("stop rule met");
    }

    @Test
    void bandit_armPrior_shrinksTowardsPriorMean() {
        JsonNode result = analyze(
                arms(new long[] {200, 200}, new long[] {20, 28}, false),
                new BanditAnalysis.Options("thompson", 0.01, 100, new BanditAnalysis.ArmPrior(0.0, 0.3), 0.95));
        assertThat(result.at("/posteriors/control/mean").doubleValue()).isCloseTo(0.09950248756218905, within(1e-12));
    }

    @Test
    void bandit_extremePrecisionArms_stillWork() {
        JsonNode result = analyze(
                experiment(
                        "'a', 'b'",
                        "{'click': {"
                                + "'control': {'n': 1000000000, 'mean': 100.0, 'variance': 1e-12},"
                                + "'a': {'n': 1000000000, 'mean': 101.0, 'variance': 1e-12},"
                                + "'b': {'n': 1000000000000, 'mean': 100.0000000001, 'variance': 1e-12}}}"),
                DEFAULTS);
        assertThat(result.at("/best_arm_probabilities/a").doubleValue()).isCloseTo(1.0, within(1e-12));
        assertThat(sum(result.get("bandit_weights"))).isCloseTo(1.0, within(1e-12));
        TestExperiments.assertAllFinite(result);
    }

    @Test
    void bandit_trafficWeights_driveTheSrmCheck() {
        ObjectNode experiment = arms(new long[] {1000, 9000}, new long[] {100, 900}, false);
        assertThat(analyze(experiment, DEFAULTS).at("/srm/ok").asBoolean()).isFalse();
        experiment.set("trafficWeights", json("{'control': 0.1, 'a1': 0.9}"));
        JsonNode result = analyze(experiment, DEFAULTS);
        assertThat(result.at("/srm/ok").asBoolean()).isTrue();
        assertThat(result.get("srm_p_value")).isEqualTo(result.at("/srm/chi2_p_value"));
    }

    // ---- checks ----

    @Test
    void bandit_checks_burnInIsNotEnoughData_afterItInterpretable() {
        JsonNode early = analyze(arms(new long[] {50, 50}, new long[] {5, 7}, false), DEFAULTS);
        assertThat(early.at("/checks/srm_ok").booleanValue()).isTrue();
        assertThat(early.at("/checks/sample_ok").booleanValue()).isFalse();
        assertThat(early.at("/checks/interpretable").booleanValue()).isFalse();
        assertThat(early.at("/checks/reasons/0").asText()).isEqualTo("not enough data");
        JsonNode later = analyze(arms(new long[] {500, 500}, new long[] {50, 70}, false), DEFAULTS);
        assertThat(later.at("/checks/sample_ok").booleanValue()).isTrue();
        assertThat(later.at("/checks/interpretable").booleanValue()).isTrue();
        assertThat(later.at("/units/control").longValue()).isEqualTo(500);
    }

    @Test
    void bandit_checks_noBurnInButAnArmWithoutUnits_isNotEnoughData() {
        JsonNode result = analyze(
                arms(new long[] {0, 0}, new long[] {0, 0}, false),
                new BanditAnalysis.Options("thompson", 0.01, 0, null, 0.95));
        assertThat(result.at("/srm/ok").isNull()).isTrue();
        assertThat(result.at("/checks/srm_ok").booleanValue()).isTrue();
        assertThat(result.at("/checks/sample_ok").booleanValue()).isFalse();
    }

    @Test
    void bandit_checks_srmFailed_isNotInterpretable() {
        JsonNode result = analyze(arms(new long[] {1000, 9000}, new long[] {100, 900}, false), DEFAULTS);
        assertThat(result.at("/checks/srm_ok").booleanValue()).isFalse();
        assertThat(result.at("/checks/interpretable").booleanValue()).isFalse();
        assertThat(result.at("/checks/reasons/0").asText()).isEqualTo("sample ratio mismatch");
    }

    // ---- SRM across rounds ----

    private static final Instant LATER = NOW.plusSeconds(86_400);

    /** Round 1 on an equal split: 1000 units per arm, a1 clearly better, so the weights move far from equal. */
    private static JsonNode firstRound() {
        JsonNode round = analyze(arms(new long[] {1000, 1000}, new long[] {100, 140}, false), DEFAULTS);
        assertThat(round.at("/bandit_weights/a1").doubleValue()).isGreaterThan(0.9);
        return round;
    }

    /** Round 2's record: round 1's units plus {@code added}, at a1's conversion rate. */
    private static ObjectNode secondRoundData(long addedControl, long addedA1) {
        return arms(
                new long[] {1000 + addedControl, 1000 + addedA1},
                new long[] {100 + addedControl / 10, 140 + addedA1 * 14 / 100},
                false);
    }

    /** The reproduction: after reweighting, the cumulative check always failed although the split was followed. */
    @Test
    void bandit_srmAfterReweighting_countsTheUnitsSinceThePreviousRoundAgainstItsWeights() {
        JsonNode previous = firstRound();
        double wControl = previous.at("/bandit_weights/control").doubleValue();
        long addedControl = Math.round(wControl * 4000);
        ObjectNode record = secondRoundData(addedControl, 4000 - addedControl);
        record.set("trafficWeights", previous.get("bandit_weights"));

        JsonNode cumulative = analyze(record, DEFAULTS, LATER);
        assertThat(cumulative.at("/srm/ok").booleanValue())
                .as("the old check: cumulative vs current weights")
                .isFalse();
        assertThat(cumulative.at("/srm/period").isNull()).isTrue();

        JsonNode result = analyze(record, DEFAULTS, LATER, previous);
        assertThat(result.at("/srm/computed").booleanValue()).isTrue();
        assertThat(result.at("/srm/ok").booleanValue()).isTrue();
        assertThat(result.at("/srm/observed/control").longValue()).isEqualTo(addedControl);
        assertThat(result.at("/srm/observed/a1").longValue()).isEqualTo(4000 - addedControl);
        assertThat(result.at("/srm/period/from").asText()).isEqualTo(NOW.toString());
        assertThat(result.at("/srm/period/to").asText()).isEqualTo(LATER.toString());
        assertThat(result.at("/srm/note").isNull()).isTrue();
        assertThat(result.get("srm_p_value")).isEqualTo(result.at("/srm/chi2_p_value"));
        assertThat(result.at("/units/control").longValue())
                .as("units stay cumulative")
                .isEqualTo(1000 + addedControl);
        assertThat(result.at("/checks/srm_ok").booleanValue()).isTrue();
    }

    @Test
    void bandit_srmAcrossRounds_unitsThatIgnoredTheRoundsWeights_fail() {
        JsonNode previous = firstRound();
        JsonNode result = analyze(secondRoundData(2000, 2000), DEFAULTS, LATER, previous);
        assertThat(result.at("/srm/period/from").asText()).isEqualTo(NOW.toString());
        assertThat(result.at("/srm/ok").booleanValue())
                .as("an equal split where the round set about 5/95")
                .isFalse();
        assertThat(result.at("/checks/srm_ok").booleanValue()).isFalse();
        assertThat(result.at("/checks/interpretable").booleanValue()).isFalse();
    }

    @Test
    void bandit_srmAcrossRounds_fewerUnitsThanBefore_fallsBackToCumulativeAndSaysSo() {
        JsonNode previous = firstRound();
        ObjectNode smaller = arms(new long[] {900, 1200}, new long[] {90, 170}, false);
        JsonNode result = analyze(smaller, DEFAULTS, LATER, previous);
        assertThat(result.at("/srm/period").isNull()).isTrue();
        assertThat(result.at("/srm/note").asText()).contains("'control'", "900", "1000", "smaller data", "cumulative");
        assertThat(result.at("/srm/observed/control").longValue()).isEqualTo(900);
        assertThat(result.at("/srm/observed/a1").longValue()).isEqualTo(1200);
        assertThat(result.at("/srm/computed").booleanValue()).isTrue();
    }

    @Test
    void bandit_srmAcrossRounds_noUnitsSinceTheRound_keepsThatRoundsOwnCheck() {
        JsonNode previous = firstRound();
        JsonNode result = analyze(secondRoundData(0, 0), DEFAULTS, LATER, previous);
        for (String field : List.of("computed", "chi2_p_value", "ok", "observed", "period")) {
            assertThat(result.at("/srm/" + field)).as(field).isEqualTo(previous.at("/srm/" + field));
        }
        assertThat(result.at("/srm/note").asText()).contains("no unit arrived since the bandit round of " + NOW);
        assertThat(result.at("/checks/srm_ok")).isEqualTo(previous.at("/checks/srm_ok"));
    }

    /** Analysing the same data again must not wipe out a failed check before the decision gate reads it. */
    @Test
    void bandit_srmAcrossRounds_aFailedCheck_survivesAnalysingTheSameDataAgain() {
        JsonNode failed = analyze(secondRoundData(2000, 2000), DEFAULTS, LATER, firstRound());
        assertThat(failed.at("/checks/srm_ok").booleanValue()).isFalse();
        JsonNode again = analyze(secondRoundData(2000, 2000), DEFAULTS, LATER.plusSeconds(60), failed);
        assertThat(again.at("/srm/computed").booleanValue()).isTrue();
        assertThat(again.at("/srm/ok").booleanValue()).isFalse();
        assertThat(again.at("/srm/chi2_p_value")).isEqualTo(failed.at("/srm/chi2_p_value"));
        assertThat(again.at("/srm/period")).isEqualTo(failed.at("/srm/period"));
        assertThat(again.at("/checks/srm_ok").booleanValue()).isFalse();
        assertThat(again.at("/checks/interpretable").booleanValue()).isFalse();
    }

    @Test
    void bandit_srmAcrossRounds_aRoundInBurnInOrNotABandit_leavesTheCumulativeCheck() {
        JsonNode burnIn = analyze(arms(new long[] {50, 50}, new long[] {5, 7}, false), DEFAULTS);
        assertThat(burnIn.get("bandit_weights").isNull()).isTrue();
        ObjectNode record = arms(new long[] {500, 500}, new long[] {50, 70}, false);
        JsonNode afterBurnIn = analyze(record, DEFAULTS, LATER, burnIn);
        assertThat(afterBurnIn.at("/srm/period").isNull()).isTrue();
        assertThat(afterBurnIn.at("/srm/note").isNull()).isTrue();
        assertThat(afterBurnIn.at("/srm/observed/control").longValue()).isEqualTo(500);
        JsonNode bayesian = json("{'type': 'bayesian', 'computed_at': '2026-03-01T00:00:00Z'}");
        assertThat(analyze(record, DEFAULTS, LATER, bayesian).at("/srm/period").isNull())
                .isTrue();
    }

    @Test
    void bandit_srmAcrossRounds_aRoundWrittenBeforeUnitsExisted_readsItsSrmObserved() {
        ObjectNode previous = (ObjectNode) firstRound();
        JsonNode expected = analyze(secondRoundData(300, 3700), DEFAULTS, LATER, previous);
        previous.remove("units");
        JsonNode legacy = analyze(secondRoundData(300, 3700), DEFAULTS, LATER, previous);
        assertThat(legacy.get("srm")).isEqualTo(expected.get("srm"));
        assertThat(legacy.at("/srm/period/from").asText()).isEqualTo(NOW.toString());
        ((ObjectNode) previous.get("srm")).set("period", json("{'from': 'x', 'to': 'y'}"));
        JsonNode unknown = analyze(secondRoundData(300, 3700), DEFAULTS, LATER, previous);
        assertThat(unknown.at("/srm/period").isNull()).isTrue();
        assertThat(unknown.at("/srm/note").asText()).contains("does not record units per arm");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {61, 62, 63, 64, 65, 66, 67, 68})
    void bandit_randomExtremeData_neverWritesNaNOrInfinity(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int count = 2 + rng.nextInt(6);
        StringBuilder metric = new StringBuilder("{'click': {'inverse': " + rng.nextBoolean());
        List<String> treatments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = i == 0 ? "control" : "a" + i;
            if (i > 0) {
                treatments.add("'" + name + "'");
            }
            double mean = Math.pow(10, rng.nextDouble(-300, 300)) * (rng.nextBoolean() ? 1 : -1);
            double variance = Math.pow(10, rng.nextDouble(-300, 300));
            long n = (long) Math.pow(10, rng.nextDouble(0, 12));
            metric.append(", '")
                    .append(name)
                    .append("': {'n': ")
                    .append(n)
                    .append(", 'mean': ")
                    .append(mean)
                    .append(", 'variance': ")
                    .append(variance)
                    .append('}');
        }
        ObjectNode experiment =
                experiment(String.join(", ", treatments), metric.append("}}").toString());
        BanditAnalysis.Options options = new BanditAnalysis.Options(
                rng.nextBoolean() ? "thompson" : "top-two",
                0.01,
                0,
                rng.nextBoolean() ? new BanditAnalysis.ArmPrior(0, Math.pow(10, rng.nextDouble(-9, 9))) : null,
                0.95);
        JsonNode result = analyze(experiment, options);
        TestExperiments.assertAllFinite(result);
        assertThat(sum(result.get("best_arm_probabilities"))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void bandit_ignoresTheRecordsBayesianPrior() {
        ObjectNode experiment = arms(new long[] {1000, 1000}, new long[] {100, 120}, false);
        experiment.put("priorProper", true).put("priorStddev", 0.0);
        assertThat(analyze(experiment, DEFAULTS).get("bandit_weights").isObject())
                .isTrue();
    }

    // ---- errors ----

    @Test
    void bandit_singleArm_isTooFewArms() {
        assertThat(codeOf(() -> analyze(experiment("", "{'click': {'control': {'n': 1000, 'k': 100}}}"), DEFAULTS)))
                .isEqualTo(ErrorCode.TOO_FEW_ARMS);
    }

    @Test
    void bandit_continuousArmWithoutSpread_isZeroVariance() {
        assertThat(codeOf(() -> analyze(
                        experiment(
                                "'a'",
                                "{'click': {'control': {'n': 500, 'mean': 10, 'variance': 4},"
                                        + " 'a': {'n': 500, 'mean': 11, 'variance': 0}}}"),
                        DEFAULTS)))
                .isEqualTo(ErrorCode.ZERO_VARIANCE);
    }

    @Test
    void bandit_zeroConversionArm_usesSmoothedRate() {
        JsonNode result = analyze(arms(new long[] {1000, 1000}, new long[] {100, 0}, false), DEFAULTS);
        assertThat(result.at("/posteriors/a1/mean").doubleValue()).isEqualTo(0.0);
        assertThat(result.at("/posteriors/a1/variance").doubleValue()).isCloseTo(9.970079800478882e-07, within(1e-18));
    }

    @Test
    void bandit_trillionUnits_work() {
        JsonNode result = analyze(
                arms(
                        new long[] {1_000_000_000_000L, 1_000_000_000_000L},
                        new long[] {100_000_000_000L, 100_000_100_000L},
                        false),
                DEFAULTS);
        assertThat(sum(result.get("bandit_weights"))).isCloseTo(1.0, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{'minWeight': -0.01}",
                "{'minWeight': 1.5}",
                "{'allocation': 'epsilon-greedy'}",
                "{'allocation': 3}",
                "{'stopThreshold': 0}",
                "{'stopThreshold': 1.01}",
                "{'burnIn': -1}",
                "{'burnIn': 2.5}",
                "{'minWeight': 'x'}"
            })
    void bandit_invalidOption_isInvalidInput(String arguments) {
        assertThat(codeOf(() -> BanditAnalysis.Options.fromArguments(json(arguments))))
                .isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{'armPrior': {'mean': 0, 'stddev': 0}}", "{'armPrior': {'mean': 0}}", "{'armPrior': 0.3}"})
    void bandit_invalidArmPrior_isInvalidPrior(String arguments) {
        assertThat(codeOf(() -> BanditAnalysis.Options.fromArguments(json(arguments))))
                .isEqualTo(ErrorCode.INVALID_PRIOR);
    }

    @Test
    void bandit_optionMessage_namesOptionAndRange() {
        assertThat(messageOf(() -> new BanditAnalysis.Options("thompson", -0.5, 100, null, 0.95)))
                .isEqualTo("INVALID_INPUT: minWeight: must be a number 0 ≤ minWeight ≤ 1 (default 0.01), got -0.5");
    }

    @Test
    void bandit_absentOptions_takeDefaults() {
        assertThat(BanditAnalysis.Options.fromArguments(json("{'experiment': {}}")))
                .isEqualTo(BanditAnalysis.Options.defaults());
    }
}
