package dev.workbench.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.journal.Journal;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.project.Project;
import dev.workbench.core.stats.MetricData;
import dev.workbench.core.store.file.FileEventLogs;
import dev.workbench.core.workspace.Store;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The experiment records under {@code .aw/experiments/} and the rules of their lifecycle (CONTRACT section 2). */
public final class Experiments {
    public static final String DIR = "experiments";

    private final Store store;
    private final Project project;
    private final ActivityLog activity;
    private final AnalysisHistory history;

    public Experiments(Store store, Project project, ActivityLog activity) {
        this.store = store;
        this.project = project;
        this.activity = activity;
        this.history = new AnalysisHistory(store);
    }

    /** Every stored analysis, one line each: {@code .aw/analyses/<slug>.jsonl}. */
    public AnalysisHistory history() {
        return history;
    }

    private static String file(String slug) {
        return DIR + "/" + slug + ".json";
    }

    public Optional<Experiment> find(String slug) {
        return store.read(file(slug), Experiment.class);
    }

    public Experiment get(String slug) {
        return find(slug).orElseThrow(() -> new WorkbenchException(ErrorCode.NOT_FOUND,
                "no experiment \"" + slug + "\"; call get-project to list experiments, or upsert-experiment to create it"));
    }

    public long count() {
        return slugs().size();
    }

    /** The slugs of the stored records, sorted, from the folder listing alone (no record is read); files whose names are not slugs are not records. */
    public List<String> slugs() {
        List<String> slugs = new ArrayList<>();
        for (String name : store.list(DIR, ".json")) {
            String slug = name.substring(0, name.length() - ".json".length());
            if (Check.isSlug(slug)) {
                slugs.add(slug);
            }
        }
        return slugs;
    }

    /** The stored record and whether this call created it. */
    public record Upserted(Experiment experiment, boolean created) {}

    /** Creates or patches a record, enforcing the lifecycle, the frozen contract and the data shapes. */
    public Upserted upsert(ExperimentPatch patch) {
        return store.transaction(() -> {
            Optional<Experiment> existing = find(patch.slug());
            long stored = existing.map(Experiment::revision).orElse(0L);
            if (patch.expectedRevision() != null && patch.expectedRevision() != stored) {
                throw new WorkbenchException(ErrorCode.CONFLICT, "experiment \"" + patch.slug() + "\" is at revision "
                        + stored + ", not " + patch.expectedRevision() + "; call get-experiment and apply the change again");
            }
            String now = store.now();
            Experiment before = existing.orElseGet(() -> blank(patch.slug()));
            Experiment merged = merge(before, patch);
            Status target = patch.status() == null ? before.status() : patch.status();
            checkFrozen(before, merged);
            checkDataAllowed(before, patch, target);
            if (patch.override() != null && target != Status.DECIDED) {
                throw Check.invalid("override", "only with status: decided (it lets a decision pass a failed gate)",
                        "status " + target.wireName());
            }
            merged = transition(before, merged, target, now, patch.override());
            checkConsistent(merged, before.preregistration() != null);
            if (existing.isPresent() && merged.equals(before)) {
                return new Upserted(before, false);
            }
            Experiment next = merged.withRevision(before.revision() + 1, existing.isPresent() ? before.createdAt() : now, now);
            byte[] bytes = fitting(next);
            // The record first: it is authoritative and carries the override itself; a journal line written before
            // it could tell of a decision that a failed write never made.
            store.writeBytes(file(patch.slug()), bytes);
            if (next.override() != null && before.override() == null) {
                journalOverride(next);
            }
            activity.append(now, activityType(existing.isEmpty(), before.status(), next.status()),
                    activityTitle(existing.isEmpty(), before, next), null);
            return new Upserted(next, existing.isEmpty());
        });
    }

    /**
     * Stores an analysis result bound to the data it read ({@code input_sha256}, see {@link Experiment#inputSha256})
     * and appends it to the history; moves {@code collecting} to {@code analyzing}. The caller analysed the record
     * as it is now: it holds the store's lock from reading the record to this call.
     */
    public Experiment storeAnalysis(String slug, ObjectNode result, Long expectedRevision,
                                    String activityTitle) {
        return store.transaction(() -> {
            Experiment current = get(slug);
            if (expectedRevision != null && expectedRevision != current.revision()) {
                throw new WorkbenchException(ErrorCode.CONFLICT, "experiment \"" + slug + "\" is at revision "
                        + current.revision() + ", not " + expectedRevision + "; call get-experiment and analyse again");
            }
            requireAnalysable(current, false);
            String now = store.now();
            Status status = current.status() == Status.COLLECTING ? Status.ANALYZING : current.status();
            Experiment next = current.withAnalysis(Experiment.boundTo(result, current.inputData()))
                    .withLifecycle(status, current.preregistration(), current.observationEnd())
                    .withRevision(current.revision() + 1, current.createdAt(), now);
            byte[] bytes = fitting(next);
            store.writeBytes(file(slug), bytes); // then the history: it never holds a revision that was not written
            history.append(next, next.revision(), next.analysisResult());
            activity.append(now, "experiment.analyzed", activityTitle, null);
            return next;
        });
    }

