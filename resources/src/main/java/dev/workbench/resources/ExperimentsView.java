package dev.workbench.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.store.Change;
import java.util.stream.Stream;

/** {@code aw://experiments}: the experiments' summaries, in slug order, the first page that fits. */
final class ExperimentsView implements ResourceView {
    static final String URI = "aw://experiments";
    private static final ResourceInfo INFO = new ResourceInfo(
            URI, "experiments", "Experiments", "Summaries of all experiments, in slug order.", Render.JSON);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        return new ResourceContent(uri.uri(), Render.JSON, Render.fit(n -> Render.pretty(page(wb, n))));
    }

    private static ObjectNode page(Workbench wb, int max) {
        Experiments.Page page = wb.experiments().page(null, max);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("total", page.total());
        out.put("shown", page.items().size());
        if (page.nextCursor() != null) {
            out.put("more", "call get-project with cursor " + page.nextCursor() + " for the rest");
        }
        out.set("items", Json.toTree(page.items()));
        return out;
    }

    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.EXPERIMENT ? Stream.of(URI) : Stream.empty();
    }
}
