package dev.workbench.core.program;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Learning;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A claim with what its experiments showed (the aw://claims/{slug} resource, and what a person reads before
 * approving its status): the experiments that name it ({@code claim: <slug>}) and their descendants through
 * {@code parent} (follow-ups, holdout checkpoints), each with its status, decision, the verdict of its stored
 * analysis, its learnings and, for a launched experiment with a holdout plan, the holdout trend.
 *
 * @param claim           the claim as stored
 * @param approved        whether its status other than {@code open} holds as a person's approved decision now
 * @param approvalProblem why the status does not hold (statement changed, signature does not verify); else null
 * @param experiments     the claim's experiments, each root (by slug) followed by its descendants
 */
public record ClaimRollup(Claim claim, boolean approved, String approvalProblem, List<Entry> experiments) {

    /**
     * One experiment in a claim's roll-up.
     *
     * @param analysisStale whether the stored analysis (whose verdict this is) is not of the stored data; null
     *                      without one
     * @param interpretable the stored analysis's {@code checks.interpretable} (false: its checks failed, so its
     *                      verdict cannot be read as a result); null without one or when it has no such check
     */
    public record Entry(
            String slug,
            String parent,
            String status,
            String decision,
            String decisionSummary,
            String verdict,
            Boolean analysisStale,
            Boolean interpretable,
            List<Learning> learnings,
            HoldoutReport holdout) {}

    /**
     * The experiments of each claim slug in {@code all}: those naming it, then their descendants through
     * {@code parent}, parents before children: a root is an experiment naming the claim none of whose ancestors
     * names it too (a follow-up inherits its parent's claim), so each root, in slug order, is followed by its
     * descendants, whatever their slugs. A record naming text that is no claim (written before claims were
     * records) is not rolled up under anything but its own text, which no claim has.
     */
    static Map<String, List<Experiment>> byClaim(List<Experiment> all) {
        Map<String, List<Experiment>> children = new HashMap<>();
        Map<String, Experiment> bySlug = new HashMap<>();
        for (Experiment e : all) {
            bySlug.put(e.slug(), e);
            if (e.parent() != null) {
                children.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, List<Experiment>> roots = new HashMap<>();
        for (Experiment e : all) {
            if (e.claim() != null && !ancestorNames(e, e.claim(), bySlug)) {
                roots.computeIfAbsent(e.claim(), k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, List<Experiment>> out = new HashMap<>();
        roots.forEach((claim, named) -> {
            Set<String> seen = new LinkedHashSet<>();
            List<Experiment> tree = new ArrayList<>();
            for (Experiment root : named) {
                walk(root, children, seen, tree);
            }
            out.put(claim, tree);
        });
        return out;
    }

    /**
     * Whether an ancestor of {@code e} (through {@code parent}) names {@code claim}: then {@code e}, a follow-up that
     * inherited the claim, is listed under that ancestor, not as a root of its own.
     */
    private static boolean ancestorNames(Experiment e, String claim, Map<String, Experiment> bySlug) {
        Set<String> seen = new HashSet<>(Set.of(e.slug()));
        Experiment up = e.parent() == null ? null : bySlug.get(e.parent());
        while (up != null && seen.add(up.slug())) {
            if (claim.equals(up.claim())) {
                return true;
            }
            up = up.parent() == null ? null : bySlug.get(up.parent());
        }
        return false;
    }

    private static void walk(
            Experiment e, Map<String, List<Experiment>> children, Set<String> seen, List<Experiment> tree) {
        if (!seen.add(e.slug())) {
            return; // a follow-up that names the claim itself is listed once, under its parent
        }
        tree.add(e);
        for (Experiment child : children.getOrDefault(e.slug(), List.of())) {
            walk(child, children, seen, tree);
        }
    }

    /** {@code e} as a roll-up shows it, with {@code holdout} its holdout report or null. */
    static Entry entry(Experiment e, HoldoutReport holdout) {
        return new Entry(
                e.slug(),
                e.parent(),
                e.status().wireName(),
                e.decision().choice(),
                e.decision().summary(),
                verdict(e.analysisResult()),
                e.analysisStale(),
                interpretable(e.analysisResult()),
                e.learnings(),
                holdout);
    }

    /** The primary metric's verdict of a stored analysis, or where a bandit stands; null without one. */
    static String verdict(JsonNode analysis) {
        if (analysis == null) {
            return null;
        }
        JsonNode verdict = analysis.path("primary_metric").path("verdict");
        if (verdict.isTextual()) {
            return verdict.asText();
        }
        JsonNode update = analysis.path("update_message");
        return update.isTextual() ? update.asText() : null;
    }

    /** The stored analysis's {@code checks.interpretable}; null without an analysis or such a check. */
    static Boolean interpretable(JsonNode analysis) {
        JsonNode interpretable =
                analysis == null ? null : analysis.path("checks").path("interpretable");
        return interpretable != null && interpretable.isBoolean() ? interpretable.asBoolean() : null;
    }

    /** What a person reads before deciding {@code proposed} for the claim: the statement and this roll-up. */
    String question(Claim.Status proposed, String statement, String feedback) {
        StringBuilder m = new StringBuilder("Set claim \"")
                .append(claim.slug())
                .append("\" to ")
                .append(proposed.wireName().toUpperCase(Locale.ROOT))
                .append("? (now ")
                .append(claim.status().wireName())
                .append(")\n\nClaim: ")
                .append(statement)
                .append('\n');
        if (feedback != null) {
            m.append("Why (the agent): ").append(feedback).append('\n');
        }
        m.append("\nExperiments (").append(experiments.size()).append("):\n");
        if (experiments.isEmpty()) {
            m.append("  none point to this claim yet\n");
        }
        for (Entry e : experiments) {
            m.append("  - ").append(e.slug());
            if (e.parent() != null) {
                m.append(" (follows ").append(e.parent()).append(')');
            }
            m.append(": ").append(e.status());
            if (e.decision() != null) {
                m.append(", decision \"").append(e.decision()).append('"');
            }
            if (e.verdict() != null) {
                m.append("; verdict: ").append(e.verdict());
                if (Boolean.TRUE.equals(e.analysisStale())) {
                    m.append(" (stale)");
                }
                if (Boolean.FALSE.equals(e.interpretable())) {
                    m.append(" (checks failed)");
                }
            }
            if (e.holdout() != null) {
                m.append("; holdout trend: ").append(e.holdout().trend().wireName());
                if (e.holdout().reason() != null) {
                    m.append(" (").append(e.holdout().reason()).append(')');
                }
            }
            m.append('\n');
            for (Learning l : e.learnings()) {
                m.append("      learned (")
                        .append(
                                l.confirmedOrRefuted() == null
                                        ? "?"
                                        : l.confirmedOrRefuted().name().toLowerCase(Locale.ROOT))
                        .append("): ")
                        .append(l.whatHappened())
                        .append('\n');
            }
        }
        return m.toString();
    }
}
