package dev.workbench.core.program;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.experiment.MetricDefinition;
import dev.workbench.core.store.SeriesLogs;
import dev.workbench.core.store.Transactions;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The holdouts of launched experiments: their plans and checkpoint experiments ({@link HoldoutPlanner}), the trend
 * those show ({@link #report}, by {@link HoldoutTrendRule}), and the checks that are due ({@link #due}). The other
 * parts of the program (the claims' roll-up, the clean result) read {@link #report}.
 */
public final class Holdouts {
    private final Experiments experiments;
    private final HoldoutPlanner planner;
    private final SeriesLogs series;
    private final Clock clock;

    public Holdouts(Experiments experiments, Transactions transactions, SeriesLogs series, Clock clock) {
        this.experiments = experiments;
        this.planner = new HoldoutPlanner(experiments, transactions);
        this.series = series;
        this.clock = clock;
    }

    /** Stores the holdout plan on a decided experiment and creates its checkpoints: {@link HoldoutPlanner}. */
    public HoldoutPlan plan(HoldoutRequest request) {
        return planner.plan(request);
    }

    /**
     * The holdout checks due today (the back end's clock) whose checkpoint has no current analysis of data through its
     * day, oldest first.
     */
    public List<HoldoutCheckDue> due() {
        return DueHoldoutChecks.due(experiments, series, LocalDate.now(clock));
    }

    /**
     * The holdout report of the launched experiment {@code slug}: its final analysis beside each checkpoint's, as
     * stored (nothing is analysed again), and their trend. {@code NOT_FOUND} when there is no such experiment,
     * {@code INVALID_INPUT} (naming {@code slug}) when it has no holdout plan.
     */
    public HoldoutReport report(String slug) {
        Experiment parent = experiments.get(slug);
        Holdout plan = parent.lineage().holdout();
        if (plan == null) {
            throw Check.invalid(
                    "slug", "an experiment with a holdout plan (plan-holdout sets one after the launch)", slug);
        }
        String problem = HoldoutCheckpoints.problem(plan);
        if (problem != null) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "slug: the holdout plan of \"" + slug + "\" cannot be read: " + problem
                            + "; run plan-holdout again to write it");
        }
        String metric = parent.contract().primaryMetricEvent();
        String treatment = plan.shippedVariant();
        List<Experiment> records = new ArrayList<>();
        List<HoldoutReport.Checkpoint> checkpoints = new ArrayList<>();
        for (int day : plan.checkAtDays()) {
            String name = HoldoutCheckpoints.slug(slug, day);
            Optional<Experiment> found = experiments.find(name).filter(e -> slug.equals(e.parent()));
            found.ifPresent(records::add);
            checkpoints.add(new HoldoutReport.Checkpoint(
                    name,
                    day,
                    HoldoutCheckpoints.dueOn(plan.launchedAt(), day),
                    found.map(e -> e.status().wireName()).orElse(null),
                    found.map(e -> HoldoutReadings.of(e.analysisResult(), e.analysisStale(), metric, treatment))
                            .orElse(null)));
        }
        boolean inverse = inverse(parent, records, metric);
        HoldoutReport.Reading original =
                HoldoutReadings.of(parent.analysisResult(), parent.analysisStale(), metric, treatment);
        HoldoutTrendRule.Outcome outcome = HoldoutTrendRule.classify(original, checkpoints, inverse);
        return new HoldoutReport(
                slug,
                metric,
                parent.contract().controlVariant(),
                treatment,
                inverse,
                original,
                checkpoints,
                outcome.trend(),
                outcome.reason());
    }

    /**
     * Whether lower is better on {@code metric}: as the launched experiment's analysis read it, else as a checkpoint's
     * did, else as its metric definition says; higher is better when nothing says.
     */
    private static boolean inverse(Experiment parent, List<Experiment> checkpoints, String metric) {
        List<Experiment> analysed = new ArrayList<>();
        analysed.add(parent);
        analysed.addAll(checkpoints);
        for (Experiment e : analysed) {
            Boolean inverse = HoldoutReadings.inverse(e.analysisResult(), metric);
            if (inverse != null) {
                return inverse;
            }
        }
        MetricDefinition definition = parent.contract().metricDefinitions() == null
                ? null
                : parent.contract().metricDefinitions().get(metric);
        return definition != null && Boolean.TRUE.equals(definition.inverse());
    }
}
