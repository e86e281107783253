package dev.workbench.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.time.Instant;
import java.util.Iterator;
import org.assertj.core.api.ThrowableAssert;

/** Builds experiment records for tests and checks results. */
final class TestExperiments {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-03-15T09:00:00Z");

    private TestExperiments() {}

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A record with control 'control', the given treatments, primary metric 'click' and the given metrics. */
    static ObjectNode experiment(String treatments, String metrics) {
        return json("{'slug': 'demo', 'controlVariant': 'control', 'treatmentVariants': [" + treatments + "],"
                + " 'primaryMetricEvent': 'click', 'inputData': {'metrics': " + metrics + "}}");
    }

    /** A two-variant record with proportion data. */
    static ObjectNode proportions(long nControl, long kControl, long nTreatment, long kTreatment) {
        return experiment(
                "'treatment'",
                "{'click': {'control': {'n': " + nControl + ", 'k': " + kControl + "}, 'treatment': {'n': " + nTreatment
                        + ", 'k': " + kTreatment + "}}}");
    }

    /** The code of the WorkbenchException the call throws (fails the test if it does not throw one). */
    static ErrorCode codeOf(ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (WorkbenchException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.code();
        } catch (Throwable t) {
            throw new AssertionError("expected a WorkbenchException, got " + t, t);
        }
        throw new AssertionError("expected a WorkbenchException, but the call succeeded");
    }

    /** The message of the WorkbenchException the call throws. */
    static String messageOf(ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (WorkbenchException e) {
            return e.code() + ": " + e.getMessage();
        } catch (Throwable t) {
            throw new AssertionError("expected a WorkbenchException, got " + t, t);
        }
        throw new AssertionError("expected a WorkbenchException, but the call succeeded");
    }

    /** Fails when any number anywhere in the tree is NaN or infinite. */
    static void assertAllFinite(JsonNode node) {
        if (node.isNumber()) {
            assertThat(Double.isFinite(node.doubleValue()))
                    .as("finite number, got %s", node)
                    .isTrue();
        } else if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                assertAllFinite(it.next());
            }
        }
    }
}
