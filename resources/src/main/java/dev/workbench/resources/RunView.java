package dev.workbench.resources;

import dev.workbench.core.Workbench;
import dev.workbench.core.run.Runs;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.stream.Stream;

/** {@code aw://runs/{id}}: one recorded run. */
final class RunView implements ResourceView {
    static final String TEMPLATE = "aw://runs/{id}";
    private static final ResourceInfo INFO =
            new ResourceInfo(TEMPLATE, "run", "Run record", "One recorded run by id.", Render.JSON);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public List<String> check(List<String> variables) {
        return List.of(Runs.checkId(variables.get(0)));
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        return Render.json(uri.uri(), wb.runs().get(uri.variable(0)));
    }

    /** A run record; other files beside the runs have no view of their own. */
    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.RUN && Runs.isId(change.key())
                ? Stream.of("aw://runs/" + change.key())
                : Stream.empty();
    }
}
