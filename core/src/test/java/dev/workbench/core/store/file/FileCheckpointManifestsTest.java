package dev.workbench.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.CheckpointManifestsContract;
import dev.workbench.core.workspace.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class FileCheckpointManifestsTest extends CheckpointManifestsContract {
    @Override
    protected Backend open(Path root, Clock clock) {
        return new FileBackend(new Store(root, clock));
    }

    @Test
    void aManifest_isAPrettyJsonFileUnderAwCheckpoints_withTheTypesPeopleRead() throws Exception {
        Backend backend = open(root, CLOCK);
        backend.transactions().transaction(() -> backend.checkpoints().write(manifest(1, "raw")));
        String json = Files.readString(root.resolve(".aw/checkpoints/01_raw.json"));
        assertThat(json)
                .contains(
                        "\"name\": \"01_raw\"",
                        "\"type\": \"dir\"",
                        "\"type\": \"file\"",
                        "\"type\": \"symlink\"",
                        "\"git\": null");
        assertThat(json).doesNotContain("\"note\": null");
    }

    @Test
    void aFileThatIsNoManifest_isListed_butReadingItFails() throws Exception {
        Files.createDirectories(root.resolve(".aw/checkpoints"));
        Files.writeString(root.resolve(".aw/checkpoints/03_broken.json"), "{not json");
        Backend backend = open(root, CLOCK);
        assertThat(backend.checkpoints().names()).containsExactly("03_broken");
        assertThatThrownBy(() -> backend.checkpoints().read("03_broken"))
                .isInstanceOf(WorkbenchException.class)
                .extracting(e -> ((WorkbenchException) e).code())
                .isNotEqualTo(ErrorCode.NOT_FOUND);
    }
}
