package dev.workbench.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code aw://experiments/{slug}/analysis}: the stored analysis, with {@code analysisStale} beside its numbers
 * (whether the data changed since it was computed).
 */
final class AnalysisView implements ResourceView {
    static final String TEMPLATE = "aw://experiments/{slug}/analysis";
    private static final ResourceInfo INFO = new ResourceInfo(
            TEMPLATE, "analysis", "Experiment analysis", "The stored analysisResult of an experiment.", Render.JSON);

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
        Experiment record = wb.experiments().get(slug);
        if (record.analysisResult() == null) {
            throw new WorkbenchException(
                    ErrorCode.NOT_FOUND,
                    "experiment \"" + slug
                            + "\" has no stored analysis yet; call analyze-bayesian or analyze-bandit with its slug");
        }
        ObjectNode shown = record.analysisResult().deepCopy();
        shown.put(Experiment.ANALYSIS_STALE, record.analysisStale());
        return Render.json(uri.uri(), shown);
    }

    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return change.kind() == Change.Kind.EXPERIMENT
                ? Stream.of(ExperimentView.uri(change.key()) + "/analysis")
                : Stream.empty();
    }
}
