package dev.workbench.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
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
    public static final String ANALYSES = "aw://experiments/{slug}/analyses";
    public static final String JOURNAL = "aw://journal";
    public static final String CHECKPOINTS = "aw://checkpoints";
    public static final String CHECKPOINT = "aw://checkpoints/{name}";
    public static final String RUNS = "aw://runs";
    public static final String RUN = "aw://runs/{id}";
    public static final String COMPARISON = "aw://runs/comparison";
    public static final String RUNBOOK = "aw://runbook";
    public static final String STAGE_FILE = "aw://stages/{area}/{file}";
    public static final String ACTIVITY = "aw://activity";

    private static final List<ResourceInfo> RESOURCES = List.of(
            new ResourceInfo(PROJECT, "project", "Project state", "The project state and areas (.aw/status.json).", JSON),
            new ResourceInfo(EXPERIMENTS, "experiments", "Experiments", "Summaries of all experiments, in slug order.", JSON),
            new ResourceInfo(JOURNAL, "journal", "Decision journal", "The decisions logged, newest last.", MARKDOWN),
            new ResourceInfo(ACTIVITY, "activity", "Activity feed", "The latest activity entries, newest last.", JSON),
            new ResourceInfo(CHECKPOINTS, "checkpoints", "Checkpoints", "Every checkpoint, oldest first.", JSON),
            new ResourceInfo(RUNS, "runs", "Runs", "Every recorded run, oldest first.", JSON),
            new ResourceInfo(COMPARISON, "runs-comparison", "Run comparison",
                    "One row per run, params and metrics as columns, grouped by area.", MARKDOWN),
            new ResourceInfo(RUNBOOK, "runbook", "Runbook", "runbook.md as last written by write-runbook.", MARKDOWN));

    private static final List<ResourceInfo> TEMPLATES = List.of(
            new ResourceInfo(EXPERIMENT, "experiment", "Experiment record", "One experiment record by slug.", JSON),
            new ResourceInfo(ANALYSIS, "analysis", "Experiment analysis", "The stored analysisResult of an experiment.", JSON),
            new ResourceInfo(ANALYSES, "analyses", "Analysis history",
                    "Every stored analysis of an experiment, oldest first: n, lift, interval, chance to win, SRM p, bandit weights.", JSON),
            new ResourceInfo(CHECKPOINT, "checkpoint", "Checkpoint manifest",
                    "One checkpoint's manifest by name (e.g. 02_cleaned).", JSON),
            new ResourceInfo(RUN, "run", "Run record", "One recorded run by id.", JSON),
            new ResourceInfo(STAGE_FILE, "stage-file", "Review stage file",
                    "A file of .aw/stages/<area>/: status.json, manifest.json, review.json, review.md, approval.json, plan.md.",
                    "text/plain"));

    /** The URIs of the fixed resources (not templates). */
    public static final List<String> FIXED = RESOURCES.stream().map(ResourceInfo::uri).toList();
    /** The URI templates, with their {@code {variables}}. */
    public static final List<String> TEMPLATE_URIS = TEMPLATES.stream().map(ResourceInfo::uri).toList();

    private final Workbench wb;

    public WorkbenchResources(Workbench wb) {
        this.wb = wb;
    }

    public List<ResourceInfo> resources() {
        return RESOURCES;
    }

    public List<ResourceInfo> templates() {
        return TEMPLATES;
    }

    /**
     * Accepts exactly the URIs a client may subscribe to: a fixed resource, or an instance of a template whose
     * variable passes the rule the view applies (a slug, a run id, a checkpoint number or name, an area and one
     * of {@link dev.workbench.core.review.Stages#FILES}), whether or not the thing exists yet, since an experiment may be created after
     * the client subscribed to it.
     *
     * @throws WorkbenchException {@code NOT_FOUND} for a URI of no resource or template, {@code INVALID_INPUT}
     *                            for a variable that breaks its rule; the message names the URI, the field and the forms
     */
    public static void checkSubscribable(String uri) {
        ResourceUri.parse(uri);
    }

    public ResourceContent read(String uri) {
        ResourceUri u = ResourceUri.parse(uri);
        return switch (u.template()) {
            case PROJECT -> json(uri, wb.project().get());
            case EXPERIMENTS -> new ResourceContent(uri, JSON, fit(n -> pretty(experiments(n))));
            case JOURNAL -> new ResourceContent(uri, MARKDOWN, fit(this::journal));
            case ACTIVITY -> new ResourceContent(uri, JSON, fit(n -> pretty(wb.activity().recent(n))));
            case CHECKPOINTS -> new ResourceContent(uri, JSON, fit(n -> pretty(newest(wb.checkpoints().list(), n))));
            case RUNS -> new ResourceContent(uri, JSON, fit(n -> pretty(newest(
                    wb.runs().all().stream().map(r -> r.summary()).toList(), n))));
            case RUNBOOK -> new ResourceContent(uri, MARKDOWN, runbook());
            case COMPARISON -> new ResourceContent(uri, MARKDOWN, fit(n -> RunComparison.markdown(newest(wb.runs().all(), n))));
            case EXPERIMENT -> json(uri, wb.experiments().get(u.name()));
            case ANALYSIS -> json(uri, analysis(u.name()));
            case ANALYSES -> new ResourceContent(uri, JSON, fit(n -> pretty(analyses(u.name(), n))));
            case CHECKPOINT -> new ResourceContent(uri, JSON, checkpoint(wb.checkpoints().get(u.name())));
            case RUN -> json(uri, wb.runs().get(u.name()));
            case STAGE_FILE -> stageFile(uri, u.name(), u.file());
            default -> throw new IllegalStateException("no view for " + u.template());
        };
    }

    /** The stored analysis, with {@code analysisStale} beside its numbers: whether the data changed since it was computed. */
    private JsonNode analysis(String slug) {
        Experiment record = wb.experiments().get(slug);
        if (record.analysisResult() == null) {
            throw new WorkbenchException(ErrorCode.NOT_FOUND, "experiment \"" + slug
                    + "\" has no stored analysis yet; call analyze-bayesian or analyze-bandit with its slug");
        }
        com.fasterxml.jackson.databind.node.ObjectNode shown = record.analysisResult().deepCopy();
        shown.put(Experiment.ANALYSIS_STALE, record.analysisStale());
        return shown;
    }

    /** The latest {@code max} lines of {@code .aw/analyses/<slug>.jsonl}, oldest first, with how many there are. */
    private Object analyses(String slug, int max) {
        wb.experiments().get(slug); // NOT_FOUND for an experiment that does not exist
        List<JsonNode> lines = wb.experiments().history().recent(slug, max);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("experiment", slug);
        out.put("total", wb.experiments().history().count(slug));
        out.put("shown", lines.size());
        out.set("analyses", Json.toTree(lines));
        return out;
    }

    private ResourceContent stageFile(String uri, String area, String file) {
        if (file.equals("status.json")) {
            return json(uri, wb.stages().status(area)); // an area never executed reads as STALE; drifted artifacts too
        }
        String text = wb.stages().view(area, file).orElseThrow(() -> new WorkbenchException(ErrorCode.NOT_FOUND,
                "area \"" + area + "\" has no " + file + " yet"));
        return new ResourceContent(uri, file.endsWith(".md") ? MARKDOWN : JSON, cut(text));
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
