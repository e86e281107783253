package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large files stream through a small heap: checkpointed and restored with a 48 MiB heap. */
class LargeFileIT {
    static final long SIZE = 600L * 1024 * 1024;

    @TempDir
    Path root;

    @Test
    void fileLargerThanTheHeap_isCheckpointedAndRestored() throws Exception {
        Path big = root.resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(SIZE);
            file.seek(SIZE / 2);
            file.writeBytes("a marker in the middle");
        }
        String sha = HistoryCrashIT.sha256(big);
        List<String> smallHeap = List.of("-Xmx48m");
        AwProcess cp = run(smallHeap, "checkpoint", "--json", "{\"paths\":[\"big.bin\"],\"operation\":\"big\"}");
        assertThat(cp.exitCode()).as(cp.stderr()).isZero();
        Files.delete(big);
        AwProcess rb = run(smallHeap, "rollback", "checkpoint=1");
        assertThat(rb.exitCode()).as(rb.stderr()).isZero();
        assertThat(Files.size(big)).isEqualTo(SIZE);
        assertThat(HistoryCrashIT.sha256(big)).isEqualTo(sha);
    }

    private AwProcess run(List<String> jvm, String... args) throws Exception {
        Process p = new ProcessBuilder(Processes.aw(jvm, args))
                .directory(root.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        p.waitFor();
        return new AwProcess(p.exitValue(), out, err);
    }
}
