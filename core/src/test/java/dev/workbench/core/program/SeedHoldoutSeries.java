package dev.workbench.core.program;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.stats.numeric.StandardNormal;
import java.util.List;

/**
 * The three example series of the seed's holdout reference, and data that reproduces each of their points: a fixture
 * for every test that drives a holdout (core's test-jar carries it to the tools and the server).
 *
 * <p>From featbit/featbit-release-decision-agent, {@code skills/experiment-workspace/references/analysis-holdout.md}
 * (commit 9946b55), "Interpreting Results Over Time":
 *
 * <pre>
 * Pattern 1 — Effect holds (genuine improvement)
 *   Original (day 14):   P(win) = 97%,  rel Δ = +8%
 *   Holdout day 30:      P(win) = 95%,  rel Δ = +7.5%
 *   Holdout day 60:      P(win) = 94%,  rel Δ = +7%
 *   Holdout day 90:      P(win) = 93%,  rel Δ = +6.8%
 * Pattern 2 — Effect decays (novelty or event-driven)
 *   Original (day 14):   P(win) = 97%,  rel Δ = +8%
 *   Holdout day 30:      P(win) = 85%,  rel Δ = +4%
 *   Holdout day 60:      P(win) = 62%,  rel Δ = +2%
 *   Holdout day 90:      P(win) = 51%,  rel Δ = +0.5%
 * Pattern 3 — Effect improves over time (primacy effect resolved)
 *   Original (day 14):   P(win) = 72%,  rel Δ = +3%
 *   Holdout day 30:      P(win) = 85%,  rel Δ = +5%
 *   Holdout day 60:      P(win) = 93%,  rel Δ = +7%
 *   Holdout day 90:      P(win) = 96%,  rel Δ = +8%
 * </pre>
 *
 * {@link #inputData} gives proportion counts ({@code {n, k}}) whose Bayesian analysis (flat prior, the delta method of
 * CONTRACT §6) has a point's chance to win and relative lift: the control's rate is near {@link #BASELINE}, the units
 * are split as the experiment splits them, and the total is searched so that both numbers come out closest once the
 * counts are whole.
 */
public final class SeedHoldoutSeries {
    /** The control's conversion rate the counts are built around. */
    public static final double BASELINE = 0.10;
    /** The seed's checkpoint days. */
    public static final List<Integer> DAYS = List.of(30, 60, 90);

    private SeedHoldoutSeries() {}

    /**
     * One reading of a series.
     *
     * @param day          days after the start (14: the original test) or after the launch (a checkpoint)
     * @param chanceToWin  P(win), 0.97 for 97 %
     * @param relativeLift rel Δ as an improvement, 0.08 for +8 %
     */
    public record Point(int day, double chanceToWin, double relativeLift) {}

    /**
     * One of the seed's patterns.
     *
     * @param name        the seed's heading
     * @param trend       how the seed reads it
     * @param original    the original test's reading
     * @param checkpoints the readings at {@link #DAYS}
     */
    public record Series(String name, HoldoutTrend trend, Point original, List<Point> checkpoints) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static final Series HOLDS = new Series(
            "Pattern 1 — Effect holds (genuine improvement)",
            HoldoutTrend.HOLDS,
            new Point(14, 0.97, 0.08),
            List.of(new Point(30, 0.95, 0.075), new Point(60, 0.94, 0.07), new Point(90, 0.93, 0.068)));

    public static final Series DECAYS = new Series(
            "Pattern 2 — Effect decays (novelty or event-driven)",
            HoldoutTrend.DECAYS,
            new Point(14, 0.97, 0.08),
            List.of(new Point(30, 0.85, 0.04), new Point(60, 0.62, 0.02), new Point(90, 0.51, 0.005)));

    public static final Series IMPROVES = new Series(
            "Pattern 3 — Effect improves over time (primacy effect resolved)",
            HoldoutTrend.IMPROVES,
            new Point(14, 0.72, 0.03),
            List.of(new Point(30, 0.85, 0.05), new Point(60, 0.93, 0.07), new Point(90, 0.96, 0.08)));