    /**
     * The file form of a record, refused with {@code INPUT_TOO_LARGE} before anything is written when the record
     * could not be read back within the response limit, as a tool result or as a resource.
     */
    private static byte[] fitting(Experiment e) {
        ObjectNode stored = (ObjectNode) Json.toTree(e);
        stored.remove(Experiment.ANALYSIS_STALE); // derived on every read, never stored
        byte[] bytes = Json.toFileBytes(stored);
        int tool = ResponseBudget.toolResponse(e) + 20; // + "created"
        int resource = ResponseBudget.resource(new String(bytes, StandardCharsets.UTF_8));
        if (Math.max(tool, resource) > ResponseBudget.LIMIT) {
            throw new WorkbenchException(ErrorCode.INPUT_TOO_LARGE, "experiment \"" + e.slug() + "\" would take "
                    + Math.max(tool, resource) + " bytes to send back, over the " + ResponseBudget.LIMIT
                    + "-byte response limit; keep raw data in files and record aggregates in inputData");
        }
        return bytes;
    }

    /** A page of summaries in slug order, after the slug encoded in {@code cursor}. */
    public record Page(List<ExperimentSummary> items, int total, String nextCursor) {}

    public Page page(String cursor, int limit) {
        List<String> slugs = slugs();
        int start = 0;
        if (cursor != null) {
            int pos = java.util.Collections.binarySearch(slugs, decodeCursor(cursor));
            start = pos >= 0 ? pos + 1 : -pos - 1;
        }
        List<ExperimentSummary> items = new ArrayList<>();
        int end = Math.min(slugs.size(), start + limit);
        for (String slug : slugs.subList(start, end)) {
            try {
                find(slug).ifPresent(e -> items.add(ExperimentSummary.of(e)));
            } catch (WorkbenchException e) {
                items.add(ExperimentSummary.unreadable(slug, e.getMessage()));
            }
        }
        String next = end < slugs.size() ? encodeCursor(slugs.get(end - 1)) : null;
        return new Page(items, slugs.size(), next);
    }

