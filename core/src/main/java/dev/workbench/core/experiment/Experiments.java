package dev.workbench.core.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.project.Project;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.ExperimentRecords;
import dev.workbench.core.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The experiment records and the rules of their lifecycle (CONTRACT section 2): every change goes through
 * {@link #upsert} or {@link #storeAnalysis}, each one transaction of the back end's {@link ExperimentRecords}.
 */
public final class Experiments {

    /**
     * Where a decision taken over a failed gate is journaled. The journal checks the experiments its entries name, so
     * it is built after this service and is reached through this interface instead.
     */
    @FunctionalInterface
    public interface JournalWriter {
        /** Appends an entry the workbench decided to record, numbered like the others; inside a transaction. */
        void record(
                String at,
                String kind,
                String context,
                List<String> options,
                String chosen,
                String rationale,
                String experiment);
    }

    private final Backend backend;
    private final ExperimentRecords records;
    private final Transactions transactions;
    private final Project project;
    private final ActivityLog activity;
    private final JournalWriter journal;
    private final AnalysisHistory history;

    public Experiments(Backend backend, Project project, ActivityLog activity, JournalWriter journal) {
        this.backend = backend;
        this.records = backend.experiments();
        this.transactions = backend.transactions();
        this.project = project;
        this.activity = activity;
        this.journal = journal;
        this.history = new AnalysisHistory(records);
    }

    /** Every stored analysis, one entry each. */
    public AnalysisHistory history() {
        return history;
    }

    public Optional<Experiment> find(String slug) {
        return records.find(slug);
    }

    public Experiment get(String slug) {
        return find(slug)
                .orElseThrow(() -> new WorkbenchException(
                        ErrorCode.NOT_FOUND,
                        "no experiment \"" + slug
                                + "\"; call get-project to list experiments, or upsert-experiment to create it"));
    }

    public long count() {
        return records.count();
    }

    /** The slugs of the stored records, sorted, without reading a record. */
    public List<String> slugs() {
        return records.slugs();
    }

    /** The stored record and whether this call created it. */
    public record Upserted(Experiment experiment, boolean created) {}

    /** Creates or patches a record, enforcing the lifecycle, the frozen contract and the data shapes. */
    public Upserted upsert(ExperimentPatch patch) {
        return transactions.transaction(() -> {
            Optional<Experiment> existing = find(patch.slug());
            long stored = existing.map(Experiment::revision).orElse(0L);
            if (patch.expectedRevision() != null && patch.expectedRevision() != stored) {
                throw new WorkbenchException(
                        ErrorCode.CONFLICT,
                        "experiment \"" + patch.slug() + "\" is at revision " + stored + ", not "
                                + patch.expectedRevision() + "; call get-experiment and apply the change again");
            }
            String now = backend.now();
            Experiment before = existing.orElseGet(
                    () -> Experiment.draft(patch.slug(), project.get().hypothesis()));
            Experiment merged = ExperimentRules.merge(before, patch);
            Status target = patch.status() == null ? before.status() : patch.status();
            ExperimentRules.checkFrozen(before, merged);
            ExperimentRules.checkDataAllowed(before, patch, target);
            if (patch.override() != null && target != Status.DECIDED) {
                throw Check.invalid(
                        "override",
                        "only with status: decided (it lets a decision pass a failed gate)",
                        "status " + target.wireName());
            }
            merged = Lifecycle.move(before, merged, target, now, LocalDate.now(backend.clock()), patch.override());
            ExperimentRules.checkConsistent(merged, before.preregistration() != null);
            if (!Objects.equals(merged.parent(), before.parent())) {
                checkParent(merged);
            }
            if (merged.claim() != null && !Objects.equals(merged.claim(), before.claim())) {
                checkClaim(merged.claim());
            }
            if (existing.isPresent() && merged.equals(before)) {
                return new Upserted(before, false);
            }
            Stamp was = before.stamp();
            Experiment next =
                    merged.withRevision(was.revision() + 1, existing.isPresent() ? was.createdAt() : now, now);
            checkFits(next);
            // The record first: it is authoritative and carries the override itself; a journal line written before
            // it could tell of a decision that a failed write never made.
            records.write(next);
            if (next.override() != null && before.override() == null) {
                journalOverride(next);
            }
            activity.append(
                    now,
                    ExperimentRules.activityType(existing.isEmpty(), before.status(), next.status()),
                    ExperimentRules.activityTitle(existing.isEmpty(), before, next),
                    null);
            return new Upserted(next, existing.isEmpty());
        });
    }

    /**
     * The claim an experiment's follow-ups and holdout checkpoints take over from it: its claim when that is a claim
     * on record, else null (a record written before claims were records may hold free text, which a new record may
     * not point to).
     */
    public String inheritedClaim(Experiment parent) {
        String claim = parent.claim();
        return claim != null
                        && Check.isSlug(claim)
                        && backend.claims().find(claim).isPresent()
                ? claim
                : null;
    }

    /**
     * A claim an experiment is set to point to must be a claim on record, by slug; a record written before claims
     * were records keeps whatever text it holds until its claim is set again.
     */
    private void checkClaim(String claim) {
        if (!Check.isSlug(claim) || backend.claims().find(claim).isEmpty()) {
            throw Check.invalid(
                    "claim",
                    "the slug of a claim on record (aw://claims lists them); create it first with upsert-claim"
                            + " {slug, statement}",
                    claim);
        }
    }

    /**
     * {@code e}'s parent must be an experiment on record, and following parents up from it must not come back to
     * {@code e}: the program is a forest, which the roll-ups and the clean result walk.
     */
    private void checkParent(Experiment e) {
        String at = e.parent();
        for (int depth = 0; at != null; depth++) {
            if (at.equals(e.slug()) || depth > 1000) {
                throw Check.invalid(
                        "parent",
                        "an experiment that does not follow from \"" + e.slug() + "\" (no cycles)",
                        e.parent());
            }
            String current = at;
            at = find(current)
                    .orElseThrow(() -> Check.invalid(
                            "parent", "the slug of an experiment on record (get-project lists them)", current))
                    .parent();
        }
    }

    /**
     * Changes a stored record by {@code change} in one transaction, outside the patch rules: for what the program
     * adds to a record whatever its status (a holdout plan, a learning), which a patch cannot set. The change must
     * not touch the slug, the claim or the parent (upsert checks those), the contract, the data, the analysis, the
     * lifecycle or the decision; the revision goes up by one, the
     * activity feed gets {@code activityType} and {@code activityTitle}. CONFLICT when {@code expectedRevision} is
     * given and is not the stored one.
     */
    public Experiment amend(
            String slug,
            Long expectedRevision,
            UnaryOperator<Experiment> change,
            String activityType,
            String activityTitle) {
        return transactions.transaction(() -> {
            Experiment current = get(slug);
            if (expectedRevision != null && expectedRevision != current.revision()) {
                throw new WorkbenchException(
                        ErrorCode.CONFLICT,
                        "experiment \"" + slug + "\" is at revision " + current.revision() + ", not " + expectedRevision
                                + "; call get-experiment and apply the change again");
            }
            Experiment changed = change.apply(current);
            if (!changed.slug().equals(current.slug())
                    || !Objects.equals(changed.claim(), current.claim())
                    || !Objects.equals(changed.parent(), current.parent())
                    || !changed.contract().equals(current.contract())
                    || changed.status() != current.status()
                    || !changed.decision().equals(current.decision())
                    || !Objects.equals(changed.inputData(), current.inputData())
                    || !Objects.equals(changed.analysisResult(), current.analysisResult())) {
                throw new IllegalArgumentException("amend may change only the program's parts of " + slug);
            }
            if (changed.equals(current)) {
                return current;
            }
            String now = backend.now();
            Experiment next =
                    changed.withRevision(current.revision() + 1, current.stamp().createdAt(), now);
            checkFits(next);
            records.write(next);
            activity.append(now, activityType, activityTitle, null);
            return next;
        });
    }

    /**
     * Stores an analysis result bound to the data it read ({@code input_sha256}, see {@link Experiment#inputSha256})
     * and appends it to the history; moves {@code collecting} to {@code analyzing}. The caller analysed the record
     * as it is now: it holds the store's lock from reading the record to this call.
     */
    public Experiment storeAnalysis(String slug, ObjectNode result, Long expectedRevision, String activityTitle) {
        return transactions.transaction(() -> {
            Experiment current = get(slug);
            if (expectedRevision != null && expectedRevision != current.revision()) {
                throw new WorkbenchException(
                        ErrorCode.CONFLICT,
                        "experiment \"" + slug + "\" is at revision " + current.revision() + ", not " + expectedRevision
                                + "; call get-experiment and analyse again");
            }
            requireAnalysable(current, false);
            String now = backend.now();
            Status status = current.status() == Status.COLLECTING ? Status.ANALYZING : current.status();
            Experiment next = current.withAnalysis(Experiment.boundTo(result, current.inputData()))
                    .withLifecycle(
                            status, current.preregistration(), current.window().end())
                    .withRevision(current.revision() + 1, current.stamp().createdAt(), now);
            checkFits(next);
            records.write(next); // then the history: it never holds a revision that was not written
            history.append(next, next.revision(), next.analysisResult());
            activity.append(now, "experiment.analyzed", activityTitle, null);
            return next;
        });
    }

    /**
     * Refuses with {@code INPUT_TOO_LARGE}, before anything is written, a record that could not be read back within
     * the response limit, as a tool result or as a resource (its stored form).
     */
    private static void checkFits(Experiment e) {
        // One serialisation of the record serves both: as shown (a tool result), then without what is derived on
        // showing (analysisStale), as stored.
        ObjectNode shown = (ObjectNode) Json.toTree(e);
        int tool = ResponseBudget.toolResponseOfJson(Json.toLine(shown)) + 20; // + "created"
        shown.remove(Experiment.ANALYSIS_STALE);
        byte[] bytes = Json.toFileBytes(shown);
        int resource = ResponseBudget.resource(new String(bytes, StandardCharsets.UTF_8));
        if (Math.max(tool, resource) > ResponseBudget.LIMIT) {
            throw new WorkbenchException(
                    ErrorCode.INPUT_TOO_LARGE,
                    "experiment \"" + e.slug() + "\" would take "
                            + Math.max(tool, resource) + " bytes to send back, over the " + ResponseBudget.LIMIT
                            + "-byte response limit; keep raw data in files and record aggregates in inputData");
        }
    }

    /** A page of summaries in slug order, after the slug encoded in {@code cursor}. */
    public record Page(List<ExperimentSummary> items, int total, String nextCursor) {}

    public Page page(String cursor, int limit) {
        return ExperimentPages.page(records, cursor, limit);
    }

    /** The cursor of the page that follows {@code slug}. */
    public static String encodeCursor(String slug) {
        return ExperimentPages.encodeCursor(slug);
    }

    /**
     * Whether a stored record may be analysed by slug: not a draft (its data, if an older version let it have some,
     * came before the freeze; analysing it is the peek the freeze exists to prevent), and, when the result is to
     * be stored, not decided or archived (the stored analysis is what the decision rests on).
     */
    public static void requireAnalysable(Experiment record, boolean dryRun) {
        Lifecycle.requireAnalysable(record, dryRun);
    }

    /** The override of a failed gate, as a decision in the journal (after the record that carries it is written). */
    private void journalOverride(Experiment e) {
        DecisionOverride o = e.override();
        String context = "Deciding experiment " + e.slug() + " (\""
                + Check.cut(e.decision().choice(), 200) + "\") although the gate failed: "
                + String.join(", ", o.failedChecks());
        journal.record(
                o.at(),
                "override",
                context,
                DecisionGate.OVERRIDE_OPTIONS,
                DecisionGate.OVERRIDE,
                o.reason(),
                e.slug());
    }
}
