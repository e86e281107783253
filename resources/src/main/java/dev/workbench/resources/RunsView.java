package dev.workbench.resources;

import dev.workbench.core.Workbench;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.store.Change;
import java.util.stream.Stream;

/** {@code aw://runs}: every recorded run's summary, oldest first (the newest that fit). */
final class RunsView implements ResourceView {
    static final String URI = "aw://runs";
    private static final ResourceInfo INFO =
            new ResourceInfo(URI, "runs", "Runs", "Every recorded run, oldest first.", Render.JSON);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        return new ResourceContent(
                uri.uri(),
                Render.JSON,
                Render.fit(n -> Render.pretty(Render.newest(
                        wb.runs().all().stream().map(RunRecord::summary).toList(), n))));
    }

    /** Any file beside the runs: the list reads every one, a run record or not. */
    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.RUN ? Stream.of(URI) : Stream.empty();
    }
}
