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
 * names the experiments it left out. Runs and checkpoints are capped by their own views.
 */
public final class Report {
    /** At most this many experiments get a section of their own. */
    static final int MAX_EXPERIMENTS = 100;

    /** The experiments' sections stop once they take this many bytes (of a 2 MB budget for the whole file). */
    static final int EXPERIMENT_BYTES = 1_200_000;

    /** The runs table of the report shows the newest this many, each with its provenance section. */
    static final int MAX_RUNS = 100;

    private Report() {}

    /** The report of {@code wb}'s project, stamped {@code generatedAt} (ISO-8601, shown as given). */
    public static String html(Workbench wb, String generatedAt) {
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
            if (shown >= MAX_EXPERIMENTS || bytes >= EXPERIMENT_BYTES) {
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
        PageRequest runs = new PageRequest(Map.of("limit", Integer.toString(MAX_RUNS)), Links.REPORT, null);
        RunsView runsView = new RunsView(wb);
        RunsView.Shown shownRuns = runsView.shown(runs);
        sections.add(new Layout.Section("runs", runsView.page(shownRuns, runs)));
        for (RunRecord r : shownRuns.runs()) {
            sections.add(new Layout.Section(
                    Links.REPORT.run(r.id()).substring(1),
                    new Page("Run " + r.id(), "run", RunView.body(r, Links.REPORT))));
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
