package dev.workbench.core.stats;

import static dev.workbench.core.stats.numeric.Decimals.finite;

import dev.workbench.core.stats.report.BanditResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link BanditResult} of analyze-bandit from the arms' posteriors, the bandit's state and its SRM check.
 * Every number passes {@link dev.workbench.core.stats.numeric.Decimals} on its way in, named by its key.
 */
final class BanditReport {
    private BanditReport() {}

    static BanditResult write(
            ExperimentSpec spec,
            Metric metric,
            BanditAnalysis.Options options,
            BanditSrm srm,
            List<ArmPosterior> arms,
            BanditState state,
            Instant computedAt) {
        Map<String, Long> units = new LinkedHashMap<>();
        arms.forEach(arm -> units.put(arm.arm(), arm.n()));
        BanditResult.BanditSrm srmResult = srm.toResult();
        Map<String, BanditResult.Posterior> posteriors = new LinkedHashMap<>();
        for (ArmPosterior arm : arms) {
            posteriors.put(
                    arm.arm(),
                    arm.estimate() == null
                            ? new BanditResult.Posterior(null, null)
                            : new BanditResult.Posterior(
                                    finite(arm.estimate().mean(), "mean"),
                                    finite(arm.estimate().variance(), "variance")));
        }
        Map<String, Double> best = perArm(
                arms,
                state.probabilities() == null ? null : state.probabilities().best());
        Map<String, Double> weights = perArm(arms, state.weights());
        BanditResult.Stopping stopping = state.bestArm() < 0
                ? new BanditResult.Stopping(state.stopMet(), null, null, finite(options.stopThreshold(), "threshold"))
                : new BanditResult.Stopping(
                        state.stopMet(),
                        arms.get(state.bestArm()).arm(),
                        finite(state.probabilities().best()[state.bestArm()], "p_best"),
                        finite(options.stopThreshold(), "threshold"));
        return new BanditResult(
                BanditResult.TYPE,
                spec.slug(),
                computedAt.toString(),
                metric.event(),
                metric.inverse(),
                options.allocation(),
                units,
                srmResult,
                srmResult.chi2PValue(),
                state.enoughUnits(),
                state.message(),
                posteriors,
                best,
                weights,
                stopping,
                checks(srm, state).toResult(),
                null);
    }

    /**
     * The bandit's checks: srm_ok from its SRM check (true when nothing was there to test); sample_ok when burn-in
     * is done and every arm has units, i.e. when the weights could be computed.
     */
    static Checks checks(BanditSrm srm, BanditState state) {
        return new Checks(srm.check().ok(), state.enoughUnits() && state.probabilities() != null);
    }

    private static Map<String, Double> perArm(List<ArmPosterior> arms, double[] values) {
        if (values == null) {
            return null;
        }
        Map<String, Double> byArm = new LinkedHashMap<>();
        for (int i = 0; i < arms.size(); i++) {
            byArm.put(arms.get(i).arm(), finite(values[i], arms.get(i).arm()));
        }
        return byArm;
    }
}
