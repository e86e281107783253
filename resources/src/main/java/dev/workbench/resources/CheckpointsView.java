package dev.workbench.resources;

import dev.workbench.core.Workbench;
import dev.workbench.core.store.Change;
import java.util.stream.Stream;

/** {@code aw://checkpoints}: every checkpoint, oldest first (the newest that fit). */
final class CheckpointsView implements ResourceView {
    static final String URI = "aw://checkpoints";
    private static final ResourceInfo INFO =
            new ResourceInfo(URI, "checkpoints", "Checkpoints", "Every checkpoint, oldest first.", Render.JSON);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        return new ResourceContent(
                uri.uri(),
                Render.JSON,
                Render.fit(n -> Render.pretty(Render.newest(wb.checkpoints().list(), n))));
    }

    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.CHECKPOINT ? Stream.of(URI) : Stream.empty();
    }
}
