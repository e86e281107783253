package dev.workbench.resources;

import dev.workbench.core.Workbench;
import dev.workbench.core.store.Change;
import java.util.stream.Stream;

/** {@code aw://activity}: the latest activity entries, newest last. */
final class ActivityView implements ResourceView {
    static final String URI = "aw://activity";
    private static final ResourceInfo INFO = new ResourceInfo(
            URI, "activity", "Activity feed", "The latest activity entries, newest last.", Render.JSON);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        return new ResourceContent(
                uri.uri(),
                Render.JSON,
                Render.fit(n -> Render.pretty(wb.activity().recent(n))));
    }

    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.ACTIVITY ? Stream.of(URI) : Stream.empty();
    }
}
