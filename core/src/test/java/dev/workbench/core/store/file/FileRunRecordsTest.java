package dev.workbench.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.WorkbenchException;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.RunRecordsContract;
import dev.workbench.core.workspace.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class FileRunRecordsTest extends RunRecordsContract {
    @Override
    protected Backend open(Path root, Clock clock) {
        return new FileBackend(new Store(root, clock));
    }

    @Test
    void aRecord_isAPrettyJsonFileUnderAwRuns() throws Exception {
        Backend backend = open(root, CLOCK);
        backend.transactions().transaction(() -> backend.runs().write(run("20260304-050607-089-0a1b", 0)));
        assertThat(Files.readString(root.resolve(".aw/runs/20260304-050607-089-0a1b.json")))
                .contains("\"id\": \"20260304-050607-089-0a1b\"", "\"exitCode\": 0", "\"commit\": \"c0ffee\"")
                .doesNotContain("\"note\"");
    }

    /** A file a person put in the folder is listed (the caller filters ids); a damaged one is left out of all(). */
    @Test
    void otherAndDamagedFiles_areListed_damagedOnesLeftOutOfAll() throws Exception {
        Backend backend = open(root, CLOCK);
        backend.transactions().transaction(() -> backend.runs().write(run("20260304-050607-089-0a1b", 0)));
        Files.writeString(root.resolve(".aw/runs/20260304-050607-090-ffff.json"), "{torn");
        assertThat(backend.runs().ids()).containsExactly("20260304-050607-089-0a1b", "20260304-050607-090-ffff");
        assertThat(backend.runs().all()).containsExactly(run("20260304-050607-089-0a1b", 0));
        assertThatThrownBy(() -> backend.runs().read("20260304-050607-090-ffff"))
                .isInstanceOf(WorkbenchException.class);
    }
}
