package dev.workbench.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.stats.plan.SamplePlan;
import dev.workbench.core.stats.plan.SamplePlanRequest;
import dev.workbench.core.stats.plan.SamplePlanner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** minimumSampleBasis: kept with minimumSample, refused without it, frozen with the contract. */
class MinimumSampleBasisTest {
    @TempDir
    Path root;

    Experiments experiments;

    @BeforeEach
    void setUp() {
        experiments =
                new Workbench(root, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC)).experiments();
    }

    private Experiment upsert(String json) {
        try {
            return experiments
                    .upsert(Json.strict().readValue(json, ExperimentPatch.class))
                    .experiment();
        } catch (WorkbenchException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theToolsOutputIsKeptBesideMinimumSampleAndFrozenWithTheContract() throws Exception {
        SamplePlan plan = SamplePlanner.plan(
                Json.strict().readValue("{\"baseline\": {\"rate\": 0.04}, \"mde\": 0.1}", SamplePlanRequest.class));
        String basis = Json.mapper().writeValueAsString(plan.minimumSampleBasis());
        upsert("{\"slug\":\"cta\",\"method\":\"bayesian_ab\",\"primaryMetricEvent\":\"click\",\"controlVariant\":\"a\","
                + "\"treatmentVariants\":[\"b\"],\"observationStart\":\"2026-11-01\",\"priorProper\":false,"
                + "\"minimumSample\":" + plan.perVariant() + ",\"minimumSampleBasis\":" + basis + "}");
        Experiment e = experiments.get("cta");
        assertThat(e.contract().minimumSample()).isEqualTo(41_631L);
        assertThat(e.contract().minimumSampleBasis()).startsWith("plan-sample-size (power calculation): rate 0.04");
        assertThat(Json.mapper().valueToTree(e).get("minimumSampleBasis").asText())
                .isEqualTo(plan.minimumSampleBasis());

        upsert("{\"slug\":\"cta\",\"status\":\"collecting\"}");
        assertThatThrownBy(() -> upsert("{\"slug\":\"cta\",\"minimumSampleBasis\":\"a guess\"}"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.CONTRACT_FROZEN))
                .hasMessageContaining("minimumSampleBasis");
    }

    @Test
    void aBasisWithoutMinimumSampleIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> upsert("{\"slug\":\"cta\",\"minimumSampleBasis\":\"seed default\"}"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessageStartingWith("minimumSampleBasis: says where minimumSample came from");
        assertThat(experiments.find("cta")).isEmpty();
        assertThat(upsert("{\"slug\":\"cta\",\"minimumSample\":1000,\"minimumSampleBasis\":\"seed default\"}")
                        .contract()
                        .minimumSampleBasis())
                .isEqualTo("seed default");
    }

    @Test
    void aNewNumberWithoutABasisDropsTheOldBasis_theSameNumberKeepsIt() {
        upsert("{\"slug\":\"cta\",\"minimumSample\":41631,\"minimumSampleBasis\":\"plan → 41,631 per variant\"}");
        assertThat(upsert("{\"slug\":\"cta\",\"minimumSample\":41631}")
                        .contract()
                        .minimumSampleBasis())
                .isEqualTo("plan → 41,631 per variant");
        Contract changed = upsert("{\"slug\":\"cta\",\"minimumSample\":500}").contract();
        assertThat(changed.minimumSample()).isEqualTo(500L);
        assertThat(changed.minimumSampleBasis()).isNull();
    }
}
