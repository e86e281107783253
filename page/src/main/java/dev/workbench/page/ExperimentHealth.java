package dev.workbench.page;

import static dev.workbench.page.ExperimentNodes.bool;
import static dev.workbench.page.ExperimentNodes.number;
import static dev.workbench.page.ExperimentNodes.text;
import static dev.workbench.page.ExperimentNodes.texts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.experiment.Contract;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Preregistration;
import dev.workbench.core.program.CleanResultFormat;
import dev.workbench.core.stats.report.Srm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The health panel, read before any number: whether the contract is frozen (and still hashes as frozen), the sample
 * ratio check, the units per variant against the minimum sample, and whether the stored analysis is of the data on
 * record. Each is a card with an ok / warn / bad badge and the numbers behind it.
 */
final class ExperimentHealth {
    private ExperimentHealth() {}

    static void render(Html h, Experiment e) {
        h.open("section", "data-test", "health", "aria-labelledby", ExperimentView.id(e.slug(), "health-title"));
        h.el("h2", "Health", "id", ExperimentView.id(e.slug(), "health-title"));
        h.open("div", "class", "cards");
        frozen(h, e);
        srm(h, e.analysisResult());
        sample(h, e);
        analysis(h, e);
        h.close("div").close("section");
    }

    private static void frozen(Html h, Experiment e) {
        card(h, "health-frozen", "Contract");
        Preregistration p = e.preregistration();
        if (p == null) {
            badge(h, "warn", "not frozen");
            detail(h, "a draft: its contract freezes when it starts collecting");
        } else {
            boolean same = e.contract().sha256().equals(p.sha256());
            badge(h, same ? "ok" : "bad", same ? "frozen" : "changed since frozen");
            h.open("div", "class", "muted").text("at " + Format.when(p.at()) + ", hash ");
            h.el("code", Format.shortHash(p.sha256()), "title", p.sha256(), "data-test", "preregistration-hash");
            h.close("div");
            if (!same) {
                detail(h, "the contract on record no longer hashes to the preregistration (edited by hand?)");
            }
            if (Boolean.TRUE.equals(p.dataBeforeFreeze())) {
                h.text(" ");
                badge(h, "warn", "data before the freeze");
            }
        }
        h.close("div");
    }

    private static void srm(Html h, JsonNode analysis) {
        card(h, "health-srm", "Sample ratio (SRM)");
        JsonNode srm = analysis == null ? null : analysis.get("srm");
        Double p = number(srm, "chi2_p_value");
        Boolean ok = bool(srm, "ok");
        if (srm == null || !srm.isObject()) {
            badge(h, "muted", "no check yet");
            detail(h, analysis == null ? "no stored analysis" : "the stored analysis has no SRM check");
        } else if (p == null || ok == null) {
            badge(h, "muted", "not computed");
            detail(h, "no units to check yet");
        } else {
            badge(h, ok ? "ok" : "bad", ok ? "passed" : "failed");
            String shown = CleanResultFormat.pValue(p);
            h.open("div").text(shown.startsWith("<") ? "χ² p " : "χ² p = ").el("span", shown, "data-test", "srm-p");
            h.text(
                    ok
                            ? ": the units split as planned"
                            : ": the units did not split as planned (p < "
                                    + java.math.BigDecimal.valueOf(Srm.ALPHA).toPlainString() + ")");
            h.close("div");
            String note = text(srm, "note");
            JsonNode period = srm.path("period");
            if (period.isObject()) {
                detail(
                        h,
                        "units since the previous round (" + Format.when(text(period, "from")) + " to "
                                + Format.when(text(period, "to")) + ")");
            }
            if (note != null) {
                detail(h, note);
            }
        }
        h.close("div");
    }

