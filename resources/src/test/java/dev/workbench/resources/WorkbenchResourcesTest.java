package dev.workbench.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Workbench;
import dev.workbench.core.store.Change;
import dev.workbench.core.store.Change.Kind;
import dev.workbench.core.store.ChangeBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry ({@link WorkbenchResources#ALL}): every view is listed, and every view names URIs of its own for the
 * changes it reads, so that a view added without saying which changes affect it fails here rather than never
 * notifying anyone.
 */
class WorkbenchResourcesTest {
    /** One change of every kind, with keys of every shape the feed reports. */
    static final List<Change> CHANGES = List.of(
            Change.of(Kind.PROJECT),
            Change.of(Kind.JOURNAL),
            Change.of(Kind.ACTIVITY),
            Change.of(Kind.RUNBOOK),
            Change.of(Kind.APPROVAL_POLICY),
            new Change(Kind.EXPERIMENT, "cta"),
            new Change(Kind.ANALYSES, "cta"),
            new Change(Kind.CLAIM, "forms"),
            new Change(Kind.RUN, "20261122-101500-123-0a1b"),
            new Change(Kind.RUN, "my notes"),
            new Change(Kind.CHECKPOINT, "02_cleaned"),
            new Change(Kind.STAGE, "cleaning"),
            new Change(Kind.STAGE, "cleaning/plan.md"),
            new Change(Kind.STAGE, "report/manifest.json"),
            new Change(Kind.STAGE, "cleaning/plans/v2.md"),
            new Change(Kind.STAGE, "experiment:cta"),
            new Change(Kind.STAGE, "experiment:cta/approval.json"),
            new Change(Kind.STAGE, "experiment:cta/plans/v1.md"));

    @TempDir
    Path root;

    Workbench wb;
    WorkbenchResources resources;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(root.resolve(".aw/stages/cleaning")); // an area, for the approval policy's change
        wb = new Workbench(root);
        resources = new WorkbenchResources(wb);
    }

    @Test
    void listsEveryView_fixedResourcesThenTemplates_inTheContractsOrder() {
        List<ResourceInfo> listed = new ArrayList<>(resources.resources());
        listed.addAll(resources.templates());
        assertThat(listed)
                .containsExactlyElementsOf(
                        WorkbenchResources.ALL.stream().map(ResourceView::info).toList());
        assertThat(WorkbenchResources.FIXED)
                .containsExactly(
                        "aw://project",
                        "aw://experiments",
                        "aw://journal",
                        "aw://activity",
                        "aw://checkpoints",
                        "aw://runs",
                        "aw://runs/comparison",
                        "aw://runbook",
                        "aw://claims");
        assertThat(WorkbenchResources.TEMPLATE_URIS)
                .containsExactly(
                        "aw://experiments/{slug}",
                        "aw://experiments/{slug}/analysis",
                        "aw://experiments/{slug}/analyses",
                        "aw://experiments/{slug}/result",
                        "aw://checkpoints/{name}",
                        "aw://runs/{id}",
                        "aw://stages/{area}/{file}",
                        "aw://experiments/{slug}/stage/{file}",
                        "aw://stages/{area}/plans/{version}",
                        "aw://experiments/{slug}/plans/{version}",
                        "aw://claims/{slug}");
        assertThat(listed.stream().map(ResourceInfo::name).distinct()).hasSameSizeAs(listed);
    }

    /** A view class without its registry line would serve nothing: every one in the package is registered. */
    @Test
    void everyViewClass_isRegistered() throws Exception {
        Path classes = Path.of(ResourceView.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve(ResourceView.class.getPackageName().replace('.', '/'));
        Set<Class<?>> views = new HashSet<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString();
                Class<?> type = Class.forName(ResourceView.class.getPackageName() + "."
                        + name.substring(0, name.length() - ".class".length()));
                if (ResourceView.class.isAssignableFrom(type) && !type.isInterface()) {
                    views.add(type);
                }
            }
        }
        assertThat(views)
                .hasSizeGreaterThanOrEqualTo(15)
                .containsExactlyInAnyOrderElementsOf(WorkbenchResources.ALL.stream()
                        .map(Object::getClass)
                        .distinct() // a view class may serve two templates (an area's, an experiment's)
                        .toList());
    }

    @Test
    void everyView_namesItsOwnUris_forTheChangesItReads() {
        for (ResourceView view : WorkbenchResources.ALL) {
            Set<String> named = new TreeSet<>();
            CHANGES.forEach(change -> view.updated(change, wb).forEach(named::add));
            assertThat(named)
                    .as("what %s says changes affect it", view.info().uri())
                    .isNotEmpty();
            assertThat(named)
                    .as(view.info().uri())
                    .allSatisfy(uri ->
                            assertThat(ResourceUri.parse(uri).view()).as(uri).isSameAs(view));
        }
    }

    @Test
    void everyKindOfChange_isReadBySomeView() {
        for (Kind kind : Kind.values()) {
            List<Change> ofKind = CHANGES.stream().filter(c -> c.kind() == kind).toList();
            assertThat(ofKind).as("a sample change of %s", kind).isNotEmpty();
            assertThat(resources.updated(new ChangeBatch(ofKind, false, false)))
                    .as(kind.name())
                    .isNotEmpty();
        }
    }

    @Test
    void eachChange_notifiesTheUrisThatReadIt() {
        Map<Change, Set<String>> expected = Map.ofEntries(
                Map.entry(
                        new Change(Kind.EXPERIMENT, "cta"),
                        Set.of(
                                "aw://experiments",
                                "aw://experiments/cta",
                                "aw://experiments/cta/analysis",
                                "aw://experiments/cta/analyses",
                                "aw://claims",
                                "aw://experiments/cta/result",
                                // the experiment's stage pins its clean result, which shows the record: its state may
                                // have changed
                                "aw://experiments/cta/stage/status.json",
                                "aw://experiments/cta/stage/approval.json",
                                "aw://experiments/cta/stage/review.json")),
                Map.entry(
                        new Change(Kind.STAGE, "experiment:cta/approval.json"),
                        Set.of(
                                "aw://experiments/cta/result",
                                "aw://experiments/cta/stage/status.json",
                                "aw://experiments/cta/stage/approval.json",
                                "aw://experiments/cta/stage/review.json")),
                Map.entry(
                        new Change(Kind.STAGE, "cleaning/plans/v2.md"),
                        Set.of(
                                "aw://stages/cleaning/plans/2",
                                "aw://stages/cleaning/status.json",
                                "aw://stages/cleaning/approval.json",
                                "aw://stages/cleaning/review.json")),
                Map.entry(new Change(Kind.ANALYSES, "cta"), Set.of("aw://experiments/cta/analyses")),
                Map.entry(
                        new Change(Kind.RUN, "20261122-101500-123-0a1b"),
                        Set.of("aw://runs", "aw://runs/comparison", "aw://runs/20261122-101500-123-0a1b")),
                Map.entry(new Change(Kind.RUN, "my notes"), Set.of("aw://runs", "aw://runs/comparison")),
                Map.entry(
                        new Change(Kind.CHECKPOINT, "02_cleaned"),
                        Set.of(
                                "aw://checkpoints",
                                "aw://checkpoints/02_cleaned",
                                "aw://checkpoints/02",
                                "aw://checkpoints/2")),
                Map.entry(
                        new Change(Kind.STAGE, "cleaning/plan.md"),
                        Set.of(
                                "aw://stages/cleaning/plan.md",
                                "aw://stages/cleaning/status.json",
                                "aw://stages/cleaning/approval.json",
                                "aw://stages/cleaning/review.json")),
                Map.entry(
                        Change.of(Kind.APPROVAL_POLICY),
                        Set.of(
                                "aw://stages/cleaning/status.json",
                                "aw://stages/cleaning/approval.json",
                                "aw://stages/cleaning/review.json",
                                "aw://claims")),
                Map.entry(new Change(Kind.CLAIM, "forms"), Set.of("aw://claims", "aw://claims/forms")),
                Map.entry(Change.of(Kind.PROJECT), Set.of("aw://project")),
                Map.entry(Change.of(Kind.RUNBOOK), Set.of("aw://runbook")));
        expected.forEach((change, uris) -> assertThat(resources.updated(new ChangeBatch(List.of(change), false, false)))
                .as(change.toString())
                .containsExactlyInAnyOrderElementsOf(uris));
    }

    @Test
    void uriTemplates_matchOneVariableWithSlashes_andSeveralAsOneSegmentEach() {
        assertThat(ResourceUri.match("aw://experiments/{slug}", "aw://experiments/a/b"))
                .contains(List.of("a/b"));
        assertThat(ResourceUri.match("aw://experiments/{slug}/analysis", "aw://experiments/analysis"))
                .isEmpty();
        assertThat(ResourceUri.match("aw://stages/{area}/{file}", "aw://stages/x/plan.md"))
                .contains(List.of("x", "plan.md"));
        assertThat(ResourceUri.match("aw://stages/{area}/{file}", "aw://stages//plan.md"))
                .contains(List.of("", "plan.md"));
        assertThat(ResourceUri.match("aw://stages/{area}/{file}", "aw://stages/x/plan.md/y"))
                .isEmpty();
        assertThat(ResourceUri.match("aw://stages/{area}/{file}", "aw://stages/x"))
                .isEmpty();
        assertThat(ResourceUri.match("aw://project", "aw://project/more")).isEmpty();
    }
}
