package dev.workbench.resources;

import dev.workbench.core.Workbench;
import dev.workbench.core.store.Change;
import java.util.stream.Stream;

/** {@code aw://runs/comparison}: one row per run, params and metrics as columns ({@link RunComparison}). */
final class RunComparisonView implements ResourceView {
    static final String URI = "aw://runs/comparison";
    private static final ResourceInfo INFO = new ResourceInfo(
            URI,
            "runs-comparison",
            "Run comparison",
            "One row per run, params and metrics as columns, grouped by area.",
            Render.MARKDOWN);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        return new ResourceContent(
                uri.uri(),
                Render.MARKDOWN,
                Render.fit(n -> RunComparison.markdown(Render.newest(wb.runs().all(), n))));
    }

    /** Any file beside the runs: the comparison reads every one, a run record or not. */
    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.RUN ? Stream.of(URI) : Stream.empty();
    }
}
