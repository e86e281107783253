package dev.workbench.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The read-only views of {@code .aw/} that clients read as MCP resources (CONTRACT section 7). Every view
 * fits the response limit ({@link ResponseBudget}): long lists keep their newest or first entries and say how
 * many were left out. Records are refused at write time when they could not be read back within it.
 */
public final class WorkbenchResources {
    static final int MAX_LIST = 500;
    static final String JSON = "application/json";
    static final String MARKDOWN = "text/markdown";

    public static final String PROJECT = "aw://project";
    public static final String EXPERIMENTS = "aw://experiments";
    public static final String EXPERIMENT = "aw://experiments/{slug}";
    public static final String ANALYSIS = "aw://experiments/{slug}/analysis";
    public static final String JOURNAL = "aw://journal";
    public static final String CHECKPOINTS = "aw://checkpoints";
    public static final String CHECKPOINT = "aw://checkpoints/{name}";
    public static final String RUNS = "aw://runs";
    public static final String RUN = "aw://runs/{id}";
    public static final String COMPARISON = "aw://runs/comparison";
    public static final String RUNBOOK = "aw://runbook";
    public static final String STAGE_FILE = "aw://stages/{area}/{file}";
    public static final String ACTIVITY = "aw://activity";

    private final Workbench wb;

    public WorkbenchResources(Workbench wb) {
        this.wb = wb;
    }

    public List<ResourceInfo> resources() {
        return List.of(
                new ResourceInfo(PROJECT, "project", "Project state", "The project state and areas (.aw/status.json).", JSON),
                new ResourceInfo(EXPERIMENTS, "experiments", "Experiments", "Summaries of all experiments, in slug order.", JSON),
                new ResourceInfo(JOURNAL, "journal", "Decision journal", "The decisions logged, newest last.", MARKDOWN),
                new ResourceInfo(ACTIVITY, "activity", "Activity feed", "The latest activity entries, newest last.", JSON),
                new ResourceInfo(CHECKPOINTS, "checkpoints", "Checkpoints", "Every checkpoint, oldest first.", JSON),
                new ResourceInfo(RUNS, "runs", "Runs", "Every recorded run, oldest first.", JSON),
                new ResourceInfo(COMPARISON, "runs-comparison", "Run comparison",
                        "One row per run, params and metrics as columns, grouped by area.", MARKDOWN),
                new ResourceInfo(RUNBOOK, "runbook", "Runbook", "runbook.md as last written by write-runbook.", MARKDOWN));
    }

    public List<ResourceInfo> templates() {
        return List.of(new ResourceInfo(EXPERIMENT, "experiment", "Experiment record",
                "One experiment record by slug.", JSON),
                new ResourceInfo(ANALYSIS, "analysis", "Experiment analysis",
                        "The stored analysisResult of an experiment.", JSON),
                new ResourceInfo(CHECKPOINT, "checkpoint", "Checkpoint manifest",
                        "One checkpoint's manifest by name (e.g. 02_cleaned).", JSON),
                new ResourceInfo(RUN, "run", "Run record", "One recorded run by id.", JSON),
                new ResourceInfo(STAGE_FILE, "stage-file", "Review stage file",
                        "A file of .aw/stages/<area>/: status.json, manifest.json, review.json, review.md, approval.json, plan.md.",
                        "text/plain"));
    }

    public ResourceContent read(String uri) {
        return switch (uri) {
            case PROJECT -> json(uri, wb.project().get());
            case EXPERIMENTS -> new ResourceContent(uri, JSON, fit(n -> pretty(experiments(n))));
            case JOURNAL -> new ResourceContent(uri, MARKDOWN, fit(this::journal));
            case ACTIVITY -> new ResourceContent(uri, JSON, fit(n -> pretty(wb.activity().recent(n))));
            case CHECKPOINTS -> new ResourceContent(uri, JSON, fit(n -> pretty(newest(wb.checkpoints().list(), n))));
            case RUNS -> new ResourceContent(uri, JSON, fit(n -> pretty(newest(
                    wb.runs().all().stream().map(r -> r.summary()).toList(), n))));
            case RUNBOOK -> new ResourceContent(uri, MARKDOWN, runbook());
            case COMPARISON -> new ResourceContent(uri, MARKDOWN, fit(n -> RunComparison.markdown(newest(wb.runs().all(), n))));
            default -> readTemplate(uri);
        };
    }

