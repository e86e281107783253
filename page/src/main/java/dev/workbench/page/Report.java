package dev.workbench.page;

import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.run.RunRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aw report}: the dashboard's views as one self-contained HTML file, rendered through {@link Dashboard#page}
 * with {@link PageRequest#report()} so that it shows exactly what the served views show, without forms. Sections: the
 * overview, the review, each experiment ({@code #experiment-<slug>}), the newest {@link #MAX_RUNS} runs compared, each
 * with its provenance ({@code #run-<id>}), and the checkpoints. A view that is not there is left out.
 *
 * <p>Capped so that a project of 200 experiments and 10,000 runs stays under 2 MB: at most {@link #MAX_EXPERIMENTS}
 * experiment sections, most recently changed first, and no more once they take {@link #EXPERIMENT_BYTES}; the report
 * names the experiments it left out. The runs' sections likewise stop at {@link #RUN_BYTES}, the runs after that
 * listed by id; checkpoints are capped by their own view.
 */
public final class Report {
    /** At most this many experiments get a section of their own. */
    static final int MAX_EXPERIMENTS = 100;

    /** The experiments' sections stop once they take this many bytes (of a 2 MB budget for the whole file). */
    static final int EXPERIMENT_BYTES = 1_200_000;

    /** The runs table of the report shows the newest this many, each with its provenance section. */
    static final int MAX_RUNS = 100;

    /**
     * The runs' provenance sections stop once they take this many bytes (a run with many inputs and outputs is
     * large); the runs after that are listed by id under their anchors, so the table's links still land.
     */
    static final int RUN_BYTES = 500_000;

    private Report() {}

    /** How much the report holds: the constants above, smaller in tests. */
    record Budget(int maxExperiments, int experimentBytes, int maxRuns, int runBytes) {
        static final Budget DEFAULT = new Budget(MAX_EXPERIMENTS, EXPERIMENT_BYTES, MAX_RUNS, RUN_BYTES);
    }

    /** The report of {@code wb}'s project, stamped {@code generatedAt} (ISO-8601, shown as given). */
    public static String html(Workbench wb, String generatedAt) {
        return html(wb, generatedAt, Budget.DEFAULT);
    }

    static String html(Workbench wb, String generatedAt, Budget budget) {
        Dashboard dashboard = new Dashboard(wb);
        PageRequest request = PageRequest.report();
        List<Layout.Section> sections = new ArrayList<>();
        add(sections, "overview", dashboard.page("/", request));
        add(sections, "review", dashboard.page("/review", request));
        // One reading of the experiments' records and the journal for all their sections, not one per section.
        ExperimentReading reading = new ExperimentReading(wb);
        ExperimentView experiments = new ExperimentView(wb);
        List<String> left = new ArrayList<>();
        int bytes = 0;
        int shown = 0;
        for (String slug : byLastChange(wb, reading)) {
            if (shown >= budget.maxExperiments() || bytes >= budget.experimentBytes()) {
                left.add(slug);
                continue;
            }
            Optional<Page> page = experiments.render(slug, request, reading);
            if (page.isPresent()) {
                sections.add(new Layout.Section(Links.REPORT.experiment(slug).substring(1), page.get()));
                bytes += page.get().body().getBytes(StandardCharsets.UTF_8).length;
                shown++;
            }
        }
        if (!left.isEmpty()) {
            sections.add(new Layout.Section("experiments-left-out", leftOut(left, shown)));
        }
        // The runs table, and each of its runs' provenance under the anchor its row links to (#run-<id>): the records
        // read once for both.
        PageRequest runs = new PageRequest(Map.of("limit", Integer.toString(budget.maxRuns())), Links.REPORT, null);
        RunsView runsView = new RunsView(wb);
        RunsView.Shown shownRuns = runsView.shown(runs);
        sections.add(new Layout.Section("runs", runsView.page(shownRuns, runs)));
        int runBytes = 0;
        List<String> runsLeft = new ArrayList<>();
        for (RunRecord r : shownRuns.runs()) {
            if (runBytes >= budget.runBytes()) {
                runsLeft.add(r.id());
                continue;
            }
            String body = RunView.body(r, Links.REPORT);
            runBytes += body.getBytes(StandardCharsets.UTF_8).length;
            sections.add(
                    new Layout.Section(Links.REPORT.run(r.id()).substring(1), new Page("Run " + r.id(), "run", body)));
        }
        if (!runsLeft.isEmpty()) {
            sections.add(new Layout.Section("runs-left-out", runsLeftOut(runsLeft)));
        }
        add(sections, "checkpoints", dashboard.page(Links.SERVED.checkpoints(), request));
        String name = wb.project().get().name();
        return Layout.report(
                "Workbench report" + (name == null ? "" : ": " + name), "Generated " + generatedAt, sections);
    }

    private static void add(List<Layout.Section> sections, String anchor, Optional<Page> page) {
        page.ifPresent(p -> sections.add(new Layout.Section(anchor, p)));
    }

    /** The experiments' slugs, the most recently changed first; an unreadable record comes last. */
    private static List<String> byLastChange(Workbench wb, ExperimentReading reading) {
        Map<String, Experiment> records = reading.records();
        List<String[]> stamped = new ArrayList<>();
        for (String slug : wb.experiments().slugs()) {
            // an unreadable record is not among the records: its own view says what is wrong with it
            Experiment e = records.get(slug);
            String at = e == null || e.stamp() == null ? null : e.stamp().updatedAt();
            stamped.add(new String[] {slug, at == null ? "" : at});
        }
        stamped.sort(Comparator.comparing((String[] s) -> s[1]).reversed().thenComparing(s -> s[0]));
        return stamped.stream().map(s -> s[0]).toList();
    }

    /** The runs of the table whose provenance did not fit, each under the anchor its row links to. */
    private static Page runsLeftOut(List<String> ids) {
        Html h = new Html();
        h.el("h2", "Runs without a section in this report");
        h.el(
                "p",
                "To keep the file small, these " + ids.size() + " runs of the table have no provenance here; the served"
                        + " dashboard (aw serve --http) and aw://runs/<id> show it:",
                "class",
                "muted");
        h.open("ul", "data-test", "runs-left-out", "class", "muted");
        for (String id : ids) {
            h.open("li", "id", Links.REPORT.run(id).substring(1)).text(id).close("li");
        }
        h.close("ul");
        return new Page("Runs without a section", "run", h.toString());
    }

    private static Page leftOut(List<String> slugs, int shown) {
        Html h = new Html();
        h.el("h2", "Experiments not in this report");
        h.el(
                "p",
                "To keep the file small, it holds the " + shown + " most recently changed experiments; these "
                        + slugs.size() + " are on the served dashboard (aw serve --http):",
                "class",
                "muted");
        // Each under the anchor the other sections link to, so a link to a left-out experiment lands here.
        h.open("ul", "data-test", "left-out", "class", "muted");
        for (String slug : slugs) {
            h.open("li", "id", Links.REPORT.experiment(slug).substring(1))
                    .text(slug)
                    .close("li");
        }
        h.close("ul");
        return new Page("Experiments not in this report", "experiment", h.toString());
    }
}
