package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Writes {@code analysisResult} of analyze-bandit, keys in the order CONTRACT §6 lists them, plus {@code units}
 * (cumulative units per arm, what the next round's SRM check subtracts) and {@code checks}; numbers unrounded.
 */
final class BanditReport {
    private BanditReport() {
    }

    static ObjectNode write(ExperimentSpec spec, Metric metric, BanditAnalysis.Options options, BanditSrm srm,
                            List<ArmPosterior> arms, BanditState state, Instant computedAt) {
        ObjectNode out = JsonOutput.object();
        out.put("type", "bandit");
        out.put("experiment", spec.slug());
        out.put("computed_at", computedAt.toString());
        out.put("metric", metric.event());
        out.put("inverse", metric.inverse());
        out.put("algorithm", options.allocation());
        ObjectNode units = out.putObject("units");
        arms.forEach(arm -> units.put(arm.arm(), arm.n()));
        ObjectNode srmNode = srm.toJson();
        out.set("srm", srmNode);
        out.set("srm_p_value", srmNode.get("chi2_p_value"));
        out.put("enough_units", state.enoughUnits());
        out.put("update_message", state.message());
        ObjectNode posteriors = out.putObject("posteriors");
        for (ArmPosterior arm : arms) {
            ObjectNode entry = posteriors.putObject(arm.arm());
            if (arm.estimate() == null) {
                entry.putNull("mean");
                entry.putNull("variance");
            } else {
                JsonOutput.put(entry, "mean", arm.estimate().mean());
                JsonOutput.put(entry, "variance", arm.estimate().variance());
            }
        }
        perArm(out, "best_arm_probabilities", arms, state.probabilities() == null ? null : state.probabilities().best());
        perArm(out, "bandit_weights", arms, state.weights());
        ObjectNode stopping = out.putObject("stopping");
        stopping.put("met", state.stopMet());
        if (state.bestArm() < 0) {
            stopping.putNull("best_arm");
            stopping.putNull("p_best");
        } else {
            stopping.put("best_arm", arms.get(state.bestArm()).arm());
            JsonOutput.put(stopping, "p_best", state.probabilities().best()[state.bestArm()]);
        }
        JsonOutput.put(stopping, "threshold", options.stopThreshold());
        out.set("checks", checks(srm, state).toJson());
        return out;
    }

    /**
     * The bandit's checks: srm_ok from its SRM check (true when nothing was there to test); sample_ok when burn-in
     * is done and every arm has units, i.e. when the weights could be computed.
     */
    static Checks checks(BanditSrm srm, BanditState state) {
        return new Checks(srm.check().ok(), state.enoughUnits() && state.probabilities() != null);
    }

    private static void perArm(ObjectNode out, String key, List<ArmPosterior> arms, double[] values) {
        if (values == null) {
            out.putNull(key);
            return;
        }
        ObjectNode node = out.putObject(key);
        for (int i = 0; i < arms.size(); i++) {
            JsonOutput.put(node, arms.get(i).arm(), values[i]);
        }
    }
}
