package dev.workbench.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.CheckpointEntry;
import dev.workbench.core.checkpoint.EntryType;
import dev.workbench.core.provenance.GitState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every back end's {@link CheckpointManifests} does, in the services' terms: a manifest written under its name
 * comes back whole, names are listed sorted without reading, and a second back end on the same root sees them. A
 * back end passes by subclassing this with its {@link #open}.
 */
public abstract class CheckpointManifestsContract {
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.089Z"), ZoneOffset.UTC);

    @TempDir
    protected Path root;

    /** A back end for {@code root}; opened twice on one root, both see the same records (two processes). */
    protected abstract Backend open(Path root, Clock clock);

    protected static Checkpoint manifest(int number, String operation) {
        List<CheckpointEntry> entries = List.of(
                new CheckpointEntry("data", EntryType.DIR, null, "0755", null, null),
                new CheckpointEntry("data/a.csv", EntryType.FILE, 12L, "0644", "ab".repeat(32), null),
                new CheckpointEntry("data/latest", EntryType.SYMLINK, null, null, null, "a.csv"));
        String name = String.format("%02d_%s", number, operation);
        return new Checkpoint(
                name,
                number,
                operation,
                number % 2 == 0 ? null : "note " + number,
                "cleaning",
                "2026-03-04T05:06:07.089Z",
                number == 1 ? null : new GitState("c0ffee", "main", true, null, null),
                List.of("data", "missing.csv"),
                1,
                12,
                number == 1 ? 12 : 0,
                entries);
    }

    private static void write(Backend backend, Checkpoint c) {
        backend.transactions().transaction(() -> backend.checkpoints().write(c));
    }

    @Test
    void noManifests_listsNone_andReadsNone() {
        CheckpointManifests manifests = open(root, CLOCK).checkpoints();
        assertThat(manifests.names()).isEmpty();
        assertThat(manifests.read("01_raw")).isEmpty();
    }

    @Test
    void aWrittenManifest_comesBackWhole_underItsName() {
        Backend backend = open(root, CLOCK);
        write(backend, manifest(1, "raw"));
        write(backend, manifest(2, "cleaned"));
        assertThat(backend.checkpoints().read("01_raw")).contains(manifest(1, "raw"));
        assertThat(backend.checkpoints().read("02_cleaned")).contains(manifest(2, "cleaned"));
    }

    @Test
    void names_areSorted_andMatchedExactly_notByNumber() {
        Backend backend = open(root, CLOCK);
        write(backend, manifest(10, "late"));
        write(backend, manifest(2, "cleaned"));
        write(backend, manifest(1, "raw"));
        assertThat(backend.checkpoints().names()).containsExactly("01_raw", "02_cleaned", "10_late");
        assertThat(backend.checkpoints().read("1")).isEmpty();
        assertThat(backend.checkpoints().read("01")).isEmpty();
    }

    @Test
    void anotherBackendOnTheSameRoot_seesWhatWasWritten() {
        write(open(root, CLOCK), manifest(1, "raw"));
        CheckpointManifests other = open(root, CLOCK).checkpoints();
        assertThat(other.names()).containsExactly("01_raw");
        assertThat(other.read("01_raw")).contains(manifest(1, "raw"));
    }

    @Test
    void writing_isAWriteOfTheTransaction_refusedOutsideOne() {
        Backend backend = open(root, CLOCK);
        assertThatThrownBy(() -> backend.checkpoints().write(manifest(1, "raw")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(backend.checkpoints().names()).isEmpty();
    }
}
