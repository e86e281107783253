package dev.workbench.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.workbench.core.provenance.GitState;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every back end's {@link RunRecords} does, in the services' terms: a record written under its id comes back
 * whole, ids are listed sorted without reading, every record can be read at once, and a second back end on the same
 * root sees them. A back end passes by subclassing this with its {@link #open}.
 */
public abstract class RunRecordsContract {
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.089Z"), ZoneOffset.UTC);

    @TempDir
    protected Path root;

    /** A back end for {@code root}; opened twice on one root, both see the same records (two processes). */
    protected abstract Backend open(Path root, Clock clock);

    protected static RunRecord run(String id, Integer exitCode) {
        PathDigest input = new PathDigest("data/in.csv", "file", 3L, null, "ab".repeat(32));
        return new RunRecord(
                id,
                "2026-03-04T05:06:07.089Z",
                "python clean.py",
                "cleaning",
                null,
                exitCode,
                1200L,
                List.of(input),
                List.of(),
                Map.of("seed", IntNode.valueOf(7)),
                Map.of("rows", 3.0),
                null,
                exitCode == null ? Boolean.TRUE : null,
                null,
                "record-run",
                null,
                null,
                null,
                null,
                new GitState("c0ffee", "main", false, null, null),
                null);
    }

    private static void write(Backend backend, RunRecord r) {
        backend.transactions().transaction(() -> backend.runs().write(r));
    }

    @Test
    void noRecords_listsNone_readsNone() {
        RunRecords runs = open(root, CLOCK).runs();
        assertThat(runs.ids()).isEmpty();
        assertThat(runs.all()).isEmpty();
        assertThat(runs.read("20260304-050607-089-0a1b")).isEmpty();
    }

    @Test
    void aWrittenRecord_comesBackWhole_byItsId() {
        Backend backend = open(root, CLOCK);
        write(backend, run("20260304-050607-089-0a1b", 0));
        write(backend, run("20260304-050607-090-ffff", null));
        assertThat(backend.runs().read("20260304-050607-089-0a1b")).contains(run("20260304-050607-089-0a1b", 0));
        assertThat(backend.runs().read("20260304-050607-090-ffff")).contains(run("20260304-050607-090-ffff", null));
    }

    @Test
    void ids_andAll_areSortedById() {
        Backend backend = open(root, CLOCK);
        write(backend, run("20260304-050607-090-ffff", 1));
        write(backend, run("20260304-050607-089-0a1b", 0));
        assertThat(backend.runs().ids()).containsExactly("20260304-050607-089-0a1b", "20260304-050607-090-ffff");
        assertThat(backend.runs().all())
                .containsExactly(run("20260304-050607-089-0a1b", 0), run("20260304-050607-090-ffff", 1));
    }

    @Test
    void anotherBackendOnTheSameRoot_seesWhatWasWritten() {
        write(open(root, CLOCK), run("20260304-050607-089-0a1b", 0));
        RunRecords other = open(root, CLOCK).runs();
        assertThat(other.ids()).containsExactly("20260304-050607-089-0a1b");
        assertThat(other.read("20260304-050607-089-0a1b")).contains(run("20260304-050607-089-0a1b", 0));
    }

    @Test
    void writing_isAWriteOfTheTransaction_refusedOutsideOne() {
        Backend backend = open(root, CLOCK);
        assertThatThrownBy(() -> backend.runs().write(run("20260304-050607-089-0a1b", 0)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(backend.runs().ids()).isEmpty();
    }
}
