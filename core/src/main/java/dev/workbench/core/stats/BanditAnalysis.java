package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.stats.numeric.BestArmProbabilities;
import dev.workbench.core.stats.numeric.Estimate;
import dev.workbench.core.stats.report.BanditResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * analyze-bandit (CONTRACT §6): per-arm normal posteriors on the primary metric, the exact probability that each
 * arm is best, traffic weights by Thompson sampling or top-two with a floor, burn-in, the stop rule and the SRM
 * check, and the {@code checks} block the decision gate reads. Pure: reads the record (and the earlier round it is
 * given), returns {@code analysisResult}.
 */
public final class BanditAnalysis {
    /** Allocation by P(best). */
    public static final String THOMPSON = "thompson";
    /** Allocation by (P(best) + P(second))/2. */
    public static final String TOP_TWO = "top-two";

    private BanditAnalysis() {}

    /**
     * The bandit's options; the compact constructor is the one place they are checked ({@code INVALID_INPUT},
     * or {@code INVALID_PRIOR} for the arm prior).
     *
     * @param allocation    {@code thompson} or {@code top-two}; null means thompson
     * @param minWeight     the floor of every arm's weight, 0 ≤ minWeight ≤ 1
     * @param burnIn        units every arm needs before weights move, ≥ 0
     * @param armPrior      a normal prior on every arm's mean, or null
     * @param stopThreshold P(best) at which the stop rule is met, 0 &lt; stopThreshold ≤ 1
     */
    public record Options(String allocation, double minWeight, long burnIn, ArmPrior armPrior, double stopThreshold) {
        public Options {
            allocation = allocation == null ? THOMPSON : allocation;
            if (!THOMPSON.equals(allocation) && !TOP_TWO.equals(allocation)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "allocation: must be 'thompson' or 'top-two', got '" + allocation + "'");
            }
            if (!(minWeight >= 0.0 && minWeight <= 1.0)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "minWeight: must be a number 0 ≤ minWeight ≤ 1 (default 0.01), got " + minWeight);
            }
            if (burnIn < 0) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "burnIn: must be a whole number of units ≥ 0 (default 100), got " + burnIn);
            }
            if (!(stopThreshold > 0.0 && stopThreshold <= 1.0)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "stopThreshold: must be a probability 0 < stopThreshold ≤ 1 (default 0.95), got "
                                + stopThreshold);
            }
        }

        /** thompson, minWeight 0.01, burnIn 100, no arm prior, stopThreshold 0.95. */
        public static Options defaults() {
            return new Options(THOMPSON, 0.01, 100, null, 0.95);
        }

        /**
         * Options from a tool call's arguments ({@code allocation}, {@code minWeight}, {@code burnIn},
         * {@code armPrior {mean, stddev}}, {@code stopThreshold}); absent ones take their defaults.
         */
        public static Options fromArguments(JsonNode arguments) {
            Options d = defaults();
            if (JsonInput.isAbsent(arguments)) {
                return d;
            }
            return new Options(
                    option(arguments, "allocation") == null ? d.allocation() : text(arguments, "allocation"),
                    option(arguments, "minWeight") == null ? d.minWeight() : number(arguments, "minWeight"),
                    option(arguments, "burnIn") == null ? d.burnIn() : whole(arguments, "burnIn"),
                    option(arguments, "armPrior") == null ? null : ArmPrior.fromJson(arguments.get("armPrior")),
                    option(arguments, "stopThreshold") == null
                            ? d.stopThreshold()
                            : number(arguments, "stopThreshold"));
        }

        boolean topTwo() {
            return TOP_TWO.equals(allocation);
        }

        private static JsonNode option(JsonNode arguments, String name) {
            JsonNode node = arguments.get(name);
            return JsonInput.isAbsent(node) ? null : node;
        }

        private static String text(JsonNode arguments, String name) {
            JsonNode node = arguments.get(name);
            if (!node.isTextual()) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        name + ": must be 'thompson' or 'top-two', got " + JsonInput.describe(node));
            }
            return node.textValue();
        }

        private static double number(JsonNode arguments, String name) {
            JsonNode node = arguments.get(name);
            if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT, name + ": must be a number, got " + JsonInput.describe(node));
            }
            return node.doubleValue();
        }

        private static long whole(JsonNode arguments, String name) {
            double value = number(arguments, name);
            if (value != Math.rint(value) || Math.abs(value) >= 0x1p62) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        name + ": must be a whole number of units ≥ 0, got " + JsonInput.describe(arguments.get(name)));
            }
            return (long) value;
        }
    }

    /**
     * A normal prior N(mean, stddev²) on every arm's mean, on the metric's own scale (a rate for proportions).
     *
     * @param mean   within {@link PriorBounds#armMean}, else {@code INVALID_PRIOR}
     * @param stddev within {@link PriorBounds#armStddev}, else {@code INVALID_PRIOR}
     */
    public record ArmPrior(double mean, double stddev) {
        public ArmPrior {
            PriorBounds.armMean(mean, "armPrior.mean");
            PriorBounds.armStddev(stddev, "armPrior.stddev");
        }

        static ArmPrior fromJson(JsonNode node) {
            if (!node.isObject()) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_PRIOR,
                        "armPrior: must be an object {mean, stddev}, got " + JsonInput.describe(node));
            }
            return new ArmPrior(field(node, "mean"), field(node, "stddev"));
        }

        private static double field(JsonNode prior, String name) {
            JsonNode node = prior.get(name);
            if (node == null || !node.isNumber()) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_PRIOR,
                        "armPrior." + name + ": must be a number, got " + JsonInput.describe(node));
            }
            return node.doubleValue();
        }

        Estimate estimate() {
            return new Estimate(mean, stddev);
        }
    }

    /**
     * @param experiment the experiment record's fields as JSON (arms are controlVariant then treatmentVariants; the
     *                   primary metric drives the bandit; trafficWeights is the split in force)
     * @param options    the bandit's options
     * @param computedAt the instant written as {@code computed_at}
     * @return {@code analysisResult} in the contract's format; never contains NaN or Infinity
     * @throws WorkbenchException {@code TOO_FEW_ARMS}, {@code ZERO_VARIANCE}, {@code MISSING_METRIC},
     *                            {@code MISSING_VARIANT_DATA}, {@code INVALID_METRIC_SHAPE}, {@code INVALID_COUNTS},
     *                            {@code NON_FINITE_INPUT}, {@code NEGATIVE_VARIANCE}, {@code INVALID_INPUT}
     */
    public static BanditResult analyze(JsonNode experiment, Options options, Instant computedAt) {
        return analyze(experiment, options, computedAt, null);
    }

    /**
     * As {@link #analyze(JsonNode, Options, Instant)}, for a stored experiment whose current {@code analysisResult}
     * may be an earlier bandit round: the SRM check then covers the units added since that round, against the
     * weights it set ({@link BanditSrm}).
     *
     * @param previousRound the stored record's {@code analysisResult} when analysing by slug; null inline
     */
    public static BanditResult analyze(
            JsonNode experiment, Options options, Instant computedAt, JsonNode previousRound) {
        Options opts = options == null ? Options.defaults() : options;
        Objects.requireNonNull(computedAt, "computedAt");
        ExperimentSpec spec = ExperimentSpec.parse(experiment, false);
        List<String> arms = spec.variants();
        if (arms.size() < 2) {
            throw new WorkbenchException(
                    ErrorCode.TOO_FEW_ARMS,
                    "treatmentVariants: a bandit needs at least two arms (the control '" + spec.control()
                            + "' and one treatment); add a treatment with upsert-experiment");
        }
        Metric metric = MetricData.read(spec.inputData(), spec.primaryEvent(), arms, "primary metric");
        Estimate prior = opts.armPrior() == null ? null : opts.armPrior().estimate();
        List<ArmPosterior> posteriors = new ArrayList<>(arms.size());
        boolean everyArmHasData = true;
        ArmPosterior.Adjustment cuped = ArmPosterior.Adjustment.of(metric);
        for (int i = 0; i < arms.size(); i++) {
            ArmPosterior posterior =
                    ArmPosterior.of(metric.variants().get(i), metric.moments().get(i), prior, cuped);
            posteriors.add(posterior);
            everyArmHasData &= posterior.n() > 0;
        }
        BestArmProbabilities.Result probabilities = everyArmHasData
                ? BestArmProbabilities.compute(means(posteriors), sds(posteriors), metric.inverse(), opts.topTwo())
                : null;
        BanditState state = BanditState.of(posteriors, probabilities, opts);
        BanditSrm srm =
                BanditSrm.of(arms, BayesianAnalysis.units(metric), spec.trafficWeights(), previousRound, computedAt);
        return BanditReport.write(spec, metric, opts, srm, posteriors, state, computedAt);
    }

    private static double[] means(List<ArmPosterior> posteriors) {
        return posteriors.stream().mapToDouble(p -> p.estimate().mean()).toArray();
    }

    private static double[] sds(List<ArmPosterior> posteriors) {
        return posteriors.stream().mapToDouble(p -> p.estimate().sd()).toArray();
    }
}
