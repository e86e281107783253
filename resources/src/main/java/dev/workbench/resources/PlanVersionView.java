package dev.workbench.resources;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.StageId;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One kept version of a stage's plan (write-plan's {@code plans/v<K>.md}, never rewritten), as Markdown; the latest
 * is also {@code plan.md} of the stage-file views. Two instances: {@code aw://stages/{area}/plans/{version}} and
 * {@code aw://experiments/{slug}/plans/{version}}, the version a whole number from 1 ({@code .../plans/2}).
 */
final class PlanVersionView implements ResourceView {
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

    private final boolean experiment;
    private final ResourceInfo info;

    /** The view of areas' plans ({@code false}) or of experiments' ({@code true}). */
    PlanVersionView(boolean experiment) {
        this.experiment = experiment;
        this.info = new ResourceInfo(
                experiment ? "aw://experiments/{slug}/plans/{version}" : "aw://stages/{area}/plans/{version}",
                experiment ? "experiment-plan-version" : "plan-version",
                experiment ? "Experiment plan version" : "Area plan version",
                "Version K of the " + (experiment ? "experiment's" : "area's")
                        + " plan as write-plan kept it (plans/vK.md); plan.md is the latest.",
                Render.MARKDOWN);
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
        if (!VERSION.matcher(variables.get(1)).matches()) {
            throw Check.invalid("version", "a plan version, a whole number from 1 (e.g. 2)", variables.get(1));
        }
        return List.of(name, variables.get(1));
    }

    private String uri(String name, String version) {
        return (experiment ? "aw://experiments/" : "aw://stages/") + name + "/plans/" + version;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        StageId stage = new StageId(experiment, uri.variable(0));
        int version = Integer.parseInt(uri.variable(1));
        String text = wb.stages()
                .planVersion(stage.key(), version)
                .orElseThrow(() -> new WorkbenchException(
                        ErrorCode.NOT_FOUND,
                        "no plan version " + version + " of " + stage.key()
                                + " (write-plan keeps them from 1; the stage's plan.md is the latest)"));
        return new ResourceContent(uri.uri(), Render.MARKDOWN, Render.cut(text));
    }

    /** A plan version written (or removed) changes its view; a whole stage folder, every version it holds. */
    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        if (change.kind() != Change.Kind.STAGE) {
            return Stream.empty();
        }
        String key = change.key();
        int slash = key.indexOf('/');
        String stage = slash < 0 ? key : key.substring(0, slash);
        if (experiment != stage.startsWith(StageId.EXPERIMENT_PREFIX)) {
            return Stream.empty();
        }
        String name = experiment ? stage.substring(StageId.EXPERIMENT_PREFIX.length()) : stage;
        if (!(experiment ? Check.isSlug(name) : Check.isWord(name))) {
            return Stream.empty();
        }
        if (slash < 0) {
            return wb.stages().planVersions(stage).stream().map(v -> uri(name, String.valueOf(v)));
        }
        String file = key.substring(slash + 1);
        if (file.startsWith("plans/v") && file.endsWith(".md")) {
            return Stream.of(uri(name, file.substring("plans/v".length(), file.length() - ".md".length())));
        }
        return Stream.empty();
    }
}
