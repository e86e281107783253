package dev.workbench.core.stats;

import dev.workbench.core.stats.numeric.BanditWeights;
import dev.workbench.core.stats.numeric.BestArmProbabilities;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Where the bandit stands: burn-in, weights, the stop rule (CONTRACT §6) and a one-line message for the operator.
 *
 * @param enoughUnits   every arm has at least burnIn units
 * @param probabilities P(best) (and P(second)), or null while an arm has no units
 * @param weights       the new traffic weights, or null during burn-in / without probabilities
 * @param bestArm       index of the arm most likely best, or −1
 * @param stopMet       P(best) of that arm ≥ stopThreshold
 * @param message       what happened and what to do next
 */
record BanditState(
        boolean enoughUnits,
        BestArmProbabilities.Result probabilities,
        double[] weights,
        int bestArm,
        boolean stopMet,
        String message) {

    static BanditState of(
            List<ArmPosterior> arms, BestArmProbabilities.Result probabilities, BanditAnalysis.Options options) {
        long missing = 0;
        StringJoiner shortArms = new StringJoiner(", ");
        for (ArmPosterior arm : arms) {
            if (arm.n() < options.burnIn()) {
                missing += options.burnIn() - arm.n();
                shortArms.add(arm.arm() + " " + arm.n() + "/" + options.burnIn());
            }
        }
        boolean enough = missing == 0;
        int best = -1;
        if (probabilities != null) {
            best = 0;
            for (int i = 1; i < arms.size(); i++) {
                if (probabilities.best()[i] > probabilities.best()[best]) {
                    best = i;
                }
            }
        }
        boolean met = best >= 0 && probabilities.best()[best] >= options.stopThreshold();
        double[] weights = enough && probabilities != null
                ? BanditWeights.of(probabilities, options.topTwo(), options.minWeight())
                : null;
        String message = message(arms, probabilities, enough, missing, shortArms.toString(), best, met, options);
        return new BanditState(enough, probabilities, weights, best, met, message);
    }

    private static String message(
            List<ArmPosterior> arms,
            BestArmProbabilities.Result probabilities,
            boolean enough,
            long missing,
            String shortArms,
            int best,
            boolean met,
            BanditAnalysis.Options options) {
        if (!enough) {
            return "burn-in: " + missing + " more unit" + (missing == 1 ? "" : "s") + " needed before the weights move"
                    + " (at least " + options.burnIn() + " per arm; short: " + shortArms + "); keep the current split";
        }
        if (probabilities == null) {
            StringJoiner empty = new StringJoiner(", ");
            arms.stream().filter(a -> a.n() == 0).forEach(a -> empty.add(a.arm()));
            return "no units yet for " + empty
                    + "; weights are computed once every arm has data; keep the current split";
        }
        String lead = arms.get(best).arm() + " leads with P(best) = "
                + String.format(Locale.ROOT, "%.4f", probabilities.best()[best]);
        String update = "weights updated (" + options.allocation() + ", floor " + options.minWeight() + "): " + lead;
        return met
                ? update + "; stop rule met (P(best) ≥ " + options.stopThreshold() + "): consider ending the bandit"
                : update;
    }
}
