package dev.workbench.resources;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.StageFile;
import dev.workbench.core.review.Stages;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code aw://stages/{area}/{file}}: one stage file as a reader should see it ({@link Stages#view}): status.json is
 * the state as it holds now, approval.json and review.json say when they went stale.
 */
final class StageFileView implements ResourceView {
    static final String TEMPLATE = "aw://stages/{area}/{file}";
    /** The files whose view is derived on read from the others, the artifacts and the approval policy. */
    private static final List<StageFile> DERIVED = List.of(StageFile.STATUS, StageFile.APPROVAL, StageFile.REVIEW);

    private static final ResourceInfo INFO = new ResourceInfo(
            TEMPLATE,
            "stage-file",
            "Review stage file",
            "A file of .aw/stages/<area>/: status.json, manifest.json, review.json, review.md, approval.json, plan.md.",
            "text/plain");

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public List<String> check(List<String> variables) {
        return List.of(Check.word(variables.get(0), "area"), Stages.checkFile(variables.get(1)));
    }

    private static String uri(String area, StageFile file) {
        return "aw://stages/" + area + "/" + file.fileName();
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        String area = uri.variable(0);
        StageFile file = StageFile.parse(uri.variable(1));
        if (file == StageFile.STATUS) { // an area never executed reads as STALE; drifted artifacts too
            return Render.json(uri.uri(), wb.stages().status(area));
        }
        String text = wb.stages()
                .view(area, file.fileName())
                .orElseThrow(() -> new WorkbenchException(
                        ErrorCode.NOT_FOUND, "area \"" + area + "\" has no " + file.fileName() + " yet"));
        return new ResourceContent(uri.uri(), file.markdown() ? Render.MARKDOWN : Render.JSON, Render.cut(text));
    }

    /**
     * A stage file changes its view and the views derived from it (the state read depends on manifest.json and
     * approval.json too); a whole area, every file; the approval policy, whether each area's approvals hold.
     */
    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return switch (change.kind()) {
            case STAGE -> {
                int slash = change.key().indexOf('/');
                if (slash < 0) {
                    yield Stream.of(StageFile.values()).map(f -> uri(change.key(), f));
                }
                String area = change.key().substring(0, slash);
                yield StageFile.named(change.key().substring(slash + 1))
                        .map(f -> Stream.concat(Stream.of(uri(area, f)), derived(area)))
                        .orElse(Stream.empty());
            }
            case APPROVAL_POLICY -> wb.stages().areas().stream().flatMap(StageFileView::derived);
            default -> Stream.empty();
        };
    }

    private static Stream<String> derived(String area) {
        return DERIVED.stream().map(f -> uri(area, f));
    }
}
