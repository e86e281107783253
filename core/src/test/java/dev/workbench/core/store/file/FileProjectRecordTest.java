package dev.workbench.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.store.Backend;
import dev.workbench.core.store.ProjectRecordContract;
import dev.workbench.core.workspace.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class FileProjectRecordTest extends ProjectRecordContract {
    @Override
    protected Backend open(Path root, Clock clock) {
        return new FileBackend(new Store(root, clock));
    }

    @Test
    void theStatus_isPrettyJsonInStatusJson() throws Exception {
        Backend backend = open(root, CLOCK);
        backend.transactions().transaction(() -> backend.project().write(state(1)));
        String text = Files.readString(root.resolve(".aw/status.json"));
        assertThat(text)
                .startsWith("{\n  \"name\": \"Checkout\",")
                .endsWith("}\n")
                .contains("\"revision\": 1")
                .contains("\"mode\": \"explore\"")
                .doesNotContain("lastAction");
    }
}
