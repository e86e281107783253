package dev.workbench.resources;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.review.StageFile;
import dev.workbench.core.review.StageId;
import dev.workbench.core.review.Stages;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One stage file as a reader should see it ({@link Stages#view}): status.json is the state as it holds now,
 * approval.json and review.json say when they went stale. Two instances: an area's stage,
 * {@code aw://stages/{area}/{file}}, and an experiment's, {@code aw://experiments/{slug}/stage/{file}} (the
 * experiment's own review: its state also follows its record, which every execution of it pins).
 */
final class StageFileView implements ResourceView {
    /** The files whose view is derived on read from the others, the artifacts and the approval policy. */
    private static final List<StageFile> DERIVED = List.of(StageFile.STATUS, StageFile.APPROVAL, StageFile.REVIEW);

    private final boolean experiment;
    private final ResourceInfo info;

    /** The view of areas' stages ({@code false}) or of experiments' ({@code true}). */
    StageFileView(boolean experiment) {
        this.experiment = experiment;
        this.info = experiment
                ? new ResourceInfo(
                        "aw://experiments/{slug}/stage/{file}",
                        "experiment-stage-file",
                        "Experiment review stage file",
                        "A file of .aw/experiments/<slug>/, the experiment's own review: status.json, manifest.json,"
                                + " review.json, review.md, approval.json, plan.md.",
                        "text/plain")
                : new ResourceInfo(
                        "aw://stages/{area}/{file}",
                        "stage-file",
                        "Review stage file",
                        "A file of .aw/stages/<area>/: status.json, manifest.json, review.json, review.md,"
                                + " approval.json, plan.md.",
                        "text/plain");
    }

    @Override
    public ResourceInfo info() {
        return info;
    }

    @Override
    public List<String> check(List<String> variables) {
        String name = experiment
                ? Check.slug(variables.get(0), "slug")
                : StageId.area(variables.get(0)).name();
        return List.of(name, Stages.checkFile(variables.get(1)));
    }

    private StageId stage(String name) {
        return new StageId(experiment, name);
    }

    private String uri(String name, StageFile file) {
        return experiment
                ? "aw://experiments/" + name + "/stage/" + file.fileName()
                : "aw://stages/" + name + "/" + file.fileName();
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        StageId stage = stage(uri.variable(0));
        StageFile file = StageFile.parse(uri.variable(1));
        if (file == StageFile.STATUS) { // a stage never executed reads as STALE; drifted artifacts too
            return Render.json(uri.uri(), wb.stages().status(stage.key()));
        }
        String text = wb.stages()
                .view(stage.key(), file.fileName())
                .orElseThrow(() -> new WorkbenchException(
                        ErrorCode.NOT_FOUND,
                        (experiment ? "experiment \"" : "area \"") + stage.name() + "\" has no " + file.fileName()
                                + " yet"));
        return new ResourceContent(uri.uri(), file.markdown() ? Render.MARKDOWN : Render.JSON, Render.cut(text));
    }

    /**
     * A stage file changes its view and the views derived from it (the state read depends on manifest.json and
     * approval.json too); a whole stage, every file; the approval policy, whether each stage's approvals hold; for an
     * experiment's stage, which pins its clean result: its record, a child's record (a follow-up's hypothesis, a
     * holdout checkpoint's analysis are in the parent's result) and the project (its question is in every result).
     */
    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return switch (change.kind()) {
            case STAGE -> {
                int slash = change.key().indexOf('/');
                String key = slash < 0 ? change.key() : change.key().substring(0, slash);
                boolean ours = experiment == key.startsWith(StageId.EXPERIMENT_PREFIX);
                String name =
                        experiment ? key.substring(Math.min(key.length(), StageId.EXPERIMENT_PREFIX.length())) : key;
                if (!ours || !(experiment ? Check.isSlug(name) : Check.isWord(name))) {
                    yield Stream.empty();
                }
                if (slash < 0) {
                    yield Stream.of(StageFile.values()).map(f -> uri(name, f));
                }
                String file = change.key().substring(slash + 1);
                // a plan version is pinned like plan.md: the state may follow it
                yield file.startsWith("plans/")
                        ? derived(name)
                        : StageFile.named(file)
                                .map(f -> Stream.concat(Stream.of(uri(name, f)), derived(name)))
                                .orElse(Stream.empty());
            }
            case EXPERIMENT -> experiment ? recordAndParent(change.key(), wb) : Stream.empty();
            case PROJECT -> experiment ? wb.experiments().slugs().stream().flatMap(this::derived) : Stream.empty();
            case APPROVAL_POLICY ->
                (experiment ? wb.experiments().slugs() : wb.stages().areas())
                        .stream().flatMap(this::derived);
            default -> Stream.empty();
        };
    }

    /** The experiment's own stage state, and its parent's, whose clean result shows it; every one if unreadable. */
    private Stream<String> recordAndParent(String slug, Workbench wb) {
        Optional<Experiment> record;
        try {
            record = wb.experiments().find(slug);
        } catch (WorkbenchException unreadable) {
            record = Optional.empty();
        }
        if (record.isEmpty()) {
            return Stream.concat(
                    derived(slug), wb.experiments().slugs().stream().flatMap(this::derived));
        }
        String parent = record.get().parent();
        return parent == null ? derived(slug) : Stream.concat(derived(slug), derived(parent));
    }

    private Stream<String> derived(String name) {
        return DERIVED.stream().map(f -> uri(name, f));
    }
}
