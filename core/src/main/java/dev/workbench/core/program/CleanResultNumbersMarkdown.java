package dev.workbench.core.program;

import static dev.workbench.core.program.CleanResultFormat.change;
import static dev.workbench.core.program.CleanResultFormat.count;
import static dev.workbench.core.program.CleanResultFormat.decimal;
import static dev.workbench.core.program.CleanResultFormat.interval;
import static dev.workbench.core.program.CleanResultFormat.pValue;
import static dev.workbench.core.program.CleanResultFormat.percent;

import java.util.List;

/**
 * The numbers and checks sections of a clean result in Markdown: a table of units per variant and a table of effects
 * per metric (Bayesian: lift, 95 % interval, chance to win or of harm, risk; frequentist: lift, interval, p-values;
 * bandit: each arm's posterior mean, chance of being best and next weight), then the sample ratio, sample size and
 * interpretability checks. Every number is one the stored analysis holds, formatted by {@link CleanResultFormat}.
 */
final class CleanResultNumbersMarkdown {
    static final String BAYESIAN_LEGEND = "_Lift_: the treatment's change relative to the control (+10 % is a tenth"
            + " more). _95 % interval_: where the true lift lies with 95 % probability. _Chance to win_: the probability"
            + " that the treatment is better than the control; on a guardrail, _chance of harm_: that it is worse."
            + " _Risk if shipped_: the lift expected to be lost by shipping the treatment, should it be worse.";
    static final String FREQUENTIST_LEGEND = "_Lift_: the treatment's change relative to the control (+10 % is a"
            + " tenth more). _Interval_: the confidence interval at the level shown. _p-value_: how often a difference"
            + " at least this large would appear if the treatment changed nothing; _adjusted p_ corrects it for"
            + " comparing several treatments. _Significant_: the (adjusted) p-value is below alpha.";
    static final String BANDIT_LEGEND = "_Posterior mean_: the arm's estimated value of the metric. _Chance of being"
            + " best_: the probability that the arm is the best of all. _Next traffic weight_: the share of units the"
            + " next round sends to the arm (none during the burn-in).";

    private final StringBuilder md;

    CleanResultNumbersMarkdown(StringBuilder md) {
        this.md = md;
    }

    void numbers(CleanResultNumbers n) {
        md.append("Analysis: ")
                .append(engine(n))
                .append(", computed at ")
                .append(n.computedAt())
                .append('.');
        if (n.stale()) {
            md.append(" **Stale:** the data changed since; run the analysis again before reading these numbers.");
        }
        md.append("\n\n");
        if (n.bandit() != null) {
            bandit(n.bandit());
            return;
        }
        if (n.metrics().isEmpty()) {
            md.append("The stored analysis holds no metric section to show.\n\n");
        }
        for (CleanResultNumbers.Metric m : n.metrics()) {
            metric(m, n);
        }
        md.append("frequentist".equals(n.engine()) ? FREQUENTIST_LEGEND : BAYESIAN_LEGEND)
                .append("\n\n");
    }

    private static String engine(CleanResultNumbers n) {
        if ("frequentist".equals(n.engine()) && n.settings() != null) {
            CleanResultNumbers.Settings s = n.settings();
            return "frequentist (analyze-frequentist, alpha " + decimal(s.alpha())
                    + (s.sequential() ? ", sequential: valid however often it was looked at" : ", fixed-horizon")
                    + (s.correction() == null || "none".equals(s.correction())
                            ? ""
                            : ", " + s.correction() + " correction")
                    + ")";
        }
        return switch (String.valueOf(n.engine())) {
            case "bayesian" -> "Bayesian (analyze-bayesian)";
            case "frequentist" -> "frequentist (analyze-frequentist)";
            case "bandit" -> "bandit round (analyze-bandit)";
            default -> "of type " + n.engine();
        };
    }

    private void metric(CleanResultNumbers.Metric m, CleanResultNumbers n) {
        boolean proportion = "proportion".equals(m.metricType());
        md.append("### ")
                .append(m.guardrail() ? "Guardrail" : "Primary metric")
                .append(": `")
                .append(m.event())
                .append("` (")
                .append(kind(m.metricType()))
                .append(m.inverse() ? ", lower is better" : ", higher is better")
                .append(")\n\n");
        if (!m.variants().isEmpty()) {
            variants(m, proportion);
        }
        if (!m.effects().isEmpty()) {
            effects(m, n);
        }
        verdict(m);
    }

    private void variants(CleanResultNumbers.Metric m, boolean proportion) {
        md.append(
                proportion
                        ? "| variant | units | conversions | rate |\n|---|---:|---:|---:|\n"
                        : "| variant | units | mean |\n|---|---:|---:|\n");
        for (CleanResultNumbers.Arm a : m.variants()) {
            md.append("| ")
                    .append(a.variant())
                    .append(" | ")
                    .append(count(a.n()))
                    .append(" | ");
            md.append(proportion ? count(a.conversions()) + " | " + percent(a.rate()) : decimal(a.mean()));
            md.append(" |\n");
        }
        md.append('\n');
    }

