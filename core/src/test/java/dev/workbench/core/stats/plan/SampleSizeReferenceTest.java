package dev.workbench.core.stats.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.stats.numeric.SampleSize;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * plan-sample-size against values computed without this code: {@code scripts/reference/sample_size.py} (50-digit
 * mpmath, see its docstring and the README beside the JSON) and GrowthBook's published powers
 * ({@code packages/shared/test/power.test.ts}). Tolerances: whole units exactly; the unrounded fixed n to a relative
 * 1e-9; powers to GrowthBook's 5 decimals.
 */
class SampleSizeReferenceTest {
    private static final String RESOURCE = "/dev/workbench/core/stats/plan/sample-size-reference.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode REFERENCE = load();

    private static JsonNode load() {
        try (InputStream in = SampleSizeReferenceTest.class.getResourceAsStream(RESOURCE)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> cases() {
        List<JsonNode> all = new ArrayList<>();
        REFERENCE.get("cases").forEach(all::add);
        return all;
    }

    static List<JsonNode> growthbook() {
        List<JsonNode> all = new ArrayList<>();
        REFERENCE.get("growthbook_published").forEach(all::add);
        return all;
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void planMatchesTheReference(JsonNode c) throws IOException {
        SamplePlanRequest request = MAPPER.treeToValue(c.get("request"), SamplePlanRequest.class);
        SamplePlan plan = SamplePlanner.plan(request);
        String id = c.get("id").asText();
        assertThat(plan.perVariant()).as(id).isEqualTo(c.get("per_variant").asLong());
        assertThat(plan.total()).as(id).isEqualTo(c.get("total").asLong());
        assertThat(plan.days())
                .as(id)
                .isEqualTo(c.get("days").isNull() ? null : c.get("days").asLong());
        assertThat(plan.floorApplied()).as(id).isEqualTo(c.get("floor_applied").asBoolean());
        assertThat(plan.basis().step()).isEqualTo(SamplePlan.BASELINE);
        assertThat(plan.perVariant()).isGreaterThanOrEqualTo(c.get("fixed").asLong());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void numericsMatchTheReference(JsonNode c) {
        JsonNode r = c.get("request");
        SampleSize.Design d = design(r);
        double expected = Double.parseDouble(c.get("fixed_exact").asText());
        assertThat(SampleSize.fixedExact(d)).isCloseTo(expected, within(expected * 1e-9));
        assertThat(SampleSize.fixed(d)).isEqualTo(c.get("fixed").asLong());
        long powered = r.path("sequential").asBoolean()
                ? SampleSize.sequential(d, r.path("sequentialTuning").asDouble(5000))
                : SampleSize.fixed(d);
        assertThat(powered).isEqualTo(c.get("powered").asLong());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("growthbook")
    void powerMatchesGrowthBooksPublishedValues(JsonNode g) {
        SampleSize.Design d = new SampleSize.Design(
                g.get("mean").asDouble(),
                Double.parseDouble(g.get("variance").asText()),
                g.get("mde").asDouble(),
                g.get("alpha").asDouble(),
                0.8);
        double power = SampleSize.power(
                d,
                Double.parseDouble(g.get("per_arm").asText()),
                g.get("tuning").asDouble());
        assertThat(power).isCloseTo(g.get("power").asDouble(), within(5e-6));
    }

    @Test
    void lehrsConstantAndTheTextbookContrast() {
        // (z_0.975 + z_0.8)² = 7.8489 (Lehr 1992): the factor by which V₁/δ² is multiplied at α 0.05, power 0.8.
        SampleSize.Design d = new SampleSize.Design(0.1, 0.09, 0.1, 0.05, 0.8);
        double lehr = Double.parseDouble(REFERENCE.get("lehr_constant").asText());
        assertThat(SampleSize.fixedExact(d) * 0.01 / d.unitVariance()).isCloseTo(lehr, within(1e-12));
        assertThat(lehr).isCloseTo(7.8489, within(1e-4));
        // The difference-of-proportions formula gives 14,749 for 10% → 11%; the relative test needs 15,612.
        JsonNode textbook = REFERENCE.get("textbook");
        assertThat(textbook.get("absolute_difference_per_arm").asLong()).isEqualTo(14_749);
        assertThat(SampleSize.fixed(d))
                .isEqualTo(textbook.get("relative_lift_per_arm").asLong())
                .isEqualTo(15_612);
    }

    private static SampleSize.Design design(JsonNode r) {
        JsonNode b = r.get("baseline");
        double alpha = r.path("alpha").asDouble(0.05);
        int arms = r.path("arms").asInt(2);
        if (!r.path("correction").asText("none").equals("none") && arms > 2) {
            alpha /= arms - 1;
        }
        double power = r.path("power").asDouble(0.8);
        double mde = r.get("mde").asDouble();
        if (b.has("rate")) {
            double p = b.get("rate").asDouble();
            return new SampleSize.Design(p, p * (1 - p), mde, alpha, power);
        }
        double sd = b.get("stddev").asDouble();
        return new SampleSize.Design(b.get("mean").asDouble(), sd * sd, mde, alpha, power);
    }
}
