package dev.workbench.resources;

import dev.workbench.core.Check;
import dev.workbench.core.Workbench;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.stream.Stream;

/** {@code aw://experiments/{slug}}: one experiment record. */
final class ExperimentView implements ResourceView {
    static final String TEMPLATE = "aw://experiments/{slug}";
    private static final ResourceInfo INFO = new ResourceInfo(
            TEMPLATE, "experiment", "Experiment record", "One experiment record by slug.", Render.JSON);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public List<String> check(List<String> variables) {
        return List.of(Check.slug(variables.get(0), "slug"));
    }

    static String uri(String slug) {
        return "aw://experiments/" + slug;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        return Render.json(uri.uri(), wb.experiments().get(uri.variable(0)));
    }

    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.EXPERIMENT ? Stream.of(uri(change.key())) : Stream.empty();
    }
}
