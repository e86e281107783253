package dev.workbench.core.program;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Contract;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.MetricDefinition;
import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.project.ProjectState;
import dev.workbench.core.run.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds an experiment's {@link CleanResult} from the workbench's state: the record, the project's question, the
 * experiments that follow from it, its holdout ({@link Holdouts#report}, only when the record has a holdout plan),
 * the runs that name it and the checkpoints they or its journal entries name, and the review of its stage
 * ({@link CleanResultBanner}). It reads and never writes; the numbers are the stored analysis's
 * ({@link CleanResultReading}), never computed again.
 */
public final class CleanResults {
    /** How many of the latest journal entries are searched for the experiment's entries. */
    static final int JOURNAL_LOOK_BACK = 10_000;

    /**
     * How many of the latest runs are searched for the experiment's runs: a run names its experiment inside its
     * record, so finding them means reading records, and reading all of 10,000 took 0.6 s a result (ProgramBench).
     */
    static final int RUN_LOOK_BACK = 1_000;

    private final Workbench wb;

    public CleanResults(Workbench wb) {
        this.wb = wb;
    }

    /** The clean result of {@code slug}; {@code NOT_FOUND} when there is no such experiment. */
    public CleanResult of(String slug) {
        return of(slug, CleanResultBanner.of(wb.stages(), slug), links(slug));
    }

    /**
     * What a person approves when they approve the experiment's review stage: the clean result's Markdown without
     * its banner (which says whether it is approved) and without its links (runs recorded later add lines there, not
     * to what was concluded). Its SHA-256 is what the stage pins, so any change to the text a person read (a new
     * analysis, a learning, a follow-up, a holdout trend, the project's question) makes the approval stale. Empty when
     * there is no such experiment.
     */
    public Optional<String> document(String slug) {
        if (wb.experiments().find(slug).isEmpty()) {
            return Optional.empty();
        }
        String md = CleanResultMarkdown.render(of(
                slug,
                new CleanResult.Banner(false, "", null, null, null),
                new CleanResult.Links(List.of(), List.of())));
        int title = md.indexOf("# Clean result: ");
        int links = md.lastIndexOf("\n## Links");
        return Optional.of(md.substring(Math.max(title, 0), links > title ? links + 1 : md.length()));
    }

    private CleanResult of(String slug, CleanResult.Banner banner, CleanResult.Links links) {
        Experiment e = wb.experiments().get(slug);
        CleanResultNumbers numbers = CleanResultReading.read(
                e.analysisResult(), e.analysisStale(), e.contract().primaryMetricEvent());
        List<Experiment> children = children(slug);
        CleanResult.HoldoutSection holdout = holdout(e, children);
        CleanResult.Design design = design(e);
        return new CleanResult(
                slug,
                banner,
                question(e),
                e.contract().hypothesis(),
                design,
                numbers,
                e.status(),
                e.decision(),
                e.learnings(),
                CleanResultCaveats.of(e, design, numbers, holdout == null ? null : holdout.report()),
                children.stream()
                        .filter(c -> c.lineage().holdoutDay() == null)
                        .map(CleanResults::related)
                        .toList(),
                holdout,
                links);
    }

    private CleanResult.Question question(Experiment e) {
        ProjectState p = wb.project().get();
        return new CleanResult.Question(
                p.name(),
                p.hypothesis(),
                p.primaryMetric(),
                e.claim(),
                e.parent(),
                e.lineage().holdoutDay());
    }

    static CleanResult.Design design(Experiment e) {
        Contract c = e.contract();
        Map<String, Long> sample = new LinkedHashMap<>();
        if (e.inputData() != null && c.primaryMetricEvent() != null) {
            var primary = e.inputData().path("metrics").path(c.primaryMetricEvent());
            for (String variant : c.variants()) {
                var n = primary.path(variant).get("n");
                if (n != null && n.isNumber()) {
                    sample.put(variant, n.asLong());
                }
            }
        }
        Map<String, String> definitions = new LinkedHashMap<>();
        if (c.metricDefinitions() != null) {
            c.metricDefinitions().forEach((event, d) -> definitions.put(event, describe(d)));
        }
        return new CleanResult.Design(
                c.method(),
                c.primaryMetricEvent(),
                c.guardrailEvents(),
                c.controlVariant(),
                c.treatmentVariants(),
                e.trafficWeights(),
                e.window(),
                c.minimumSample(),
                c.minimumSampleBasis(),
                sample,
                c.assignment() == null ? null : c.assignment().source(),
                definitions,
                e.preregistration(),
                c.prior());
    }

    /** A metric definition in words: how a unit's value is made from its facts. */
    private static String describe(MetricDefinition d) {
        String how = switch (d.type()) {
            case BINARY -> "whether a unit had at least one event";
            case COUNT -> "the number of events per unit";
            case SUM -> "the sum of the events' values per unit";
            case MEAN -> "the mean of the events' values per unit";
        };
        String window = d.windowHours() == null
                ? "until the cut-off"
                : "within " + CleanResultFormat.decimal(d.windowHours()) + " h of the unit's first exposure";
        return how + ", " + window + (d.lowerIsBetter() ? "; lower is better" : "")
                + (d.covariateDays() == null ? "" : "; CUPED over " + d.covariateDays() + " days before exposure");
    }

    /** The experiments whose parent is {@code slug}, by slug; a record that cannot be read names no parent. */
    private List<Experiment> children(String slug) {
        List<Experiment> children = new ArrayList<>();
        for (String other : wb.experiments().slugs()) {
            try {
                wb.experiments()
                        .find(other)
                        .filter(c -> slug.equals(c.parent()))
                        .ifPresent(children::add);
            } catch (WorkbenchException unreadable) {
                // a damaged record is listed by aw://experiments with its problem; it links to nothing here
            }
        }
        return children;
    }

    private CleanResult.HoldoutSection holdout(Experiment e, List<Experiment> children) {
        List<CleanResult.Related> checkpoints = children.stream()
                .filter(c -> c.lineage().holdoutDay() != null)
                .sorted(Comparator.comparing(c -> c.lineage().holdoutDay()))
                .map(CleanResults::related)
                .toList();
        var plan = e.lineage().holdout();
        if (plan == null && checkpoints.isEmpty()) {
            return null;
        }
        return new CleanResult.HoldoutSection(
                plan,
                checkpoints,
                plan == null || HoldoutCheckpoints.problem(plan) != null
                        ? null
                        : wb.holdouts().report(e.slug()));
    }

    private static CleanResult.Related related(Experiment c) {
        return new CleanResult.Related(
                c.slug(),
                c.status(),
                c.lineage().holdoutDay(),
                c.contract().hypothesis(),
                c.decision().choice());
    }

    private CleanResult.Links links(String slug) {
        List<String> ids = wb.runs().ids(); // sorted: ids begin with the time they were recorded
        List<RunRecord> runs = new ArrayList<>();
        for (String id : ids.subList(Math.max(0, ids.size() - RUN_LOOK_BACK), ids.size())) {
            try {
                wb.runs().find(id).filter(r -> slug.equals(r.experiment())).ifPresent(runs::add);
            } catch (WorkbenchException unreadable) {
                // aw://runs/<id> says what is wrong with it
            }
        }
        List<String> texts = new ArrayList<>();
        for (RunRecord r : runs) {
            texts.add(r.command());
            texts.add(r.note());
        }
        int look = (int) Math.min(wb.journal().count(), JOURNAL_LOOK_BACK);
        for (JournalEntry j : wb.journal().recent(look)) {
            if (slug.equals(j.experiment())) {
                texts.add(j.context());
                texts.add(j.chosen());
                texts.add(j.rationale());
                Optional.ofNullable(j.options()).ifPresent(texts::addAll);
            }
        }
        List<String> checkpoints = wb.checkpoints().names().stream()
                .filter(name -> named(name, texts))
                .toList();
        return new CleanResult.Links(
                runs.stream()
                        .map(r -> new CleanResult.RunLink(r.id(), r.recordedAt(), r.command(), r.exitCode()))
                        .toList(),
                checkpoints);
    }

    /** Whether one of {@code texts} names the checkpoint {@code name} as a whole word. */
    static boolean named(String name, List<String> texts) {
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(name) + "(?![A-Za-z0-9_-])");
        return texts.stream().anyMatch(t -> t != null && word.matcher(t).find());
    }
}
