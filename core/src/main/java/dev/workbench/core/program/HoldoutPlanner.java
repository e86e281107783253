package dev.workbench.core.program;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.experiment.Lineage;
import dev.workbench.core.experiment.Status;
import dev.workbench.core.store.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code plan-holdout}: stores a holdout plan on a decided experiment and creates its checkpoint experiments
 * ({@link HoldoutCheckpoints}), in one transaction. Every check comes before the first write, so a refused call
 * changes nothing. The same plan again writes nothing; a changed plan re-fills the checkpoints while all of them are
 * drafts, and is a {@code CONFLICT} naming the first that is not (its contract may be frozen, its data in).
 * Checkpoints of days a changed plan drops are kept as they are and reported as {@code notPlanned}.
 */
public final class HoldoutPlanner {
    private static final Pattern CHECKPOINT_SUFFIX = Pattern.compile("-holdout-[1-9][0-9]*d");

    private final Experiments experiments;
    private final Transactions transactions;

    public HoldoutPlanner(Experiments experiments, Transactions transactions) {
        this.experiments = experiments;
        this.transactions = transactions;
    }

    public HoldoutPlan plan(HoldoutRequest request) {
        return transactions.transaction(() -> {
            Experiment parent = experiments.get(request.slug());
            checkLaunched(parent, request.expectedRevision());
            Holdout plan = new Holdout(
                    request.percentage(),
                    checkLaunchDay(parent, request.launchedAt()),
                    request.checkAtDays(),
                    shipped(parent, request.shippedVariant()));
            Map<Integer, Experiment> existing = checkpointsOf(parent.slug());
            checkNames(parent.slug(), plan.checkAtDays(), existing);
            boolean samePlan = plan.equals(parent.lineage().holdout());
            if (!samePlan) {
                existing.values().stream()
                        .filter(e -> e.status() != Status.DRAFT)
                        .findFirst()
                        .ifPresent(e -> refuseChange(parent, e));
            }
            List<HoldoutPlan.Planned> planned = new ArrayList<>();
            for (int day : plan.checkAtDays()) {
                Experiment found = existing.get(day);
                planned.add(
                        samePlan
                                        && found != null
                                        && Integer.valueOf(day)
                                                .equals(found.lineage().holdoutDay())
                                ? planned(found, day, plan, HoldoutPlan.Action.UNCHANGED)
                                : write(parent, plan, day, found));
            }
            Experiment after = experiments.amend(
                    parent.slug(),
                    null,
                    e -> e.withLineage(e.lineage().withHoldout(plan)),
                    "experiment.holdout-planned",
                    "Holdout of " + parent.slug() + " planned: " + HoldoutCheckpoints.percent(plan.percentage())
                            + " % kept on " + parent.contract().controlVariant() + " from " + plan.launchedAt()
                            + ", checks at days "
                            + plan.checkAtDays().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            boolean changed = after.revision() != parent.revision()
                    || planned.stream().anyMatch(p -> p.action() != HoldoutPlan.Action.UNCHANGED);
            List<String> notPlanned = existing.entrySet().stream()
                    .filter(e -> !plan.checkAtDays().contains(e.getKey()))
                    .map(e -> e.getValue().slug())
                    .toList();
            return new HoldoutPlan(parent.slug(), plan, changed, planned, notPlanned);
        });
    }

    /** A launch rests on a decision: the experiment must be decided (or archived since), and not a checkpoint. */
    private static void checkLaunched(Experiment parent, Long expectedRevision) {
        if (expectedRevision != null && expectedRevision != parent.revision()) {
            throw new WorkbenchException(
                    ErrorCode.CONFLICT,
                    "experiment \"" + parent.slug() + "\" is at revision " + parent.revision() + ", not "
                            + expectedRevision + "; call get-experiment and plan the holdout again");
        }
        if (parent.status() != Status.DECIDED && parent.status() != Status.ARCHIVED) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "slug: expected a decided experiment (a launch rests on a decision; decide it with"
                            + " upsert-experiment first), got \"" + parent.slug() + "\" ("
                            + parent.status().wireName()
                            + ")");
        }
        if (parent.lineage().checkpoint()) {
            throw Check.invalid(
                    "slug",
                    "a launched experiment, not a holdout checkpoint (it is the day-"
                            + parent.lineage().holdoutDay() + " checkpoint of " + parent.parent() + ")",
                    parent.slug());
        }
    }

    private static String checkLaunchDay(Experiment parent, String launchedAt) {
        String end = parent.window().end();
        if (end != null && launchedAt.compareTo(end) < 0) {
            throw Check.invalid(
                    "launchedAt",
                    "a day on or after " + parent.slug() + "'s observationEnd " + end
                            + " (the launch follows the decision)",
                    launchedAt);
        }
        return launchedAt;
    }

    /** The treatment launched: the one named, which must be a treatment; else the only one. */
    private static String shipped(Experiment parent, String named) {
        List<String> treatments = parent.contract().treatmentVariants();
        if (treatments == null || treatments.isEmpty()) {
            throw Check.invalid("slug", "an experiment with a treatment to launch", parent.slug());
        }
        if (named == null) {
            if (treatments.size() > 1) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "shippedVariant: required, as " + parent.slug() + " has several treatments ("
                                + String.join(", ", treatments) + "); name the one launched");
            }
            return treatments.get(0);
        }
        if (!treatments.contains(named)) {
            throw new WorkbenchException(
                    ErrorCode.UNKNOWN_VARIANT,
                    "shippedVariant: \"" + named + "\" is not a treatment of " + parent.slug() + " (treatments: "
                            + String.join(", ", treatments) + ")");
        }
        return named;
    }

    /**
     * The checkpoints of {@code parent} on record, by day, found by their names ({@code <parent>-holdout-<N>d}) among
     * the slugs, so that only they are read. A draft named so, child of {@code parent} but without its day (a plan cut
     * short between the record and its day) counts as the checkpoint of the day its name says.
     */
    private Map<Integer, Experiment> checkpointsOf(String parent) {
        String prefix = parent + "-holdout-";
        Map<Integer, Experiment> found = new TreeMap<>();
        for (String slug : experiments.slugs()) {
            if (!slug.startsWith(prefix)
                    || !CHECKPOINT_SUFFIX
                            .matcher(slug.substring(parent.length()))
                            .matches()) {
                continue;
            }
            int day = Integer.parseInt(slug.substring(prefix.length(), slug.length() - 1));
            experiments.find(slug).filter(e -> mine(e, parent, day)).ifPresent(e -> found.put(day, e));
        }
        return found;
    }

    private static boolean mine(Experiment e, String parent, int day) {
        Integer holdoutDay = e.lineage().holdoutDay();
        return parent.equals(e.parent())
                && (Integer.valueOf(day).equals(holdoutDay) || holdoutDay == null && e.status() == Status.DRAFT);
    }

    /** Every checkpoint's slug must fit the slug rule and be free, or be this parent's checkpoint of that day. */
    private void checkNames(String parent, List<Integer> days, Map<Integer, Experiment> existing) {
        for (int day : days) {
            String slug = HoldoutCheckpoints.slug(parent, day);
            if (!Check.isSlug(slug)) {
                throw Check.invalid(
                        "slug",
                        "a slug short enough to name its checkpoints (\"" + slug + "\" would be " + slug.length()
                                + " characters, over " + Check.MAX_NAME + ")",
                        parent);
            }
            if (!existing.containsKey(day)) {
                experiments.find(slug).ifPresent(taken -> {
                    throw new WorkbenchException(
                            ErrorCode.CONFLICT,
                            "experiment \"" + slug + "\" exists and is not the day-" + day + " holdout checkpoint of "
                                    + parent + " (its parent: " + taken.parent() + ", holdoutDay: "
                                    + taken.lineage().holdoutDay() + "); rename it, or plan other days");
                });
            }
        }
    }

    private static void refuseChange(Experiment parent, Experiment checkpoint) {
        Holdout stored = parent.lineage().holdout();
        throw new WorkbenchException(
                ErrorCode.CONFLICT,
                "the holdout of \"" + parent.slug() + "\" cannot change: its checkpoint \"" + checkpoint.slug()
                        + "\" is " + checkpoint.status().wireName()
                        + ", no longer a draft; a plan is changed only while every checkpoint is a draft"
                        + (stored == null
                                ? ""
                                : " (the stored plan: percentage " + HoldoutCheckpoints.percent(stored.percentage())
                                        + ", launchedAt " + stored.launchedAt() + ", checkAtDays "
                                        + stored.checkAtDays() + ", shippedVariant " + stored.shippedVariant() + ")"));
    }

    /** Creates the checkpoint of {@code day}, or re-fills the draft {@code found}, and gives it its day. */
    private HoldoutPlan.Planned write(Experiment parent, Holdout plan, int day, Experiment found) {
        Experiments.Upserted upserted =
                experiments.upsert(HoldoutCheckpoints.patch(parent, experiments.inheritedClaim(parent), plan, day));
        String slug = upserted.experiment().slug();
        Experiment placed = experiments.amend(
                slug,
                null,
                e -> e.withLineage(new Lineage(e.parent(), day, e.lineage().holdout())),
                "experiment.holdout-checkpoint",
                "Experiment " + slug + " is the day-" + day + " holdout checkpoint of " + parent.slug());
        HoldoutPlan.Action action = upserted.created()
                ? HoldoutPlan.Action.CREATED
                : placed.revision() != found.revision() ? HoldoutPlan.Action.UPDATED : HoldoutPlan.Action.UNCHANGED;
        return planned(placed, day, plan, action);
    }

    private static HoldoutPlan.Planned planned(Experiment e, int day, Holdout plan, HoldoutPlan.Action action) {
        return new HoldoutPlan.Planned(
                e.slug(), day, HoldoutCheckpoints.dueOn(plan.launchedAt(), day), e.status(), action);
    }
}
