package dev.workbench.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeVersionsTest {
    @TempDir
    Path bin;

    @TempDir
    Path folder;

    private Path runtime(String name, String version, long modifiedMillis) throws Exception {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\necho '" + version + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setLastModifiedTime(script, FileTime.fromMillis(modifiedMillis));
        return script;
    }

    @Test
    void theAnswerIsKeptWhileTheExecutableIsUnchanged_andAskedAgainWhenItChanges() throws Exception {
        runtime("node", "v20.1.0", 1_000_000_000_000L);
        assertThat(RuntimeVersions.start(folder, List.of(bin)).await()).containsEntry("node", "v20.1.0");

        // the same file (time and size): the answer is reused, not asked again
        Files.writeString(bin.resolve("node"), "#!/bin/sh\necho 'v20.9.0'\n");
        Files.setLastModifiedTime(bin.resolve("node"), FileTime.fromMillis(1_000_000_000_000L));
        assertThat(RuntimeVersions.start(folder, List.of(bin)).await()).containsEntry("node", "v20.1.0");

        // upgraded in place (a new modification time): asked again
        runtime("node", "v22.0.0", 1_000_000_060_000L);
        assertThat(RuntimeVersions.start(folder, List.of(bin)).await()).containsEntry("node", "v22.0.0");
    }

    @Test
    void aLinkIsFollowedToTheFileItNames() throws Exception {
        Path real = runtime("python3.11", "Python 3.11.2", 1_000_000_000_000L);
        Files.createSymbolicLink(bin.resolve("python3"), real.getFileName());
        assertThat(RuntimeVersions.start(folder, List.of(bin)).await()).containsEntry("python3", "Python 3.11.2");

        Path newer = runtime("python3.12", "Python 3.12.1", 1_000_000_000_000L);
        Files.delete(bin.resolve("python3"));
        Files.createSymbolicLink(bin.resolve("python3"), newer.getFileName());
        assertThat(RuntimeVersions.start(folder, List.of(bin)).await()).containsEntry("python3", "Python 3.12.1");
    }
}
