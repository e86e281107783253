package dev.workbench.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data definitions in the contract: they come together, freeze with it, and leave older hashes as they were. */
class DataDefinitionsTest {
    static final String ASSIGNMENT =
            "\"assignment\":{\"source\":\"local\",\"sql\":\"SELECT unit_id, variant, exposed_at FROM read_csv('e.csv')\"}";
    static final String METRICS = "\"metricDefinitions\":{\"click\":{\"sql\":"
            + "\"SELECT unit_id, at, value FROM read_csv('f.csv')\",\"type\":\"binary\",\"windowHours\":24}}";

    @TempDir
    Path root;

    Workbench wb;

    @BeforeEach
    void setUp() {
        wb = new Workbench(root, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
    }

    private Experiment upsert(String json) {
        return wb.experiments().upsert(ExperimentsTest.patch(json)).experiment();
    }

    private static void assertRefused(ErrorCode code, String message, Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith(message)
                .extracting(e -> ((WorkbenchException) e).code())
                .isEqualTo(code);
    }

    @Test
    void oneWithoutTheOther_isInvalidInput_namingTheMissingOne_andStoresNothing() {
        assertRefused(
                ErrorCode.INVALID_INPUT,
                "metricDefinitions: required with assignment",
                () -> upsert("{\"slug\":\"cta\"," + ASSIGNMENT + "}"));
        assertRefused(
                ErrorCode.INVALID_INPUT,
                "assignment: required with metricDefinitions",
                () -> upsert("{\"slug\":\"cta\"," + METRICS + "}"));
        assertThat(wb.experiments().find("cta")).isEmpty();
    }

    @Test
    void theMergedRecordCounts_soTheSecondMayJoinTheFirstOnRecord() {
        upsert(ExperimentsTest.READY.replace("}", "," + ASSIGNMENT + "," + METRICS + "}"));
        // a new definition set replaces the old one while it is a draft; the assignment stays
        Experiment e = upsert("{\"slug\":\"cta\"," + METRICS.replace("click", "buy") + "}");
        assertThat(e.contract().definesData()).isTrue();
        assertThat(e.contract().metricDefinitions()).containsOnlyKeys("buy");
    }

    @Test
    void theyFreezeWithTheContract_andAreInItsHash() {
        Experiment draft = upsert(ExperimentsTest.READY.replace("}", "," + ASSIGNMENT + "," + METRICS + "}"));
        Experiment collecting = upsert("{\"slug\":\"cta\",\"status\":\"collecting\"}");
        assertThat(collecting.preregistration().sha256())
                .isEqualTo(draft.contract().sha256());
        assertThat(collecting.preregistration().sha256()).isNotEqualTo(PRE_METRICS_HASH);
        assertRefused(
                ErrorCode.CONTRACT_FROZEN,
                "experiment \"cta\" was preregistered",
                () -> upsert("{\"slug\":\"cta\"," + METRICS.replace("24", "48") + "}"));
        assertRefused(
                ErrorCode.CONTRACT_FROZEN,
                "experiment \"cta\" was preregistered",
                () -> upsert("{\"slug\":\"cta\"," + ASSIGNMENT.replace("local", "warehouse") + "}"));
        assertThat(wb.experiments().get("cta").revision()).isEqualTo(collecting.revision());
    }

    /**
     * SHA-256 of READY's contract as the workbench computed it before data definitions existed (commit d1338a0,
     * whose fields() had the ten original fields only); a record without definitions must keep it.
     */
    static final String PRE_METRICS_HASH = "3c0da91efddae6fe8087d9bf82121ac3546d5811f7d10ef9d73ffeb959f56efd";

    @Test
    void aRecordWithoutThem_keepsExactlyItsOldHash() {
        upsert(ExperimentsTest.READY);
        Experiment e = upsert("{\"slug\":\"cta\",\"status\":\"collecting\"}");
        assertThat(e.preregistration().sha256()).isEqualTo(PRE_METRICS_HASH);
    }
}