    private static void sample(Html h, Experiment e) {
        card(h, "health-sample", "Sample per variant");
        Contract c = e.contract();
        Long minimum = c.minimumSample();
        Map<String, Long> units = units(e);
        if (units.isEmpty()) {
            badge(h, "muted", "no data yet");
            detail(
                    h,
                    minimum == null
                            ? "no minimum set"
                            : "minimum " + CleanResultFormat.count(minimum) + " per variant");
            h.close("div");
            return;
        }
        boolean reached = minimum == null || units.values().stream().allMatch(n -> n >= minimum);
        badge(
                h,
                minimum == null ? "muted" : reached ? "ok" : "warn",
                minimum == null ? "no minimum set" : reached ? "minimum reached" : "below the minimum");
        h.open("ul");
        for (Map.Entry<String, Long> u : units.entrySet()) {
            h.open("li", "data-test", "sample-variant", "data-variant", u.getKey())
                    .text(u.getKey() + ": ");
            h.el("span", CleanResultFormat.count(u.getValue()), "data-test", "sample-n");
            if (minimum != null) {
                h.text(" of " + CleanResultFormat.count(minimum) + " minimum ");
                h.open(
                                "meter",
                                "min",
                                "0",
                                "max",
                                Long.toString(minimum),
                                "value",
                                Long.toString(Math.min(u.getValue(), minimum)),
                                "aria-label",
                                u.getKey() + " units against the minimum")
                        .close("meter");
            }
            h.close("li");
        }
        h.close("ul");
        if (c.minimumSampleBasis() != null) {
            detail(h, "minimum from: " + c.minimumSampleBasis());
        }
        h.close("div");
    }

    /** Units per variant of the primary metric in the data on record, control first (what the next analysis reads). */
    static Map<String, Long> units(Experiment e) {
        Map<String, Long> units = new LinkedHashMap<>();
        String primary = e.contract().primaryMetricEvent();
        if (e.inputData() == null || primary == null) {
            return units;
        }
        JsonNode metric = e.inputData().path("metrics").path(primary);
        for (String variant : e.contract().variants()) {
            Long n = ExperimentNodes.whole(metric.path(variant), "n");
            if (n != null) {
                units.put(variant, n);
            }
        }
        return units;
    }

    private static void analysis(Html h, Experiment e) {
        card(h, "health-analysis", "Analysis");
        JsonNode a = e.analysisResult();
        Boolean stale = e.analysisStale();
        if (stale == null) {
            badge(h, "muted", "none yet");
            detail(h, e.inputData() == null ? "no data on record yet" : "data on record, not analysed yet");
            h.close("div");
            return;
        }
        String recorded = text(a, Experiment.INPUT_SHA256);
        badge(h, stale ? "bad" : "ok", stale ? "stale" : "current");
        detail(h, ExperimentNodes.engine(text(a, "type")) + " analysis of " + Format.when(text(a, "computed_at")));
        if (stale) {
            h.el(
                    "div",
                    recorded == null
                            ? "why: the analysis records no hash of the data it read (stored before the Integrity"
                                    + " rules), so it cannot be shown to be of the data on record"
                            : "why: the data on record changed after the analysis (it read data hashing "
                                    + Format.shortHash(recorded) + ", the data now hashes "
                                    + Format.shortHash(Experiment.inputSha256(e.inputData()))
                                    + "); analyse again",
                    "data-test",
                    "stale-reason");
        }
        JsonNode checks = a.path("checks");
        if (checks.isObject()) {
            boolean interpretable = checks.path("interpretable").asBoolean();
            h.open("div").text("checks: ");
            List<String> reasons = texts(checks.path("reasons"));
            badge(h, interpretable ? "ok" : "bad", interpretable ? "interpretable" : "do not interpret");
            if (!interpretable && !reasons.isEmpty()) {
                h.text(" " + String.join("; ", reasons));
            }
            h.close("div");
        } else {
            detail(h, "the analysis stores no checks (an older version)");
        }
        h.close("div");
    }

    private static void card(Html h, String test, String title) {
        h.open("div", "class", "card", "data-test", test).el("div", title, "class", "muted");
    }

    static void badge(Html h, String kind, String text) {
        h.el("span", text, "class", "badge " + kind, "data-test", "badge");
    }

    private static void detail(Html h, String text) {
        h.el("div", text, "class", "muted");
    }
}
