package dev.workbench.core.program;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.stats.PriorBounds;
import dev.workbench.core.stats.report.BayesianResult;
import java.util.Locale;

/**
 * The prior a follow-up takes from its parent, by the seed's rule (featbit-release-decision-agent
 * {@code skills/experiment-workspace/SKILL.md}, step 7): "If the user ran a pilot phase (separate experiment window)
 * and has its {@code analysisResult}: read {@code μ_rel} and {@code se} from it and use those as the prior — but only
 * if the pilot data will not be included in the new experiment's {@code inputData}"; and
 * {@code references/analysis-bayesian-usage-patterns.md}: "the data from phase A and phase B must never overlap".
 *
 * <p>The parent's current Bayesian analysis stores its posterior on the relative lift of the primary metric per
 * treatment: {@code relative_change} (its mean) and {@code se_rel} (its standard deviation) of
 * {@link BayesianResult.PrimaryComparison}. With the parent's default flat prior they are the seed's μ_rel and se;
 * with a proper prior they are the posterior, which is what a prior for new, separate data should be. The seed derives
 * se from the interval, (ci_upper − ci_lower)/(2·1.96), because its output did not show se; here it is stored. The
 * treatment is the one launched when the parent has a holdout plan naming its {@code shippedVariant} (what the
 * follow-up builds on is what shipped, not what merely scored best), else the one with the highest chance to win (the
 * only one, usually); {@code why} says which. No prior, with the reason: when the
 * data would be reused, when there is no current Bayesian analysis, when its checks failed (its posterior is not
 * evidence), or when the numbers fall outside {@link PriorBounds}. Without one the follow-up says {@code priorProper:
 * false}, the seed's "flat prior, the safe default".
 *
 * @param proper    whether the follow-up has a proper prior
 * @param mean      the prior mean of the relative lift, or null
 * @param stddev    the prior standard deviation, or null
 * @param treatment the parent's treatment it was read from, or null
 * @param why       where it came from, or why there is none
 */
public record FollowUpPrior(boolean proper, Double mean, Double stddev, String treatment, String why) {

    /** What the seed's rule says, quoted in every answer. */
    static final String RULE = "the seed's rule (experiment-workspace SKILL.md): a pilot's μ_rel and se as the prior,"
            + " \"only if the pilot data will not be included in the new experiment's inputData\"";

    /**
     * The parent's posterior on the primary metric's relative lift, for the treatment it was launched with or else its
     * best one; {@code chosen} says which (for {@code why}).
     */
    record Posterior(String treatment, double mean, double stddev, double chanceToWin, String chosen) {}

    /**
     * The parent's posterior, or null with the reason in {@code missing[0]}: a current, interpretable Bayesian
     * analysis with at least one treatment compared.
     */
    static Posterior posterior(Experiment parent, String[] missing) {
        JsonNode result = parent.analysisResult();
        if (result == null || result.isNull()) {
            missing[0] = "\"" + parent.slug() + "\" has no stored analysis";
            return null;
        }
        if (!BayesianResult.TYPE.equals(result.path("type").asText())) {
            missing[0] = "the current analysis of \"" + parent.slug() + "\" is "
                    + result.path("type").asText("?")
                    + ", not bayesian: it has no posterior (run analyze-bayesian on it for one)";
            return null;
        }
        if (!Boolean.FALSE.equals(parent.analysisStale())) {
            missing[0] = "the Bayesian analysis of \"" + parent.slug() + "\" is stale: its data changed since";
            return null;
        }
        if (!result.path("checks").path("interpretable").asBoolean(false)) {
            missing[0] = "the Bayesian analysis of \"" + parent.slug()
                    + "\" failed its checks (checks.interpretable is not true): its posterior is not evidence";
            return null;
        }
        Holdout holdout = parent.lineage().holdout();
        String shipped = holdout == null ? null : holdout.shippedVariant();
        Posterior best = null;
        Posterior launched = null;
        for (JsonNode c : result.path("primary_metric").path("comparisons")) {
            boolean compared = c.path("error").isNull()
                    && c.path("relative_change").isNumber()
                    && c.path("se_rel").isNumber()
                    && c.path("chance_to_win").isNumber();
            if (!compared) {
                continue;
            }
            String variant = c.path("variant").asText();
            if (variant.equals(shipped)) {
                launched = posterior(c, "the shipped variant, named by the holdout plan");
            }
            if (best == null || c.path("chance_to_win").asDouble() > best.chanceToWin()) {
                best = posterior(c, "the highest");
            }
        }
        if (launched != null) {
            return launched;
        }
        if (best == null) {
            missing[0] = "no treatment of \"" + parent.slug() + "\" could be compared with its control";
        } else if (shipped != null) {
            best = new Posterior(
                    best.treatment(),
                    best.mean(),
                    best.stddev(),
                    best.chanceToWin(),
                    "the highest; the shipped variant " + shipped + " could not be compared");
        }
        return best;
    }

    private static Posterior posterior(JsonNode comparison, String chosen) {
        return new Posterior(
                comparison.path("variant").asText(),
                comparison.path("relative_change").asDouble(),
                comparison.path("se_rel").asDouble(),
                comparison.path("chance_to_win").asDouble(),
                chosen);
    }

    /** The prior for a follow-up of {@code parent}; see the type's description. */
    static FollowUpPrior of(Experiment parent, Posterior posterior, String missing, boolean reuseData) {
        if (reuseData) {
            return none("reuseData is true: the follow-up would re-read the data of \"" + parent.slug()
                    + "\", and a prior from that data would count it twice; " + RULE);
        }
        if (posterior == null) {
            return none(missing + "; " + RULE + ", read from a current Bayesian analysis");
        }
        try {
            PriorBounds.liftMean(posterior.mean(), "priorMean");
            PriorBounds.liftStddev(posterior.stddev(), "priorStddev");
        } catch (WorkbenchException e) {
            return none("the posterior of \"" + parent.slug() + "\" is outside the prior's bounds: " + e.getMessage());
        }
        String event = parent.contract().primaryMetricEvent();
        return new FollowUpPrior(
                true,
                posterior.mean(),
                posterior.stddev(),
                posterior.treatment(),
                String.format(
                        Locale.ROOT,
                        "the posterior of \"%s\" on the relative lift of %s for %s (chance to win %.4f, %s):"
                                + " relative_change %s as priorMean and se_rel %s as priorStddev, from its current"
                                + " Bayesian analysis; %s. The follow-up's data must come from its own window, after"
                                + " the parent's",
                        parent.slug(),
                        event,
                        posterior.treatment(),
                        posterior.chanceToWin(),
                        posterior.chosen(),
                        posterior.mean(),
                        posterior.stddev(),
                        RULE));
    }

    private static FollowUpPrior none(String why) {
        return new FollowUpPrior(
                false, null, null, null, "no prior (priorProper: false, the seed's flat prior): " + why);
    }
}
