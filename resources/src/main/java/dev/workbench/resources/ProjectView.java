package dev.workbench.resources;

import dev.workbench.core.Workbench;
import dev.workbench.core.store.Change;
import java.util.stream.Stream;

/** {@code aw://project}: the project state and areas. */
final class ProjectView implements ResourceView {
    static final String URI = "aw://project";
    private static final ResourceInfo INFO = new ResourceInfo(
            URI, "project", "Project state", "The project state and areas (.aw/status.json).", Render.JSON);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        return Render.json(uri.uri(), wb.project().get());
    }

    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.PROJECT ? Stream.of(URI) : Stream.empty();
    }
}
