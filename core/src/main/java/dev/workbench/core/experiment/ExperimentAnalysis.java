package dev.workbench.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.stats.BanditAnalysis;
import dev.workbench.core.stats.BayesianAnalysis;
import dev.workbench.core.stats.FrequentistAnalysis;
import dev.workbench.core.stats.report.AnalysisResult;
import dev.workbench.core.stats.report.BanditResult;
import dev.workbench.core.stats.report.BayesianResult;
import dev.workbench.core.stats.report.FrequentistResult;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiFunction;

/**
 * Analysing an experiment, as one unit of work. The experiment comes either by {@code slug} (read from the store,
 * the result stored back unless {@code dryRun}) or inline as {@code experiment} (nothing stored). By slug, the record
 * must be collecting or analyzing ({@code NOT_COLLECTING} for a draft, dry run or not: analysing data before the
 * freeze is what the freeze prevents; {@code INVALID_TRANSITION} to store onto a decided or archived record, whose
 * dry run is allowed). A result by slug carries {@code input_sha256}, the hash of the data it read.
 *
 * <p>The record is turned into JSON once, for the analysis to read; the typed result is turned into JSON once, for
 * the store. Reading, analysing and storing happen under one lock, so a stored result is always of the data it sits
 * beside.
 */
public final class ExperimentAnalysis {
    private final Experiments experiments;
    private final Transactions transactions;
    private final Clock clock;

    public ExperimentAnalysis(Experiments experiments, Transactions transactions, Clock clock) {
        this.experiments = experiments;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Over the back end's unit of work and clock, as the workbench wires it. */
    public ExperimentAnalysis(Experiments experiments, Backend backend) {
        this(experiments, backend.transactions(), backend.clock());
    }

    /**
     * Which experiment to analyse, and whether to store the result.
     *
     * @param slug             a stored experiment, or null
     * @param inline           the record's fields inline, or null; exactly one of the two
     * @param dryRun           by slug: compute without storing
     * @param expectedRevision by slug: store only at this revision, else {@code CONFLICT}
     */
    public record Target(String slug, ObjectNode inline, boolean dryRun, Long expectedRevision) {
        public Target {
            check(slug, inline);
        }
    }

    /**
     * Fails with {@code INVALID_INPUT} unless exactly one of a valid slug and an object of record fields is given;
     * the check the analysis tools' inputs make when they are bound.
     */
    public static void check(String slug, JsonNode experiment) {
        if ((slug == null) == (experiment == null || experiment.isNull())) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "give exactly one of slug (a stored experiment) and experiment (record fields inline)");
        }
        if (slug != null) {
            Check.slug(slug, "slug");
        } else if (!experiment.isObject()) {
            throw Check.invalid("experiment", "an object with the record's fields", experiment.getNodeType());
        }
    }

    /** The Bayesian A/B analysis of the target. */
    public BayesianResult bayesian(Target target) {
        return run(target, "Bayesian analysis", (record, previous) -> BayesianAnalysis.analyze(record, now()));
    }

    /** The frequentist (fixed or sequential) A/B analysis of the target, with {@code options}. */
    public FrequentistResult frequentist(Target target, FrequentistAnalysis.Options options) {
        return run(
                target,
                "Frequentist analysis",
                (record, previous) -> FrequentistAnalysis.analyze(record, options, now()));
    }

    /**
     * The bandit's next round for the target. By slug, the record's stored analysis may be the previous round: the
     * SRM check then spans the units since it.
     */
    public BanditResult bandit(Target target, BanditAnalysis.Options options) {
        return run(
                target,
                "Bandit analysis",
                (record, previous) -> BanditAnalysis.analyze(record, options, now(), previous));
    }

    /**
     * Runs {@code analysis} (on the record's JSON and its stored analysis, null inline) and, for a stored experiment
     * outside a dry run, stores the result.
     *
     * @param kind for the activity title, e.g. "Bayesian analysis"
     */
    private <R extends AnalysisResult<R>> R run(
            Target target, String kind, BiFunction<JsonNode, JsonNode, R> analysis) {
        String slug = target.slug();
        if (slug == null) {
            return analysis.apply(target.inline(), null);
        }
        if (target.dryRun()) {
            Experiment record = experiments.get(slug);
            Experiments.requireAnalysable(record, true);
            R result = analysis.apply(Json.toTree(record), record.analysisResult());
            return result.withInputSha256(Experiment.inputSha256(record.inputData()));
        }
        return transactions.transaction(() -> {
            Experiment record = experiments.get(slug);
            Experiments.requireAnalysable(record, false);
            R result = analysis.apply(Json.toTree(record), record.analysisResult());
            Experiment stored = experiments.storeAnalysis(
                    slug,
                    (ObjectNode) Json.toTree(result),
                    target.expectedRevision(),
                    kind + " of " + slug + ": " + result.headline());
            return result.withInputSha256(
                    stored.analysisResult().path(Experiment.INPUT_SHA256).textValue());
        });
    }

    /** The instant written as {@code computed_at}, to the millisecond as every record's stamps. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