    /** The three, in the seed's order. */
    public static List<Series> all() {
        return List.of(HOLDS, DECAYS, IMPROVES);
    }

    /** Whole counts for a point: units and conversions of the control and of the shipped treatment. */
    public record Counts(long nControl, long kControl, long nShipped, long kShipped) {}

    /**
     * {@code {"metrics": {event: {control: {n, k}, shipped: {n, k}}}}} (with {@code "inverse": true} if so).
     *
     * @param controlShare the share of units on the control (0.5 for the original test, 0.05 for a 5 % holdout)
     * @param inverse      lower is better: the treatment's rate falls by the point's lift
     */
    public static ObjectNode inputData(
            Point point, String event, String control, String shipped, double controlShare, boolean inverse) {
        Counts c = counts(point, controlShare, inverse);
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode metric = f.objectNode();
        metric.set(control, f.objectNode().put("n", c.nControl()).put("k", c.kControl()));
        metric.set(shipped, f.objectNode().put("n", c.nShipped()).put("k", c.kShipped()));
        if (inverse) {
            metric.put("inverse", true);
        }
        ObjectNode data = f.objectNode();
        data.set("metrics", f.objectNode().set(event, metric));
        return data;
    }

    /** As {@link #inputData(Point, String, String, String, double, boolean)}, higher is better. */
    public static ObjectNode inputData(Point point, String event, String control, String shipped, double controlShare) {
        return inputData(point, event, control, shipped, controlShare, false);
    }

    /**
     * The counts: with {@code z = Φ⁻¹(chance)} the lift's standard error must be {@code lift / z}; the delta method
     * gives the total that has it, and the totals around it are tried with whole counts, keeping the one whose chance
     * to win and lift (in units of 0.5 percentage points and 0.1 percentage points) are closest.
     */
    public static Counts counts(Point point, double controlShare, boolean inverse) {
        double lift = point.relativeLift();
        double z = StandardNormal.quantile(point.chanceToWin());
        if (!(lift > 0) || !(z > 0) || !(controlShare > 0 && controlShare < 1)) {
            throw new IllegalArgumentException("a point with a lift above 0 and a chance to win above 0.5: " + point);
        }
        double delta = inverse ? -lift : lift;
        double se = lift / z;
        double pa = BASELINE;
        double pb = pa * (1 + delta);
        double perUnit = (pb * (1 - pb) / (1 - controlShare) + pa * (1 - pa) * (1 + delta) * (1 + delta) / controlShare)
                / (pa * pa);
        long guess = Math.round(perUnit / (se * se));
        Counts best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (long total = Math.max(40, guess * 4 / 5); total <= guess * 5 / 4 + 40; total++) {
            long nA = Math.round(total * controlShare);
            long nB = total - nA;
            long kA = Math.round(pa * nA);
            long kB = Math.round((double) kA / nA * (1 + delta) * nB);
            if (kA <= 0 || kB <= 0 || kB >= nB) {
                continue;
            }
            double[] read = read(nA, kA, nB, kB, inverse);
            double error = Math.abs(read[0] - point.chanceToWin()) / 0.005 + Math.abs(read[1] - delta) / 0.001;
            if (error < bestError) {
                bestError = error;
                best = new Counts(nA, kA, nB, kB);
            }
        }
        return best;
    }

    /** The chance to win and relative lift the flat-prior analysis reads from these counts (CONTRACT §6). */
    static double[] read(long nA, long kA, long nB, long kB, boolean inverse) {
        double ma = (double) kA / nA;
        double mb = (double) kB / nB;
        double va = ma * (1 - ma);
        double vb = mb * (1 - mb);
        double lift = (mb - ma) / ma;
        double se = Math.sqrt(vb / (nB * ma * ma) + va * mb * mb / (nA * ma * ma * ma * ma));
        double chance = StandardNormal.cdf(lift / se);
        return new double[] {inverse ? 1 - chance : chance, lift};
    }
}