    private void effects(CleanResultNumbers.Metric m, CleanResultNumbers n) {
        boolean frequentist = "frequentist".equals(n.engine());
        if (frequentist) {
            String level = n.settings() == null || n.settings().alpha() == null
                    ? "interval"
                    : percent(1 - n.settings().alpha()) + " interval";
            md.append("| treatment vs control | lift | ")
                    .append(level)
                    .append(" | p-value | adjusted p | significant |\n");
            md.append("|---|---:|---|---:|---:|---|\n");
        } else {
            md.append("| treatment vs control | lift | 95 % interval | ")
                    .append(m.guardrail() ? "chance of harm" : "chance to win")
                    .append(" | risk if shipped |\n|---|---:|---|---:|---:|\n");
        }
        for (CleanResultNumbers.Effect t : m.effects()) {
            md.append("| ").append(t.variant()).append(" | ");
            if (t.error() != null) {
                md.append("comparison failed: ").append(t.error()).append(frequentist ? " | | | | |\n" : " | | | |\n");
                continue;
            }
            md.append(change(t.lift()))
                    .append(" | ")
                    .append(interval(t.ciLower(), t.ciUpper()))
                    .append(" | ");
            if (frequentist) {
                md.append(pValue(t.pValue()))
                        .append(" | ")
                        .append(pValue(t.pValueAdjusted()))
                        .append(" | ")
                        .append(t.significant() == null ? "–" : t.significant() ? "yes" : "no");
            } else {
                Double chance = m.guardrail() ? t.pHarm() : t.chanceToWin();
                md.append(percent(chance)).append(" | ").append(percent(t.riskTrt()));
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    private void verdict(CleanResultNumbers.Metric m) {
        md.append("**Verdict:** ").append(m.verdict() == null ? "none on record" : m.verdict());
        if (m.rawVerdict() != null && !m.rawVerdict().equals(m.verdict())) {
            md.append(" (the numbers alone: ").append(m.rawVerdict()).append(')');
        }
        md.append("\n\n");
    }

    private static String kind(String metricType) {
        return switch (String.valueOf(metricType)) {
            case "proportion" -> "a conversion rate";
            case "continuous" -> "a mean per unit";
            case "ratio" -> "a ratio of two sums per unit";
            default -> "a metric";
        };
    }

    private void bandit(CleanResultNumbers.Bandit b) {
        md.append("### `")
                .append(b.metric())
                .append("` (")
                .append(b.algorithm() == null ? "bandit" : b.algorithm() + " sampling")
                .append(b.inverse() ? ", lower is better" : ", higher is better")
                .append(")\n\n| arm | units | posterior mean | chance of being best | next traffic weight |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (CleanResultNumbers.BanditArm a : b.arms()) {
            md.append("| ")
                    .append(a.arm())
                    .append(" | ")
                    .append(count(a.units()))
                    .append(" | ");
            md.append(decimal(a.mean()))
                    .append(" | ")
                    .append(percent(a.pBest()))
                    .append(" | ");
            md.append(percent(a.weight())).append(" |\n");
        }
        md.append("\n**Stop rule:** ");
        if (b.bestArm() == null) {
            md.append("not evaluated yet");
        } else {
            md.append(b.stopMet() ? "met: " : "not met: ")
                    .append('`')
                    .append(b.bestArm())
                    .append("` is best with ")
                    .append(percent(b.pBest()))
                    .append(" (threshold ")
                    .append(percent(b.threshold()))
                    .append(')');
        }
        md.append(". ")
                .append(b.updateMessage() == null ? "" : b.updateMessage())
                .append("\n\n");
        md.append(BANDIT_LEGEND).append("\n\n");
    }

    /** The checks: sample ratio, minimum sample, and whether the numbers may be read. */
    void checks(CleanResultNumbers n, CleanResult.Design design) {
        CleanResultNumbers.Srm srm = n.srm();
        md.append("- **Sample ratio (SRM):** ");
        if (srm == null) {
            md.append("not on record (an analysis from before the check)");
        } else if (srm.ok() == null) {
            md.append("not computed (no units yet)");
        } else {
            md.append("χ² p = ").append(pValue(srm.pValue()));
            md.append(
                    srm.ok()
                            ? ": the units split as planned"
                            : ", below 0.01: the units did not split as planned (sample ratio mismatch)");
        }
        md.append('\n');
        CleanResultNumbers.Sample sample = n.sample();
        Long minimum = sample != null && sample.minimumPerVariant() != null
                ? sample.minimumPerVariant()
                : design.minimumSample();
        md.append("- **Minimum sample:** ");
        if (minimum == null) {
            md.append("none set");
        } else {
            md.append(count(minimum)).append(" units per variant");
            if (sample != null && sample.ok() != null) {
                md.append(sample.ok() ? ", reached" : ", not reached");
                List<String> per = sample.variants().entrySet().stream()
                        .map(e -> e.getKey() + " " + count(e.getValue()))
                        .toList();
                md.append(per.isEmpty() ? "" : " (" + String.join(", ", per) + ")");
            }
        }
        md.append('\n');
        CleanResultNumbers.Checks checks = n.checks();
        md.append("- **Interpretable:** ");
        if (checks == null) {
            md.append("unknown: the analysis was stored before analyses carried checks");
        } else if (checks.interpretable()) {
            md.append("yes: the sample ratio and sample checks passed");
        } else {
            md.append("no: ").append(String.join("; ", checks.failed()));
        }
        md.append("\n\n");
    }
}
