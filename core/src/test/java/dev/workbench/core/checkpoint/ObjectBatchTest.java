package dev.workbench.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Sha256;
import dev.workbench.core.workspace.Store;
import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content store's one pass: nothing is visible under its name before the batch commits, and nothing twice. */
class ObjectBatchTest {
    @TempDir
    Path root;

    private static ObjectStore.Source bytes(byte[] b) {
        return () -> Channels.newChannel(new ByteArrayInputStream(b));
    }

    @Test
    void contents_becomeObjectsOnlyAtCommit_onceEach() throws Exception {
        Store store = new Store(root);
        ObjectStore objects = new ObjectStore(store);
        byte[] small = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] big = new byte[9 << 20]; // hashed on the second thread
        ThreadLocalRandom.current().nextBytes(big);
        store.transaction(() -> {
            try (ObjectBatch batch = objects.batch()) {
                ObjectBatch.Stored a = batch.put(bytes(small), small.length, "small");
                ObjectBatch.Stored b = batch.put(bytes(big), big.length, "big");
                ObjectBatch.Stored again = batch.put(bytes(small), small.length, "small again");
                assertThat(a).isEqualTo(new ObjectBatch.Stored(Sha256.of(small), small.length, true));
                assertThat(b).isEqualTo(new ObjectBatch.Stored(Sha256.of(big), big.length, true));
                assertThat(again.added()).as("pending already").isFalse();
                assertThat(batch.has(a.sha256())).isTrue();
                assertThat(objects.has(a.sha256()))
                        .as("not visible before commit")
                        .isFalse();
                assertThat(objects.has(b.sha256())).isFalse();
                batch.commit();
                assertThat(objects.has(a.sha256())).isTrue();
            }
            try (ObjectBatch batch = objects.batch()) {
                assertThat(batch.put(bytes(small), small.length, "stored before")
                                .added())
                        .isFalse();
            }
        });
        assertThat(Files.readAllBytes(store.path(ObjectStore.relative(Sha256.of(big)))))
                .isEqualTo(big);
        assertThat(Files.list(store.path("tmp"))).as("no temporary file left").isEmpty();
    }

    @Test
    void aBatchClosedWithoutCommit_leavesNothing() throws Exception {
        Store store = new Store(root);
        ObjectStore objects = new ObjectStore(store);
        byte[] content = "lost\n".getBytes(StandardCharsets.UTF_8);
        store.transaction(() -> {
            try (ObjectBatch batch = objects.batch()) {
                batch.put(bytes(content), content.length, "lost");
            }
        });
        assertThat(objects.has(Sha256.of(content))).isFalse();
        assertThat(Files.list(store.path("tmp"))).isEmpty();
    }

    @Test
    void aDamagedObject_isReplacedByTheFreshCopy() throws Exception {
        Store store = new Store(root);
        ObjectStore objects = new ObjectStore(store);
        byte[] content = "whole content\n".getBytes(StandardCharsets.UTF_8);
        Path object = store.path(ObjectStore.relative(Sha256.of(content)));
        Files.createDirectories(object.getParent());
        Files.writeString(object, "torn");
        store.transaction(() -> {
            try (ObjectBatch batch = objects.batch()) {
                assertThat(batch.put(bytes(content), content.length, "fresh").added())
                        .isTrue();
                batch.commit();
            }
        });
        assertThat(Files.readAllBytes(object)).isEqualTo(content);
    }
}