    public static String encodeCursor(String slug) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("e:" + slug).getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("e:")) {
                return text.substring(2);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new WorkbenchException(ErrorCode.INVALID_INPUT,
                "cursor: expected a nextCursor from an earlier call, got \"" + cursor + "\"");
    }

    // ---------------------------------------------------------------- rules

    private Experiment blank(String slug) {
        return new Experiment(slug, project.get().hypothesis(), null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, Status.DRAFT, null, null, null, null, null, null, 0, null, null);
    }

    private static <T> T or(T given, T old) {
        return given != null ? given : old;
    }

    private static Experiment merge(Experiment e, ExperimentPatch p) {
        return new Experiment(e.slug(), or(p.hypothesis(), e.hypothesis()), or(p.method(), e.method()),
                or(p.primaryMetricEvent(), e.primaryMetricEvent()), or(p.guardrailEvents(), e.guardrailEvents()),
                or(p.controlVariant(), e.controlVariant()), or(p.treatmentVariants(), e.treatmentVariants()),
                or(p.trafficWeights(), e.trafficWeights()), or(p.minimumSample(), e.minimumSample()),
                or(p.observationStart(), e.observationStart()), or(p.observationEnd(), e.observationEnd()),
                or(p.priorProper(), e.priorProper()), or(p.priorMean(), e.priorMean()),
                or(p.priorStddev(), e.priorStddev()), mergedInputData(e.inputData(), p.inputData()), e.analysisResult(),
                e.status(), or(p.decision(), e.decision()), or(p.decisionSummary(), e.decisionSummary()),
                or(p.decisionReason(), e.decisionReason()), or(p.claim(), e.claim()), e.preregistration(),
                e.override(), e.revision(), e.createdAt(), e.updatedAt());
    }

    /**
     * inputData is merged, not replaced (JSON Merge Patch): data sent for one metric or variant leaves the others
     * as they are, so two writers recording different metrics both keep theirs; null removes an entry.
     */
    private static JsonNode mergedInputData(JsonNode stored, JsonNode patch) {
        if (patch == null) {
            return stored;
        }
        JsonNode merged = Json.mergePatch(stored, patch);
        return merged.isObject() && merged.isEmpty() ? null : merged;
    }

    private static void checkFrozen(Experiment before, Experiment after) {
        if (before.status() == Status.DECIDED || before.status() == Status.ARCHIVED) {
            // A decision rests on the record as it was: nothing but the move to archived may change it.
            if (!after.equals(before)) {
                throw new WorkbenchException(ErrorCode.CONTRACT_FROZEN, "experiment \"" + before.slug() + "\" is "
                        + before.status().wireName() + "; its record is final" + (before.status() == Status.DECIDED
                        ? " (only status → archived is possible)" : "") + ". Create a new experiment to go on");
            }
            return;
        }
        if (before.preregistration() == null) {
            return;
        }
        var old = before.frozenFields();
        var now = after.frozenFields();
        List<String> changed = Experiment.FROZEN_FIELDS.stream()
                .filter(f -> !Objects.equals(old.get(f), now.get(f))).toList();
        if (!changed.isEmpty()) {
            throw new WorkbenchException(ErrorCode.CONTRACT_FROZEN, "experiment \"" + before.slug()
                    + "\" was preregistered at " + before.preregistration().at() + "; " + String.join(", ", changed)
                    + (changed.size() == 1 ? " is" : " are") + " frozen. Create a new experiment to test a changed contract");
        }
    }

    /**
     * Data comes only after the freeze and before the decision: in {@code collecting} and {@code analyzing}, or in
     * the call that enters {@code collecting}. Decided and archived records were refused by {@link #checkFrozen}.
     */
    private static void checkDataAllowed(Experiment before, ExperimentPatch patch, Status target) {
        if (patch.inputData() == null || target.acceptsData()) {
            return;
        }
        String where = before.status() == Status.DRAFT && target == Status.DRAFT
                ? "is a draft: its contract is not frozen yet. Set status: collecting first (it freezes the contract; "
                  + "inputData may come in that same call)"
                : "would be " + target.wireName() + " after this call. Send inputData in a call of its own while it is "
                  + "collecting or analyzing, analyse again, then decide";
        throw new WorkbenchException(ErrorCode.NOT_COLLECTING, "experiment \"" + before.slug() + "\" " + where
                + "; inputData is accepted only in collecting and analyzing");
    }

    /**
     * Whether a stored record may be analysed by slug: not a draft (its data, if an older version let it have some,
     * came before the freeze; analysing it is the peek the freeze exists to prevent), and, when the result is to
     * be stored, not decided or archived (the stored analysis is what the decision rests on).
     */
    public static void requireAnalysable(Experiment record, boolean dryRun) {
        if (record.status() == Status.DRAFT) {
            throw new WorkbenchException(ErrorCode.NOT_COLLECTING, "experiment \"" + record.slug() + "\" is a draft; "
                    + "a stored experiment is analysed only after its contract is frozen. Set status: collecting first "
                    + "(upsert-experiment), or analyse data you do not store with experiment: {...} inline");
        }
        if (!dryRun && (record.status() == Status.DECIDED || record.status() == Status.ARCHIVED)) {
            throw new WorkbenchException(ErrorCode.INVALID_TRANSITION, "experiment \"" + record.slug() + "\" is "
                    + record.status().wireName() + "; its stored analysis is what the decision rests on. "
                    + "Use dryRun to compute without storing");
        }
    }

    private Experiment transition(Experiment before, Experiment merged, Status target, String now,
                                  DecisionOverride.Request override) {
        if (target == before.status()) {
            return merged;
        }
        if (!before.status().canMoveTo(target)) {
            throw new WorkbenchException(ErrorCode.INVALID_TRANSITION, "experiment \"" + before.slug() + "\" cannot move "
                    + before.status().wireName() + " → " + target.wireName() + "; from " + before.status().wireName()
                    + " it can move to " + (before.status().next().isEmpty() ? "nothing (it is final)"
                    : String.join(" or ", before.status().next().stream().map(Status::wireName).toList())));
        }
        Preregistration prereg = merged.preregistration();
        String end = merged.observationEnd();
        if (target == Status.COLLECTING) {
            List<String> missing = new ArrayList<>();
            if (merged.primaryMetricEvent() == null) missing.add("primaryMetricEvent");
            if (merged.controlVariant() == null) missing.add("controlVariant");
            if (merged.treatmentVariants() == null || merged.treatmentVariants().isEmpty()) missing.add("treatmentVariants");
            if (merged.observationStart() == null) missing.add("observationStart");
            if (!missing.isEmpty()) {
                throw new WorkbenchException(ErrorCode.INVALID_TRANSITION, "experiment \"" + before.slug()
                        + "\" cannot start collecting without " + String.join(", ", missing));
            }
            if (prereg == null) {
                boolean dataBefore = before.inputData() != null || before.analysisResult() != null;
                prereg = new Preregistration(now, merged.contractHash(), dataBefore ? Boolean.TRUE : null);
            }
        } else if (target == Status.DECIDED) {
            List<String> missing = new ArrayList<>();
            if (merged.decision() == null) missing.add("decision");
            if (merged.decisionSummary() == null) missing.add("decisionSummary");
            if (merged.decisionReason() == null) missing.add("decisionReason");
            if (!missing.isEmpty()) {
                throw new WorkbenchException(ErrorCode.INVALID_TRANSITION, "experiment \"" + before.slug()
                        + "\" cannot be decided without " + String.join(", ", missing));
            }
            if (end == null) {
                end = LocalDate.now(store.clock()).toString();
            }
            merged = DecisionGate.apply(merged, override, now);
        }
        return merged.withLifecycle(target, prereg, end);
    }

    /** The override of a failed gate, as a decision in the journal (after the record that carries it is written). */
    private void journalOverride(Experiment e) {
        DecisionOverride o = e.override();
        String context = "Deciding experiment " + e.slug() + " (\"" + Check.cut(e.decision(), 200) + "\") although the gate "
                + "failed: " + String.join(", ", o.failedChecks());
        Journal.record(new FileEventLogs(store), o.at(), "override", context, DecisionGate.OVERRIDE_OPTIONS,
                DecisionGate.OVERRIDE, o.reason(), e.slug());
    }

    /** @param frozen whether the contract (the variants among it) was frozen before this change */
    private static void checkConsistent(Experiment e, boolean frozen) {
        if (e.controlVariant() != null && e.treatmentVariants() != null
                && e.treatmentVariants().contains(e.controlVariant())) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "treatmentVariants: must not contain the control variant \""
                    + e.controlVariant() + "\"");
        }
        if (e.guardrailEvents() != null && e.primaryMetricEvent() != null
                && e.guardrailEvents().contains(e.primaryMetricEvent())) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "guardrailEvents: must not contain the primary metric \""
                    + e.primaryMetricEvent() + "\"");
        }
        if (e.observationStart() != null && e.observationEnd() != null
                && e.observationEnd().compareTo(e.observationStart()) < 0) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "observationEnd: expected a date on or after observationStart "
                    + e.observationStart() + ", got " + e.observationEnd());
        }
        List<String> variants = e.variants();
        if (e.trafficWeights() != null) {
            for (String v : e.trafficWeights().keySet()) {
                if (!variants.contains(v)) {
                    throw new WorkbenchException(ErrorCode.UNKNOWN_VARIANT, "trafficWeights." + v + ": \"" + v
                            + "\" is not a variant of this experiment (variants: " + String.join(", ", variants) + ")");
                }
            }
        }
        if (e.inputData() != null) {
            try {
                MetricData.validate(e.inputData(), variants);
            } catch (WorkbenchException ex) {
                if (ex.code() != ErrorCode.UNKNOWN_VARIANT || !frozen) {
                    throw ex;
                }
                // The generic advice (add the variant to treatmentVariants) cannot be followed once frozen.
                String message = ex.getMessage();
                int advice = message.indexOf("; use one of them");
                throw new WorkbenchException(ErrorCode.UNKNOWN_VARIANT, (advice > 0 ? message.substring(0, advice) : message)
                        + "; the contract of \"" + e.slug() + "\" is frozen (status " + e.status().wireName()
                        + "), so its variants cannot change: the data must use the variants it names: "
                        + String.join(", ", variants), ex);
            }
        }
    }

    private static String activityType(boolean created, Status from, Status to) {
        if (created) {
            return "experiment.created";
        }
        return from == to ? "experiment.updated" : "experiment." + to.wireName();
    }

    private static String activityTitle(boolean created, Experiment before, Experiment after) {
        if (created) {
            return "Experiment " + after.slug() + " created (" + after.status().wireName() + ")";
        }
        if (before.status() != after.status()) {
            String title = "Experiment " + after.slug() + ": " + before.status().wireName() + " → " + after.status().wireName();
            if (after.override() != null && before.override() == null) {
                return title + ", gate overridden (" + String.join(", ", after.override().failedChecks()) + ")";
            }
            return after.status() == Status.COLLECTING && before.preregistration() == null
                    ? title + ", contract frozen (sha256 " + after.preregistration().sha256().substring(0, 12) + ")"
                    : title;
        }
        return "Experiment " + after.slug() + " updated";
    }
}
