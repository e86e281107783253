package dev.workbench.core.program;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.experiment.Learning;
import dev.workbench.core.experiment.Status;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code record-learning}: FeatBit's learning capture (featbit-release-decision-agent
 * {@code skills/learning-capture/SKILL.md}) kept on the experiment's record, after the learnings it has, and in the
 * activity feed ({@value #ACTIVITY}). The seed captures a learning "immediately after a decision is made"; the
 * workbench takes one as soon as there is a result ({@code analyzing}, {@code decided}, {@code archived}), so a
 * pilot that is analysed but not decided can be learned from, but never before: a learning without a result is a
 * guess. At most {@value #MAX_PER_RECORD} per record: the seed writes one per cycle ("review rather than recreate"),
 * so ten leaves room for corrections while bounding what a record can grow by.
 */
public final class Learnings {
    /** The activity entry's type. */
    public static final String ACTIVITY = "experiment.learning";
    /** The most learnings one record keeps. */
    public static final int MAX_PER_RECORD = 10;
    /** The states an experiment has a result in. */
    static final Set<Status> ANALYSED = Set.of(Status.ANALYZING, Status.DECIDED, Status.ARCHIVED);

    private final Experiments experiments;
    private final Supplier<String> now;

    /**
     * @param now the current time, ISO-8601 UTC, as the back end writes it
     */
    public Learnings(Experiments experiments, Supplier<String> now) {
        this.experiments = experiments;
        this.now = now;
    }

    /**
     * Appends the learning {@code in} describes to its experiment's record, in one transaction. {@code NOT_FOUND}
     * without the experiment, {@code INVALID_INPUT} naming {@code experiment} before it has a result,
     * {@code INPUT_TOO_LARGE} when it already holds {@value #MAX_PER_RECORD}, {@code CONFLICT} on a stale
     * {@code expectedRevision}; each changes nothing.
     */
    public RecordedLearning record(LearningRequest in) {
        int[] index = {-1};
        Learning[] kept = {null};
        Experiment written = experiments.amend(
                in.experiment(),
                in.expectedRevision(),
                current -> {
                    requireAnalysed(current, "experiment");
                    if (current.learnings().size() >= MAX_PER_RECORD) {
                        throw new WorkbenchException(
                                ErrorCode.INPUT_TOO_LARGE,
                                "experiment: \"" + current.slug() + "\" already holds " + MAX_PER_RECORD
                                        + " learnings, the most a record keeps; record what follows on the"
                                        + " follow-up experiment (propose-follow-ups)");
                    }
                    index[0] = current.learnings().size();
                    kept[0] = in.learning(now.get());
                    return current.withLearning(kept[0]);
                },
                ACTIVITY,
                title(in));
        return new RecordedLearning(written.slug(), kept[0], index[0], written.revision());
    }

    /** {@code INVALID_INPUT} naming {@code field} unless {@code e} has a result to learn or plan from. */
    static void requireAnalysed(Experiment e, String field) {
        if (!ANALYSED.contains(e.status())) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    field + ": expected an experiment with a result (status analyzing, decided or archived), got \""
                            + e.slug() + "\" in status " + e.status().wireName()
                            + "; without a result this would be a guess: collect its data and analyse it first"
                            + " (analyze-bayesian, analyze-frequentist)");
        }
    }

    /** One line a person can skim in the feed: whose learning, its verdict, what happened. */
    private static String title(LearningRequest in) {
        return "Learning on " + in.experiment() + " ("
                + in.confirmedOrRefuted().name().toLowerCase(Locale.ROOT) + "): "
                + Check.cut(in.whatHappened().replaceAll("\\s+", " ").strip(), 120);
    }
}