    private ResourceContent readTemplate(String uri) {
        String prefix = "aw://experiments/";
        if (uri.startsWith("aw://checkpoints/")) {
            return new ResourceContent(uri, JSON, checkpoint(wb.checkpoints().get(uri.substring("aw://checkpoints/".length()))));
        }
        if (uri.startsWith("aw://stages/")) {
            String[] parts = uri.substring("aw://stages/".length()).split("/", -1);
            if (parts.length != 2) {
                throw new WorkbenchException(ErrorCode.NOT_FOUND, "no resource " + uri + "; use aw://stages/{area}/{file}");
            }
            if (parts[1].equals("status.json")) {
                return json(uri, wb.stages().status(parts[0])); // an area never executed reads as STALE
            }
            String text = wb.stages().read(parts[0], parts[1]).orElseThrow(() -> new WorkbenchException(ErrorCode.NOT_FOUND,
                    "area \"" + parts[0] + "\" has no " + parts[1] + " yet"));
            return new ResourceContent(uri, parts[1].endsWith(".md") ? MARKDOWN : JSON, cut(text));
        }
        if (uri.startsWith("aw://runs/")) {
            return json(uri, wb.runs().get(uri.substring("aw://runs/".length())));
        }
        String suffix = "/analysis";
        if (uri.startsWith(prefix) && uri.endsWith(suffix)) {
            String slug = Check.slug(uri.substring(prefix.length(), uri.length() - suffix.length()), "slug");
            JsonNode analysis = wb.experiments().get(slug).analysisResult();
            if (analysis == null) {
                throw new WorkbenchException(ErrorCode.NOT_FOUND, "experiment \"" + slug
                        + "\" has no stored analysis yet; call analyze-bayesian or analyze-bandit with its slug");
            }
            return json(uri, analysis);
        }
        if (uri.startsWith(prefix)) {
            String slug = Check.slug(uri.substring(prefix.length()), "slug");
            return json(uri, wb.experiments().get(slug));
        }
        throw new WorkbenchException(ErrorCode.NOT_FOUND, "no resource " + uri + "; list resources and templates to see what exists");
    }

    private Object experiments(int max) {
        Experiments.Page page = wb.experiments().page(null, max);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("total", page.total());
        out.put("shown", page.items().size());
        if (page.nextCursor() != null) {
            out.put("more", "call get-project with cursor " + page.nextCursor() + " for the rest");
        }
        out.set("items", Json.toTree(page.items()));
        return out;
    }

    private String journal(int max) {
        List<JournalEntry> entries = wb.journal().recent(max);
        long total = wb.journal().count();
        StringBuilder md = new StringBuilder("# Decision journal\n\n");
        if (entries.isEmpty()) {
            return md.append("No decisions logged yet (log-decision adds one).\n").toString();
        }
        if (total > entries.size()) {
            md.append("_The last ").append(entries.size()).append(" of ").append(total)
                    .append(" decisions; all are in .aw/journal.jsonl._\n\n");
        }
        for (JournalEntry e : entries) {
            md.append("## ").append(e.id()).append(". ").append(e.kind() == null ? "" : e.kind() + ": ")
                    .append(e.chosen()).append("\n\n");
            md.append("- **When:** ").append(e.at()).append('\n');
            if (e.area() != null) md.append("- **Area:** ").append(e.area()).append('\n');
            if (e.experiment() != null) md.append("- **Experiment:** ").append(e.experiment()).append('\n');
            md.append("- **Context:** ").append(e.context()).append('\n');
            md.append("- **Options:** ").append(String.join("; ", e.options())).append('\n');
            md.append("- **Rationale:** ").append(e.rationale()).append("\n\n");
        }
        return md.toString();
    }

    /** runbook.md as written, cut to fit a response; the whole file is at the root. */
    private String runbook() {
        java.nio.file.Path file = wb.store().root().resolve(dev.workbench.core.runbook.RunbookStatus.FILE);
        if (!java.nio.file.Files.exists(file)) {
            throw new WorkbenchException(ErrorCode.NOT_FOUND, "runbook.md does not exist yet; call write-runbook");
        }
        try {
            return cut(java.nio.file.Files.readString(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Text cut at a line end to fit a response, saying so. */
    private static String cut(String text) {
        if (ResponseBudget.fitsResource(text)) {
            return text;
        }
        String note = "\n\n_(cut to fit one response; the whole file is on disk)_\n";
        int end = text.length();
        while (end > 0 && !ResponseBudget.fitsResource(text.substring(0, end) + note)) {
            end = text.lastIndexOf('\n', Math.max(0, end - Math.max(1, end / 10)));
            end = end < 0 ? 0 : end;
        }
        return text.substring(0, end) + note;
    }

    /** The manifest, with its file list cut to fit the response limit (the whole list is in the file). */
    private static String checkpoint(Checkpoint c) {
        return fit(n -> {
            if (n >= c.entries().size()) {
                return pretty(c);
            }
            ObjectNode out = (ObjectNode) Json.toTree(c);
            out.set("entries", Json.toTree(c.entries().subList(0, n)));
            out.put("entriesShown", n);
            out.put("entriesTotal", c.entries().size());
            out.put("more", "the full list is in .aw/checkpoints/" + c.name() + ".json");
            return pretty(out);
        });
    }

    private static <T> List<T> newest(List<T> all, int n) {
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** Renders {@code n} entries, halving {@code n} until the text fits the response limit. */
    private static String fit(IntFunction<String> render) {
        for (int n = MAX_LIST; ; n /= 2) {
            String text = render.apply(n);
            if (n == 0 || ResponseBudget.fitsResource(text)) {
                return text;
            }
        }
    }

    private static String pretty(Object value) {
        return new String(Json.toFileBytes(value), StandardCharsets.UTF_8);
    }

    private static ResourceContent json(String uri, Object value) {
        return new ResourceContent(uri, JSON, pretty(value));
    }
}
