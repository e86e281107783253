package dev.workbench.page;

import static dev.workbench.page.ExperimentNodes.number;
import static dev.workbench.page.ExperimentNodes.plotted;
import static dev.workbench.page.ExperimentNodes.text;
import static dev.workbench.page.ExperimentNodes.whole;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.program.CleanResultFormat;
import dev.workbench.page.svg.LinePlot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The section "Bandit": the latest round as stored (each arm's units, posterior mean, chance of being best and the
 * weight it set; the stop rule) and the weights of every stored round, one line per arm. During burn-in a round sets
 * no weights: its points are gaps.
 */
final class ExperimentBandit {
    private ExperimentBandit() {}

    /** Whether there is anything to show: a stored bandit analysis, or bandit rounds in the history. */
    static boolean applies(JsonNode analysis, List<JsonNode> history) {
        return "bandit".equals(text(analysis, "type"))
                || history.stream().anyMatch(l -> "bandit".equals(text(l, "type")));
    }

    static void render(Html h, String slug, JsonNode analysis, List<JsonNode> history, long historyCount) {
        h.open("section", "data-test", "bandit", "aria-labelledby", ExperimentView.id(slug, "bandit-title"));
        h.el("h2", "Bandit", "id", ExperimentView.id(slug, "bandit-title"));
        if ("bandit".equals(text(analysis, "type"))) {
            latest(h, slug, analysis);
        }
        List<JsonNode> rounds =
                history.stream().filter(l -> "bandit".equals(text(l, "type"))).toList();
        weights(h, slug, rounds, historyCount > history.size());
        h.close("section");
    }

    private static void latest(Html h, String slug, JsonNode a) {
        JsonNode stopping = a.path("stopping");
        h.el("p", text(a, "update_message"), "data-test", "bandit-message");
        h.open("div", "class", "scroll").open("table", "class", "data", "id", ExperimentView.id(slug, "bandit-arms"));
        Tables.head(h, "Arm", "Units", "Posterior mean", "Chance of being best", "Next weight");
        List<String> arms = new ArrayList<>();
        a.path("posteriors").fieldNames().forEachRemaining(arms::add);
        a.path("units").fieldNames().forEachRemaining(arm -> {
            if (!arms.contains(arm)) {
                arms.add(arm);
            }
        });
        for (String arm : arms) {
            h.open("tr", "data-test", "bandit-arm", "data-arm", arm);
            h.el("td", arm);
            h.el("td", CleanResultFormat.count(whole(a.path("units"), arm)), "class", "num");
            h.el("td", CleanResultFormat.decimal(number(a.path("posteriors").path(arm), "mean")), "class", "num");
            h.el(
                    "td",
                    CleanResultFormat.percent(number(a.path("best_arm_probabilities"), arm)),
                    "class",
                    "num",
                    "data-test",
                    "p-best");
            h.el(
                    "td",
                    CleanResultFormat.percent(number(a.path("bandit_weights"), arm)),
                    "class",
                    "num",
                    "data-test",
                    "weight");
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
        if (stopping.isObject()) {
            String best = text(stopping, "best_arm");
            h.el(
                    "p",
                    (stopping.path("met").asBoolean() ? "Stop rule met: " : "Stop rule not met yet: ")
                            + (best == null
                                    ? "no arm has a chance of being best yet"
                                    : best + " is best with " + CleanResultFormat.percent(number(stopping, "p_best")))
                            + " (threshold " + CleanResultFormat.percent(number(stopping, "threshold")) + ").",
                    "data-test",
                    "bandit-stopping");
        }
    }

    private static void weights(Html h, String slug, List<JsonNode> rounds, boolean cut) {
        h.open("div", "data-test", "bandit-weights");
        h.el("h3", "Weights per round");
        if (rounds.isEmpty()) {
            h.el("p", "No round in the analysis history yet.", "class", "muted").close("div");
            return;
        }
        List<String> arms = new ArrayList<>();
        for (JsonNode r : rounds) {
            r.path("bandit_weights").fieldNames().forEachRemaining(arm -> {
                if (!arms.contains(arm)) {
                    arms.add(arm);
                }
            });
        }
        ExperimentTimeAxis axis =
                ExperimentTimeAxis.of(rounds.stream().map(r -> text(r, "at")).toList(), "round");
        LinePlot plot = new LinePlot("Traffic weight of each arm at each round", axis.title(), "weight").yRange(0, 1);
        for (String arm : arms) {
            double[] ys = new double[rounds.size()];
            Arrays.fill(ys, Double.NaN);
            for (int i = 0; i < rounds.size(); i++) {
                ys[i] = plotted(number(rounds.get(i).path("bandit_weights"), arm));
            }
            plot.series(arm, axis.xs(), ys);
        }
        h.el(
                "p",
                rounds.size() + " round" + (rounds.size() == 1 ? "" : "s") + " in the analysis history"
                        + (cut ? " (its latest entries only)" : "")
                        + "; a round during burn-in sets no weights and shows as a gap.",
                "class",
                "muted");
        h.raw(plot.figure(
                "The weight each round set for each arm, the share of traffic it sends there next. The numbers are"
                        + " in the table below.",
                axis.format(),
                ExperimentNodes::axisShare));
        h.open("details").el("summary", "The weights of each round");
        h.open("div", "class", "scroll").open("table", "class", "data", "id", ExperimentView.id(slug, "bandit-rounds"));
        List<String> head = new ArrayList<>(List.of("Round", "Time"));
        arms.forEach(head::add);
        head.add("Best arm");
        Tables.head(h, head.toArray(String[]::new));
        for (int i = 0; i < rounds.size(); i++) {
            JsonNode r = rounds.get(i);
            h.open("tr", "data-test", "bandit-round");
            h.el("td", Integer.toString(i + 1), "class", "num");
            h.el("td", Format.when(text(r, "at")), "data-value", text(r, "at"));
            for (String arm : arms) {
                h.el("td", CleanResultFormat.percent(number(r.path("bandit_weights"), arm)), "class", "num");
            }
            JsonNode stopping = r.path("stopping");
            String best = text(stopping, "best_arm");
            h.el("td", best == null ? "–" : best + " (" + CleanResultFormat.percent(number(stopping, "p_best")) + ")");
            h.close("tr");
        }
        h.close("tbody").close("table").close("div").close("details").close("div");
    }
}
