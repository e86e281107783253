package dev.workbench.resources;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.program.CleanResultMarkdown;
import dev.workbench.core.program.CleanResults;
import dev.workbench.core.review.StageId;
import dev.workbench.core.run.Runs;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code aw://experiments/{slug}/result}: the experiment's clean result as Markdown ({@link CleanResults},
 * {@link CleanResultMarkdown}), headed "Draft — awaiting approval" until its review stage {@code experiment:<slug>} is
 * approved and not stale.
 */
final class ResultView implements ResourceView {
    static final String TEMPLATE = "aw://experiments/{slug}/result";
    /** How many of the newest journal entries a journal change is looked for in (a batch holds a few at most). */
    static final int JOURNAL_BATCH = 20;

    private static final ResourceInfo INFO = new ResourceInfo(
            TEMPLATE,
            "result",
            "Clean result",
            "An experiment's clean result for people: question, what was done, numbers with intervals, checks,"
                    + " decision, learnings, caveats, follow-ups, holdout, links; a draft until its review is approved.",
            Render.MARKDOWN);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public List<String> check(List<String> variables) {
        return new ExperimentView().check(variables);
    }

    static String uri(String slug) {
        return ExperimentView.uri(slug) + "/result";
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        String md = CleanResultMarkdown.render(new CleanResults(wb).of(uri.variable(0)));
        return new ResourceContent(uri.uri(), Render.MARKDOWN, Render.cut(md));
    }

    /**
     * The record (and its parent's result, which lists it; every result when a record went, since its parent is not
     * known any more); the project (the question); its stage {@code experiment:<slug>}, and the approval policy (every
     * approval); a run, through the experiment it names; the journal's newest entries, through theirs; a checkpoint,
     * every result (a run or entry of any of them may name it). Not the analysis history: the result reads the
     * analysis stored on the record, and storing one writes the record.
     */
    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return switch (change.kind()) {
            case EXPERIMENT -> experiment(change.key(), wb);
            case PROJECT, APPROVAL_POLICY, CHECKPOINT -> all(wb);
            case STAGE -> stage(change.key());
            case RUN -> run(change.key(), wb);
            case JOURNAL ->
                wb.journal().recent(JOURNAL_BATCH).stream()
                        .map(JournalEntry::experiment)
                        .filter(slug -> slug != null)
                        .distinct()
                        .map(ResultView::uri);
            default -> Stream.empty();
        };
    }

    private static Stream<String> experiment(String slug, Workbench wb) {
        Optional<Experiment> record = read(wb, slug);
        if (record.isEmpty()) {
            return Stream.concat(Stream.of(uri(slug)), all(wb));
        }
        String parent = record.get().parent();
        return parent == null ? Stream.of(uri(slug)) : Stream.of(uri(slug), uri(parent));
    }

    private static Optional<Experiment> read(Workbench wb, String slug) {
        try {
            return wb.experiments().find(slug);
        } catch (WorkbenchException unreadable) {
            return Optional.empty();
        }
    }

    private static Stream<String> stage(String key) {
        String stage = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
        if (!stage.startsWith(StageId.EXPERIMENT_PREFIX)) {
            return Stream.empty();
        }
        try {
            return Stream.of(uri(StageId.parse(stage).name()));
        } catch (WorkbenchException notASlug) {
            return Stream.empty();
        }
    }

    private static Stream<String> run(String id, Workbench wb) {
        if (!Runs.isId(id)) {
            return Stream.empty(); // not a run: no result lists it
        }
        try {
            return Stream.ofNullable(wb.runs().get(id).experiment()).map(ResultView::uri);
        } catch (WorkbenchException goneOrUnreadable) {
            return all(wb);
        }
    }

    private static Stream<String> all(Workbench wb) {
        return wb.experiments().slugs().stream().map(ResultView::uri);
    }
}
