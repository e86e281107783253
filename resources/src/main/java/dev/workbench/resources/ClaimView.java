package dev.workbench.resources;

import dev.workbench.core.Check;
import dev.workbench.core.Workbench;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code aw://claims/{slug}}: the roll-up of one claim: the claim, whether its status holds, and its experiments
 * (those naming it and their follow-ups and holdout checkpoints) with their status, decision, verdict, learnings and
 * holdout trend.
 */
final class ClaimView implements ResourceView {
    static final String TEMPLATE = "aw://claims/{slug}";
    private static final ResourceInfo INFO = new ResourceInfo(
            TEMPLATE,
            "claim",
            "Claim roll-up",
            "One claim with its experiments, their decisions, verdicts, learnings and holdout trends.",
            Render.JSON);

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public List<String> check(List<String> variables) {
        return List.of(Check.slug(variables.get(0), "slug"));
    }

    static String uri(String slug) {
        return "aw://claims/" + slug;
    }

    @Override
    public ResourceContent read(Workbench wb, ResourceUri uri) {
        return Render.json(uri.uri(), wb.claims().rollup(uri.variable(0)));
    }

    /**
     * The claim itself; for an experiment, every claim, since which claims an experiment rolls up to depends on its
     * ancestors' claims (a follow-up names none of its own); for the approval policy or signers, every claim, since
     * whether a status holds depends on them.
     */
    @Override
    public Stream<String> updated(Change change, Workbench wb) {
        return switch (change.kind()) {
            case CLAIM -> Stream.of(uri(change.key()));
            case EXPERIMENT, APPROVAL_POLICY ->
                wb.backend().claims().slugs().stream().map(ClaimView::uri);
            default -> Stream.empty();
        };
    }
}
