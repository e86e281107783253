package dev.workbench.core.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.ExperimentAnalysis;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.experiment.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Experiments taken through the real lifecycle for the program's tests: created with data definitions, collecting
 * with data, analysed by the Bayesian analysis, and decided through the gate, as a user's calls would.
 */
final class ProgramFixture {
    static final String CLICK_DATA = "{\"metrics\":{"
            + "\"click\":{\"a\":{\"n\":1971,\"k\":219},\"b\":{\"n\":2029,\"k\":283}},"
            + "\"refund\":{\"a\":{\"n\":1971,\"k\":40},\"b\":{\"n\":2029,\"k\":41}}}}";

    private ProgramFixture() {}

    static Workbench workbench(Path root) {
        return new Workbench(root, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
    }

    /** A patch built from JSON, the way the tools bind it. */
    static ExperimentPatch patch(String json) {
        try {
            return Json.strict().readValue(json, ExperimentPatch.class);
        } catch (Exception e) {
            if (e.getCause() instanceof WorkbenchException we) {
                throw we;
            }
            throw new AssertionError(e);
        }
    }

    /** A draft ready to collect: a click experiment with a refund guardrail, its data defined by SQL, a claim. */
    static Experiment ready(Workbench wb, String slug) {
        wb.claims() // the same claim again writes nothing
                .upsert(
                        new ClaimInput("shorter-forms", "Shorter forms convert better", null, null, null),
                        dev.workbench.core.review.HumanApproval.NONE,
                        null);
        return wb.experiments()
                .upsert(patch("{\"slug\":\"" + slug + "\",\"method\":\"bayesian_ab\",\"primaryMetricEvent\":\"click\","
                        + "\"guardrailEvents\":[\"refund\"],\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\"],"
                        + "\"observationStart\":\"2026-11-01\",\"minimumSample\":100,"
                        + "\"claim\":\"shorter-forms\","
                        + "\"assignment\":{\"source\":\"local\",\"sql\":\"SELECT unit_id, variant, exposed_at FROM"
                        + " read_csv('e.csv')\"},"
                        + "\"metricDefinitions\":{\"click\":{\"sql\":\"SELECT unit_id, at, value FROM"
                        + " read_csv('c.csv')\",\"type\":\"binary\"},\"refund\":{\"sql\":\"SELECT unit_id, at, value"
                        + " FROM read_csv('r.csv')\",\"type\":\"binary\"}}}"))
                .experiment();
    }

    /** {@code slug} collecting {@code data}, then analysed by analyze-bayesian's service: status analyzing. */
    static Experiment analysed(Workbench wb, String slug, String data) {
        wb.experiments()
                .upsert(patch("{\"slug\":\"" + slug + "\",\"status\":\"collecting\",\"inputData\":" + data + "}"));
        new ExperimentAnalysis(wb.experiments(), wb.backend())
                .bayesian(new ExperimentAnalysis.Target(slug, null, false, null));
        Experiment e = wb.experiments().get(slug);
        assertThat(e.status()).isEqualTo(Status.ANALYZING);
        return e;
    }

    /** {@code slug}, analysed, decided through the gate (a current analysis whose checks passed). */
    static Experiment decided(Workbench wb, String slug) {
        return wb.experiments()
                .upsert(patch("{\"slug\":\"" + slug + "\",\"status\":\"decided\",\"decision\":\"ship b\","
                        + "\"decisionSummary\":\"b converts better\",\"decisionReason\":\"chance to win above 0.95\"}"))
                .experiment();
    }

    static void assertCode(ErrorCode code, String messagePart, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
