package dev.workbench.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.journal.Decision;
import dev.workbench.core.project.Mode;
import dev.workbench.core.project.ProjectUpdate;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.review.StageCheck;
import dev.workbench.core.review.Stages;
import dev.workbench.core.run.RunRequest;
import dev.workbench.core.runbook.RunbookWriter;
import dev.workbench.core.store.ChangeFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path a notification takes, on a real folder: a change through the core API (or by hand), the back
 * end's change feed (the file watcher and its path mapping), and the views' URIs ({@link WorkbenchResources#updated}). Every resource is read before and after each change; every URI whose
 * content changed must be among the URIs the batches named. The mapping is thereby checked against what the
 * views actually read, not against a copy of the mapping.
 */
class ResourceChangesTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Slugs and areas the steps create, read before they exist so that their first appearance counts as a change. */
    static final List<String> PLANNED_SLUGS = List.of("cta", "banner");

    static final List<String> PLANNED_AREAS = List.of("cleaning");
    /** Plan versions the steps write, per stage. */
    static final int PLANNED_VERSIONS = 2;

    @TempDir
    Path root;

    Workbench wb;
    WorkbenchResources resources;
    ChangeFeed.Subscription feed;
    final List<Notifier.Effect> effects = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/orders.csv"), "id,total\n1,10\n");
        Files.createDirectories(root.resolve("out"));
        Files.writeString(root.resolve("out/report.md"), "# Report\n");
        wb = new Workbench(root);
        resources = new WorkbenchResources(wb);
    }

    @AfterEach
    void tearDown() {
        if (feed != null) {
            feed.close();
        }
    }

    private void watch() {
        feed = wb.backend().changes().subscribe(batch -> record(Notifier.Effect.of(batch, resources)));
    }

    private synchronized void record(Notifier.Effect effect) {
        effects.add(effect);
        notifyAll();
    }

    private synchronized List<Notifier.Effect> effects() {
        return List.copyOf(effects);
    }

    private synchronized void awaitEffects(String what, Predicate<List<Notifier.Effect>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.test(effects)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + TIMEOUT.toSeconds() + " s; effects: " + effects);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private static Set<String> updated(List<Notifier.Effect> effects) {
        Set<String> all = new TreeSet<>();
        effects.forEach(e -> all.addAll(e.updated()));
        return all;
    }

    /** Every URI that can be read now, or may be once the planned steps ran. */
    private Set<String> candidates() {
        Set<String> uris = new TreeSet<>(WorkbenchResources.FIXED);
        Set<String> slugs = new TreeSet<>(PLANNED_SLUGS);
        slugs.addAll(wb.experiments().slugs());
        slugs.forEach(s -> uris.addAll(List.of(
                "aw://experiments/" + s,
                "aw://experiments/" + s + "/analysis",
                "aw://experiments/" + s + "/analyses",
                "aw://experiments/" + s + "/result")));
        slugs.forEach(s -> Stages.FILES.forEach(f -> uris.add("aw://experiments/" + s + "/stage/" + f)));
        for (int v = 1; v <= PLANNED_VERSIONS; v++) {
            int version = v;
            slugs.forEach(s -> uris.add("aw://experiments/" + s + "/plans/" + version));
            PLANNED_AREAS.forEach(a -> uris.add("aw://stages/" + a + "/plans/" + version));
        }
        wb.runs().ids().forEach(id -> uris.add("aw://runs/" + id));
        for (String name : wb.checkpoints().names()) {
            String number = name.substring(0, name.indexOf('_'));
            uris.addAll(List.of(
                    "aw://checkpoints/" + name,
                    "aw://checkpoints/" + number,
                    "aw://checkpoints/" + Integer.parseInt(number)));
        }
        Set<String> areas = new TreeSet<>(PLANNED_AREAS);
        areas.addAll(wb.stages().areas());
        areas.forEach(a -> Stages.FILES.forEach(f -> uris.add("aw://stages/" + a + "/" + f)));
        return uris;
    }

    /** What each resource reads as: its text, or the error it answers with. */
    private Map<String, String> read(Set<String> uris) {
        Map<String, String> contents = new TreeMap<>();
        for (String uri : uris) {
            try {
                contents.put(uri, resources.read(uri).text());
            } catch (WorkbenchException e) {
                contents.put(uri, "! " + e);
            }
        }
        return contents;
    }

    interface Change {
        void run() throws Exception;
    }

    /**
     * Runs one change and checks that every resource whose content it changed was named by the batches that
     * followed. Returns those batches' effects.
     */
    private List<Notifier.Effect> step(String name, Change change) throws Exception {
        Map<String, String> before = read(candidates());
        synchronized (this) {
            effects.clear();
        }
        change.run();
        Set<String> uris = new TreeSet<>(before.keySet());
        uris.addAll(candidates());
        Map<String, String> after = read(uris);
        Set<String> changed = new TreeSet<>();
        for (String uri : uris) {
            // a URI unknown before is one whose thing did not exist yet: it read as not found
            if (!after.get(uri).equals(before.getOrDefault(uri, "! absent"))) {
                changed.add(uri);
            }
        }
        assertThat(changed).as("what %s changed", name).isNotEmpty(); // else the step would check nothing
        awaitEffects(name + " notifying " + changed, e -> updated(e).containsAll(changed));
        assertThat(updated(effects())).allSatisfy(WorkbenchResources::checkSubscribable);
        return effects();
    }

    private static boolean listChanged(List<Notifier.Effect> effects) {
        return effects.stream().anyMatch(Notifier.Effect::listChanged);
    }

    private static ExperimentPatch patch(String json) throws Exception {
        return Json.strict().readValue(json, ExperimentPatch.class);
    }

    @Test
    void everyChangeThroughTheWorkbench_notifiesEveryResourceItChanged() throws Exception {
        watch();
        step(
                "the first project update (creates .aw/)",
                () -> wb.project()
                        .update(new ProjectUpdate(
                                "Orders",
                                "Dedupe helps",
                                null,
                                null,
                                null,
                                new ProjectUpdate.Area("cleaning", Mode.EXPLORE, null, null),
                                null,
                                null)));
        step("an activity entry", () -> wb.activity().append("data.cleaned", "Cleaned orders", null));
        assertThat(listChanged(step("a new experiment", () -> wb.experiments().upsert(patch("""
                {"slug":"cta","method":"bayesian_ab","primaryMetricEvent":"click","controlVariant":"a",
                 "treatmentVariants":["b"],"observationStart":"2026-11-01"}""")))))
                .isTrue();
        assertThat(listChanged(
                        step("a rewritten experiment", () -> wb.experiments().upsert(patch("""
                {"slug":"cta","hypothesis":"A bigger button gets more clicks"}""")))))
                .isFalse();
        assertThat(listChanged(step(
                        "collecting (the freeze) with data",
                        () -> wb.experiments().upsert(patch("""
                {"slug":"cta","status":"collecting","inputData":{"metrics":{"click":{"a":{"n":10,"k":1},"b":{"n":10,"k":2}}}}}""")))))
                .isFalse();
        assertThat(listChanged(step(
                        "a stored analysis",
                        () -> wb.experiments()
                                .storeAnalysis(
                                        "cta",
                                        (ObjectNode) Json.mapper()
                                                .readTree("{\"type\":\"bayesian\",\"verdict\":\"inconclusive\"}"),
                                        null,
                                        "Bayesian analysis of cta: inconclusive"))))
                .isFalse();
        step(
                "a decision",
                () -> wb.journal()
                        .log(new Decision(
                                "Which key", List.of("id", "email"), "id", "emails are shared", "cleaning", "cta")));
        assertThat(listChanged(step("a checkpoint", () -> wb.checkpoints().create(List.of("data"), "raw", null))))
                .isTrue();
        assertThat(listChanged(step(
                        "a recorded run",
                        () -> wb.runs()
                                .record(new RunRequest(
                                        "python clean.py",
                                        "cleaning",
                                        "cta",
                                        0,
                                        1200L,
                                        List.of("data/orders.csv"),
                                        List.of("out/report.md"),
                                        Map.of("seed", JsonNodeFactory.instance.numberNode(7)),
                                        Map.of("rows", 1.0),
                                        null)))))
                .isTrue();
        step("execute", () -> wb.stages().execute("cleaning", List.of("out/report.md")));
        step("review", () -> wb.stages().review("cleaning", List.of(new StageCheck("rows", true, "1 row")), "fine"));
        step(
                "approve",
                () -> wb.stages().approve("cleaning", r -> Optional.of(new HumanApproval.Answer(true, "Ada", "good"))));
        step(
                "execute again (the approval and the review go stale)",
                () -> wb.stages().execute("cleaning", List.of("out/report.md", "data/orders.csv")));
        step("reject", () -> wb.stages().reject("cleaning", "redo the join", "agent"));
        step("write-plan of an area", () -> wb.plans().write("cleaning", "# Plan\n", null));
        step("write-plan of an experiment", () -> wb.plans().write("experiment:cta", "# Plan\n", null));
        step(
                "execute an experiment's stage",
                () -> wb.stages().execute("experiment:cta", List.of("out/report.md", ".aw/experiments/cta/plan.md")));
        step(
                "review an experiment's stage",
                () -> wb.stages().review("experiment:cta", List.of(new StageCheck("clear", true, null)), null));
        step(
                "approve an experiment's stage",
                () -> wb.stages()
                        .approve("experiment:cta", r -> Optional.of(new HumanApproval.Answer(true, "Ada", null))));
        step(
                "the record changes (the experiment's approval goes stale)",
                () -> wb.experiments().upsert(patch("{\"slug\":\"cta\",\"decisionSummary\":\"Buttons matter\"}")));
        step(
                "a new plan version (the pinned plan.md changed)",
                () -> wb.plans().write("experiment:cta", "# Plan, second version\n", 1));
        step("write-runbook", () -> new RunbookWriter(wb).write(null, false));
        step(
                "a checkpoint of the runbook",
                () -> wb.checkpoints().create(List.of("runbook.md", "data"), "documented", null));
        step("a person edits the runbook", () -> Files.writeString(root.resolve("runbook.md"), "# Mine now\n"));
        assertThat(listChanged(step(
                        "rollback (restores the runbook, adds a safety checkpoint)",
                        () -> wb.rollback().rollback("02", null, false, "the edit was a mistake"))))
                .isTrue();
        assertThat(root.resolve("runbook.md")).content().doesNotContain("Mine now");
    }

    @Test
    void changesByHand_andDeletions_areNotified_andDeletionsChangeTheList() throws Exception {
        wb.experiments().upsert(patch("{\"slug\":\"cta\"}"));
        wb.experiments().upsert(patch("{\"slug\":\"banner\"}"));
        watch();
        Path cta = root.resolve(".aw/experiments/cta.json");
        assertThat(listChanged(step(
                        "a person edits a record",
                        () -> Files.writeString(cta, Files.readString(cta).replace("\"draft\"", "\"collecting\"")))))
                .isFalse();
        assertThat(listChanged(step(
                        "a person removes a record", () -> Files.delete(root.resolve(".aw/experiments/banner.json")))))
                .isTrue();
        step("a person writes a stage file", () -> {
            Files.createDirectories(root.resolve(".aw/stages/cleaning"));
            Files.writeString(root.resolve(".aw/stages/cleaning/plan.md"), "# Plan\n");
        });
        step(
                "a person edits the project state",
                () -> wb.project().update(new ProjectUpdate(null, null, null, "modelling", null, null, null, null)));
    }

    @Test
    void aWholeRecordsFolderRemoved_isEverything_andTheListChanged() throws Exception {
        wb.experiments().upsert(patch("{\"slug\":\"cta\"}"));
        watch();
        Path folder = root.resolve(".aw/experiments");
        Files.move(folder, root.resolve("moved-away")); // a rename: no event names the files in it
        awaitEffects("an effect", e -> e.stream().anyMatch(Notifier.Effect::everything));
        assertThat(listChanged(effects())).isTrue();
    }
}
