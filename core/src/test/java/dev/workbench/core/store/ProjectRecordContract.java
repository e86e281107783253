package dev.workbench.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.project.AreaState;
import dev.workbench.core.project.Mode;
import dev.workbench.core.project.ProjectState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every back end's {@link ProjectRecord} does: one status, replaced whole, read by anyone. */
public abstract class ProjectRecordContract {
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.089Z"), ZoneOffset.UTC);

    @TempDir
    protected Path root;

    protected abstract Backend open(Path root, Clock clock);

    protected static ProjectState state(long revision) {
        return new ProjectState(
                "Checkout",
                "Shorter forms convert better",
                "conversion",
                "explore",
                null,
                Map.of(
                        "cleaning",
                        new AreaState(
                                Mode.EXPLORE, Mode.EXPERIMENT, "notebooks/clean.ipynb", "2026-03-04T05:06:07.089Z")),
                revision,
                "2026-03-04T05:06:07.089Z");
    }

    @Test
    void neverWritten_readsEmpty_andRecordsNothing() {
        Backend backend = open(root, CLOCK);
        assertThat(backend.project().read()).isEmpty();
        assertThat(backend.initialized()).isFalse();
    }

    @Test
    void written_readsBackEqual_fromAnotherBackendToo() {
        Backend backend = open(root, CLOCK);
        backend.transactions().transaction(() -> backend.project().write(state(1)));
        assertThat(backend.project().read()).contains(state(1));
        assertThat(open(root, CLOCK).project().read()).contains(state(1));
    }

    @Test
    void write_replacesTheStatusWhole() {
        Backend backend = open(root, CLOCK);
        ProjectState bare = new ProjectState("Other", null, null, null, null, Map.of(), 2, null);
        backend.transactions().transaction(() -> backend.project().write(state(1)));
        backend.transactions().transaction(() -> backend.project().write(bare));
        assertThat(backend.project().read()).contains(bare);
    }

    @Test
    void write_outsideATransaction_isRefused() {
        Backend backend = open(root, CLOCK);
        assertThatThrownBy(() -> backend.project().write(state(1))).isInstanceOf(IllegalStateException.class);
        assertThat(backend.project().read()).isEmpty();
    }
}
