package dev.workbench.resources;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.Stages;
import dev.workbench.core.store.Change;
import dev.workbench.core.store.ChangeBatch;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The read-only views of the records that clients read as MCP resources (CONTRACT section 7), and the one list of
 * them, {@link #ALL}: listing ({@code resources/list}, {@code resources/templates/list}), reading, checking a
 * subscription and telling subscribers what changed all follow from it. A new resource is one
 * {@link ResourceView} and one line here.
 */
public final class WorkbenchResources {
    /** Every view: the fixed resources, then the templates, each in the order they are listed. */
    public static final List<ResourceView> ALL = List.of(
            new ProjectView(),
            new ExperimentsView(),
            new JournalView(),
            new ActivityView(),
            new CheckpointsView(),
            new RunsView(),
            new RunComparisonView(),
            new RunbookView(),
            new ClaimsView(),
            new ExperimentView(),
            new AnalysisView(),
            new AnalysesView(),
            new ResultView(),
            new CheckpointView(),
            new RunView(),
            new StageFileView(false),
            new StageFileView(true),
            new PlanVersionView(false),
            new PlanVersionView(true),
            new ClaimView());

    private static final List<ResourceInfo> RESOURCES = ALL.stream()
            .map(ResourceView::info)
            .filter(info -> !ResourceUri.isTemplate(info.uri()))
            .toList();
    private static final List<ResourceInfo> TEMPLATES = ALL.stream()
            .map(ResourceView::info)
            .filter(info -> ResourceUri.isTemplate(info.uri()))
            .toList();

    /** The URIs of the fixed resources (not templates). */
    public static final List<String> FIXED =
            RESOURCES.stream().map(ResourceInfo::uri).toList();
    /** The URI templates, with their {@code {variables}}. */
    public static final List<String> TEMPLATE_URIS =
            TEMPLATES.stream().map(ResourceInfo::uri).toList();

    private final Workbench wb;

    public WorkbenchResources(Workbench wb) {
        this.wb = wb;
    }

    public List<ResourceInfo> resources() {
        return RESOURCES;
    }

    public List<ResourceInfo> templates() {
        return TEMPLATES;
    }

    /**
     * Accepts exactly the URIs a client may subscribe to: a fixed resource, or an instance of a template whose
     * variable passes the rule the view applies (a slug, a run id, a checkpoint number or name, an area or slug and
     * one of {@link Stages#FILES}, a plan version), whether or not the thing exists yet, since an experiment may be created after
     * the client subscribed to it.
     *
     * @throws WorkbenchException {@code NOT_FOUND} for a URI of no resource or template, {@code INVALID_INPUT}
     *                            for a variable that breaks its rule; the message names the URI, the field and the forms
     */
    public static void checkSubscribable(String uri) {
        ResourceUri.parse(uri);
    }

    public ResourceContent read(String uri) {
        ResourceUri parsed = ResourceUri.parse(uri);
        return parsed.view().read(wb, parsed);
    }

    /**
     * The URIs whose content the batch may have changed, by every view's own account ({@link ResourceView#updated}).
     * When the batch says {@code everything}, any URI may have changed, whatever this holds.
     */
    public Set<String> updated(ChangeBatch batch) {
        Set<String> uris = new TreeSet<>();
        for (Change change : batch.changes()) {
            for (ResourceView view : ALL) {
                view.updated(change, wb).forEach(uris::add);
            }
        }
        return uris;
    }
}
