package dev.workbench.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitTimestampsTest {
    @Test
    void afterTheMeasurement_aTestFolder_isAnsweredFromJGitsCache_withoutAProbeInIt(@TempDir Path dir)
            throws Exception {
        JGitTimestamps.measureNow();
        Path objects = Files.createDirectories(dir.resolve(".git/objects"));
        FS.FileStoreAttributes attributes = FS.FileStoreAttributes.get(objects);
        // the fallback is what JGit answers while a background probe still runs in the folder
        assertThat(attributes.getFsTimestampResolution())
                .isNotEqualTo(FS.FileStoreAttributes.FALLBACK_TIMESTAMP_RESOLUTION);
        try (Stream<Path> inside = Files.list(objects)) {
            assertThat(inside).isEmpty();
        }
    }
}
