package dev.workbench.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.ExperimentRecordsContract;
import dev.workbench.core.workspace.Store;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class FileExperimentRecordsTest extends ExperimentRecordsContract {
    @Override
    protected Backend open(Path root, Clock clock) {
        return new FileBackend(new Store(root, clock));
    }

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = Experiment.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** A record written by the flat record this one replaced is read and written back to the same bytes. */
    @Test
    void aRecord_isItsPrettyJsonFileUnderAwExperiments_byteForByte() throws Exception {
        byte[] stored = fixture("checkout-cta.json");
        Path file = root.resolve(".aw/experiments/checkout-cta.json");
        Files.createDirectories(file.getParent());
        Files.write(file, stored);
        Backend backend = open(root, CLOCK);
        Experiment read = backend.experiments().find("checkout-cta").orElseThrow();
        Files.delete(file);
        backend.transactions().transaction(() -> backend.experiments().write(read));
        assertThat(Files.readString(file)).isEqualTo(new String(stored, StandardCharsets.UTF_8));
        assertThat(Files.readString(file)).doesNotContain(Experiment.ANALYSIS_STALE);
    }

    @Test
    void filesWhoseNamesAreNotSlugs_areNotRecords_andADamagedRecordIsAStoreError() throws Exception {
        Backend backend = open(root, CLOCK);
        backend.transactions().transaction(() -> backend.experiments().write(decided("cta", 1)));
        Files.writeString(root.resolve(".aw/experiments/Not A Slug.json"), "{}");
        Files.writeString(root.resolve(".aw/experiments/notes.txt"), "");
        Files.writeString(root.resolve(".aw/experiments/torn.json"), "{torn");
        assertThat(backend.experiments().slugs()).containsExactly("cta", "torn");
        assertThatThrownBy(() -> backend.experiments().find("torn"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_ERROR));
    }

    @Test
    void theAnalysisHistory_isOneJsonLinePerEntryUnderAwAnalyses() throws Exception {
        Backend backend = open(root, CLOCK);
        JsonNode entry = Json.mapper().createObjectNode().put("revision", 2).put("type", "bandit");
        backend.transactions().transaction(() -> backend.experiments().appendAnalysis("cta", entry));
        assertThat(Files.readAllLines(root.resolve(".aw/analyses/cta.jsonl")))
                .containsExactly("{\"revision\":2,\"type\":\"bandit\"}");
    }
}
