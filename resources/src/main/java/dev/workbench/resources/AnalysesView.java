package dev.workbench.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.stream.Stream;

/** {@code aw://experiments/{slug}/analyses}: the latest stored analyses, oldest first, with how many there are. */
final class AnalysesView implements ResourceView {
    static final String TEMPLATE = "aw://experiments/{slug}/analyses";
    private static final ResourceInfo INFO = new ResourceInfo(
            TEMPLATE,
            "analyses",
            "Analysis history",
            "Every stored analysis of an experiment, oldest first: n, lift, interval, chance to win, SRM p, bandit weights.",
            Render.JSON);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public List<String> check(List<String> variables) {
        return new ExperimentView().check(variables);
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        String slug = uri.variable(0);
        return new ResourceContent(uri.uri(), Render.JSON, Render.fit(n -> Render.pretty(analyses(wb, slug, n))));
    }

    private static ObjectNode analyses(Workbench wb, String slug, int max) {
        wb.experiments().get(slug); // NOT_FOUND for an experiment that does not exist
        List<JsonNode> lines = wb.experiments().history().recent(slug, max);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("experiment", slug);
        out.put("total", wb.experiments().history().count(slug));
        out.put("shown", lines.size());
        out.set("analyses", Json.toTree(lines));
        return out;
    }

    /** The history, and the experiment: NOT_FOUND while it does not exist. */
    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.ANALYSES || change.kind() == Change.Kind.EXPERIMENT
                ? Stream.of(ExperimentView.uri(change.key()) + "/analyses")
                : Stream.empty();
    }
}
