package dev.workbench.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Check;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Method;
import dev.workbench.core.experiment.Status;
import dev.workbench.core.program.Claim;
import dev.workbench.core.program.CleanResultFormat;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The experiment view, {@code /experiments/<slug>}: what a person needs to follow one experiment without reading its
 * JSON, in the order they need it. Its name and hypothesis with its place in the program; the health panel (frozen
 * contract, SRM, sample against the minimum, analysis current or stale) before any number; then the lift per metric
 * and treatment, the lift over time, a bandit's weights, a launch's holdout trend; and what came of it (decision,
 * learnings, journal, its clean result's review). Sections without data say so in a line, or are left out where
 * they cannot apply. Every number is the stored one, formatted as the clean result formats it.
 *
 * <p>Cost: the record, the last {@value #HISTORY_MAX} history lines, the latest series line, the latest
 * {@value ExperimentOutcome#JOURNAL_LOOK_BACK} journal entries, the review stage's status, and every experiment
 * record's stored bytes once, parsing only those that hold this slug (to find the ones that follow from it); never the
 * runs.
 */
public final class ExperimentView {
    /** How many of the latest stored analyses the trend and the bandit's rounds read. */
    static final int HISTORY_MAX = 200;

    private final Workbench wb;

    public ExperimentView(Workbench wb) {
        this.wb = wb;
    }

    /** The view of the experiment {@code rest} names; empty (404) when it is not a slug on record. */
    public Optional<Page> render(String rest, PageRequest request) {
        return render(rest, request, new ExperimentReading(wb));
    }

    /** The view, reading what it shares with other experiments' views from {@code reading} (the report's). */
    Optional<Page> render(String rest, PageRequest request, ExperimentReading reading) {
        String slug = slug(rest);
        if (slug == null) {
            return Optional.empty();
        }
        Experiment e;
        try {
            Optional<Experiment> found = wb.experiments().find(slug);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            e = found.get();
        } catch (WorkbenchException unreadable) {
            Html h = new Html();
            h.el("h1", slug);
            h.el("p", "This record cannot be read: " + unreadable.getMessage(), "class", "notice bad");
            return Optional.of(new Page("Experiment " + slug, "experiment", h.toString()));
        }
        return Optional.of(new Page("Experiment " + slug, "experiment", body(e, request.links(), reading)));
    }

    private String body(Experiment e, Links links, ExperimentReading reading) {
        String slug = e.slug();
        List<JsonNode> history = wb.experiments().history().recent(slug, HISTORY_MAX);
        long historyCount = history.size() < HISTORY_MAX
                ? history.size()
                : wb.experiments().history().count(slug);
        Html h = new Html();
        h.open("article", "data-test", "experiment", "data-slug", slug);
        header(h, e, reading, links);
        ExperimentHealth.render(h, e);
        List<ExperimentLift> lifts = new ArrayList<>(ExperimentLift.of(e.analysisResult(), primary(e)));
        lifts.addAll(otherEngines(e, history));
        JsonNode analysis = e.analysisResult();
        boolean abAnalysis =
                analysis != null && analysis.isObject() && !"bandit".equals(ExperimentNodes.text(analysis, "type"));
        if (!lifts.isEmpty() || e.contract().method() != Method.BANDIT) {
            ExperimentLifts.render(
                    h, slug, abAnalysis ? analysis : null, lifts, Boolean.TRUE.equals(e.analysisStale()));
        }
        ExperimentTrend.render(h, e, history, historyCount, series(slug));
        if (ExperimentBandit.applies(analysis, history)) {
            ExperimentBandit.render(h, slug, analysis, history, historyCount);
        }
        if (e.lineage().holdout() != null) {
            ExperimentHoldout.render(h, wb.holdouts(), slug, e.lineage().holdout(), links);
        }
        ExperimentOutcome.decision(h, e);
        ExperimentOutcome.learnings(h, e);
        ExperimentOutcome.journal(h, reading, slug);
        ExperimentOutcome.cleanResult(h, wb, slug, links);
        h.close("article");
        return h.toString();
    }

    /** The title, hypothesis, status and the experiment's place in the program: parent, children, claim. */
    private void header(Html h, Experiment e, ExperimentReading reading, Links links) {
        h.el("h1", e.slug(), "data-test", "slug");
        h.open("p");
        ExperimentHealth.badge(h, statusKind(e.status()), e.status().wireName());
        h.text(" ");
        if (e.contract().method() != null) {
            h.el("span", method(e.contract().method()), "class", "muted", "data-test", "method");
        }
        h.close("p");
        h.open("p", "data-test", "hypothesis")
                .el("strong", "Hypothesis: ")
                .text(e.contract().hypothesis());
        h.close("p");
        h.open("dl", "class", "kv", "data-test", "lineage");
        if (e.contract().primaryMetricEvent() != null) {
            h.el("dt", "Primary metric").open("dd").text(e.contract().primaryMetricEvent());
            List<String> guardrails = e.contract().guardrailEvents();
            if (guardrails != null && !guardrails.isEmpty()) {
                h.text("; guardrails " + String.join(", ", guardrails));
            }
            h.close("dd");
        }
        if (!e.contract().variants().isEmpty()) {
            h.el("dt", "Variants").el("dd", variants(e));
        }
        if (e.parent() != null) {
            h.el("dt", e.lineage().checkpoint() ? "Holdout checkpoint of" : "Follows from");
            h.open("dd").link(links.experiment(e.parent()), e.parent(), "data-test", "parent");
            if (e.lineage().checkpoint()) {
                h.text(", day " + e.lineage().holdoutDay() + " after its launch");
            }
            h.close("dd");
        }
        children(h, e.slug(), reading, links);
        if (e.claim() != null) {
            h.el("dt", "Claim").open("dd", "data-test", "claim").text(e.claim());
            claim(e.claim())
                    .ifPresent(
                            c -> h.text(": " + c.statement() + " (" + c.status().wireName() + ")"));
            h.close("dd");
        }
        h.close("dl");
    }

    /** The experiments that name this one as their parent: holdout checkpoints by day, then follow-ups by slug. */
    private static void children(Html h, String slug, ExperimentReading reading, Links links) {
        List<Experiment> checkpoints = new ArrayList<>();
        List<Experiment> followUps = new ArrayList<>();
        for (Experiment child : reading.children(slug)) {
            (child.lineage().holdoutDay() == null ? followUps : checkpoints).add(child);
        }
        checkpoints.sort(Comparator.comparing(c -> c.lineage().holdoutDay()));
        Map<String, List<Experiment>> groups = new LinkedHashMap<>();
        groups.put("Holdout checkpoints", checkpoints);
        groups.put("Follow-ups", followUps);
        groups.forEach((title, list) -> {
            if (list.isEmpty()) {
                return;
            }
            h.el("dt", title).open("dd").open("ul");
            for (Experiment c : list) {
                h.open("li", "data-test", "child", "data-slug", c.slug());
                h.link(links.experiment(c.slug()), c.slug());
                h.text(" ");
                ExperimentHealth.badge(h, statusKind(c.status()), c.status().wireName());
                if (c.lineage().holdoutDay() != null) {
                    h.text(" day " + c.lineage().holdoutDay());
                } else if (c.contract().hypothesis() != null) {
                    h.el("span", " " + c.contract().hypothesis(), "class", "muted");
                }
                h.close("li");
            }
            h.close("ul").close("dd");
        });
    }

    /**
     * The latest history line of each A/B engine other than the one whose analysis the record holds, with its
     * primary metric's lifts: a Bayesian and a frequentist reading of the same data, side by side.
     */
    private static List<ExperimentLift> otherEngines(Experiment e, List<JsonNode> history) {
        String stored = ExperimentNodes.text(e.analysisResult(), "type");
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        for (JsonNode line : history) {
            String type = ExperimentNodes.text(line, "type");
            if (type != null
                    && !type.equals(stored)
                    && !"bandit".equals(type)
                    && line.path("treatments").size() > 0) {
                latest.put(type, line);
            }
        }
        String current = Experiment.inputSha256(e.inputData());
        List<ExperimentLift> lifts = new ArrayList<>();
        // the analyses read a metric's inverse from its input data; a history line does not keep it
        boolean inverse = e.inputData() != null
                && primary(e) != null
                && e.inputData()
                        .path("metrics")
                        .path(primary(e))
                        .path("inverse")
                        .asBoolean();
        latest.values().forEach(line -> lifts.addAll(ExperimentLift.ofHistory(line, primary(e), inverse, current)));
        return lifts;
    }

    private Optional<Claim> claim(String claim) {
        if (!Check.isSlug(claim)) {
            return Optional.empty(); // free text of an older record
        }
        try {
            return wb.claims().find(claim);
        } catch (WorkbenchException unreadable) {
            return Optional.empty();
        }
    }

    private JsonNode series(String slug) {
        try {
            return wb.backend().series().latest(slug).orElse(null);
        } catch (WorkbenchException unreadable) {
            return null;
        }
    }

    private static String primary(Experiment e) {
        return e.contract().primaryMetricEvent();
    }

    /**
     * The variants with the control marked and each one's share of the planned split. The store takes weights on any
     * positive scale ({a: 1, b: 3}), so a share is the weight over the sum of the variants' weights, as the
     * sample-ratio check reads them; names that are not variants do not count.
     */
    private static String variants(Experiment e) {
        StringBuilder b = new StringBuilder();
        Map<String, Double> weights = e.trafficWeights();
        double sum = 0;
        if (weights != null) {
            for (String v : e.contract().variants()) {
                Double w = weights.get(v);
                sum += w == null ? 0 : w;
            }
        }
        for (String v : e.contract().variants()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(v);
            if (v.equals(e.contract().controlVariant())) {
                b.append(" (control)");
            }
            if (weights != null && weights.get(v) != null && sum > 0) {
                b.append(" ").append(CleanResultFormat.percent(weights.get(v) / sum));
            }
        }
        return b.toString();
    }

    /** A method in words, as the experiment view and the overview name it. */
    static String method(Method m) {
        return switch (m) {
            case BAYESIAN_AB -> "Bayesian A/B test";
            case FREQUENTIST -> "frequentist A/B test";
            case BANDIT -> "multi-armed bandit";
        };
    }

    private static String statusKind(Status s) {
        return switch (s) {
            case DECIDED -> "ok";
            case DRAFT, COLLECTING, ANALYZING, ARCHIVED -> "muted";
        };
    }

    /**
     * An element id unique in a report that holds many experiments' views: {@code e_<slug>_<name>}. No slug holds an
     * underscore and no other anchor of the page starts with {@code e_}, so two experiments' ids never meet.
     */
    static String id(String slug, String name) {
        return "e_" + slug + "_" + name;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The slug in the rest of the path: one segment, percent-decoded, a valid slug; else null. */
    static String slug(String rest) {
        if (rest == null) {
            return null;
        }
        String s = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        if (s.contains("%")) {
            try {
                s = URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        return Check.isSlug(s) ? s : null;
    }
}
