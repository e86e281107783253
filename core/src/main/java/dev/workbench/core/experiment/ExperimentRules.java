package dev.workbench.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.stats.MetricData;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules an upsert is checked against (CONTRACT section 2), as pure functions of the record before and after:
 * the merge of a patch, the frozen contract, when data is accepted, the consistency of the fields, and what the
 * activity log says about a change. The lifecycle moves are {@link Lifecycle}'s.
 */
final class ExperimentRules {
    private ExperimentRules() {}

    private static <T> T or(T given, T old) {
        return given != null ? given : old;
    }

    /** {@code e} with every field {@code p} sets; the lifecycle, analysis and stamp stay the workbench's. */
    static Experiment merge(Experiment e, ExperimentPatch p) {
        Contract c = e.contract();
        Prior prior = c.prior();
        Contract contract = new Contract(
                or(p.hypothesis(), c.hypothesis()),
                or(p.method(), c.method()),
                or(p.primaryMetricEvent(), c.primaryMetricEvent()),
                or(p.guardrailEvents(), c.guardrailEvents()),
                or(p.controlVariant(), c.controlVariant()),
                or(p.treatmentVariants(), c.treatmentVariants()),
                or(p.minimumSample(), c.minimumSample()),
                new Prior(
                        or(p.priorProper(), prior.proper()),
                        or(p.priorMean(), prior.mean()),
                        or(p.priorStddev(), prior.stddev())),
                or(p.assignment(), c.assignment()),
                or(p.metricDefinitions(), c.metricDefinitions()),
                minimumSampleBasis(p, c));
        Window w = e.window();
        Decision d = e.decision();
        return e.withContract(contract)
                .withTrafficWeights(or(p.trafficWeights(), e.trafficWeights()))
                .withWindow(new Window(or(p.observationStart(), w.start()), or(p.observationEnd(), w.end())))
                .withInputData(mergedInputData(e.inputData(), p.inputData()))
                .withDecision(new Decision(
                        or(p.decision(), d.choice()),
                        or(p.decisionSummary(), d.summary()),
                        or(p.decisionReason(), d.reason()),
                        d.override()))
                .withClaim(or(p.claim(), e.claim()))
                .withLineage(e.lineage().withParent(or(p.parent(), e.parent())));
    }

    /**
     * The basis goes with its number: a new {@code minimumSample} sent without a basis drops the stored one (it
     * explained the old number), so a record never shows a number beside the reasoning for another.
     */
    private static String minimumSampleBasis(ExperimentPatch p, Contract c) {
        if (p.minimumSampleBasis() != null) {
            return p.minimumSampleBasis();
        }
        boolean numberChanged = p.minimumSample() != null && !p.minimumSample().equals(c.minimumSample());
        return numberChanged ? null : c.minimumSampleBasis();
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

    static void checkFrozen(Experiment before, Experiment after) {
        if (before.status() == Status.DECIDED || before.status() == Status.ARCHIVED) {
            // A decision rests on the record as it was: nothing but the move to archived may change it. (What the
            // program adds after it, a holdout plan and learnings, is written by their own services, not by a patch.)
            if (!after.equals(before)) {
                throw new WorkbenchException(
                        ErrorCode.CONTRACT_FROZEN,
                        "experiment \"" + before.slug() + "\" is "
                                + before.status().wireName() + "; its record is final"
                                + (before.status() == Status.DECIDED ? " (only status → archived is possible)" : "")
                                + ". Create a new experiment to go on");
            }
            return;
        }
        if (before.preregistration() == null) {
            return;
        }
        Map<String, Object> old = before.contract().fields();
        Map<String, Object> now = after.contract().fields();
        List<String> changed = Contract.FIELDS.stream()
                .filter(f -> !Objects.equals(old.get(f), now.get(f)))
                .toList();
        if (!changed.isEmpty()) {
            throw new WorkbenchException(
                    ErrorCode.CONTRACT_FROZEN,
                    "experiment \"" + before.slug()
                            + "\" was preregistered at "
                            + before.preregistration().at() + "; " + String.join(", ", changed)
                            + (changed.size() == 1 ? " is" : " are")
                            + " frozen. Create a new experiment to test a changed contract");
        }
    }

    /**
     * Data comes only after the freeze and before the decision: in {@code collecting} and {@code analyzing}, or in
     * the call that enters {@code collecting}. Decided and archived records were refused by {@link #checkFrozen}.
     */
    static void checkDataAllowed(Experiment before, ExperimentPatch patch, Status target) {
        if (patch.inputData() == null || target.acceptsData()) {
            return;
        }
        String where = before.status() == Status.DRAFT && target == Status.DRAFT
                ? "is a draft: its contract is not frozen yet. Set status: collecting first (it freezes the contract; "
                        + "inputData may come in that same call)"
                : "would be " + target.wireName() + " after this call. Send inputData in a call of its own while it is "
                        + "collecting or analyzing, analyse again, then decide";
        throw new WorkbenchException(
                ErrorCode.NOT_COLLECTING,
                "experiment \"" + before.slug() + "\" " + where
                        + "; inputData is accepted only in collecting and analyzing");
    }

    /** @param frozen whether the contract (the variants among it) was frozen before this change */
    static void checkConsistent(Experiment e, boolean frozen) {
        Contract c = e.contract();
        checkDefinitionsPaired(c);
        if (c.controlVariant() != null
                && c.treatmentVariants() != null
                && c.treatmentVariants().contains(c.controlVariant())) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "treatmentVariants: must not contain the control variant \"" + c.controlVariant() + "\"");
        }
        if (c.guardrailEvents() != null
                && c.primaryMetricEvent() != null
                && c.guardrailEvents().contains(c.primaryMetricEvent())) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "guardrailEvents: must not contain the primary metric \"" + c.primaryMetricEvent() + "\"");
        }
        if (c.minimumSampleBasis() != null && c.minimumSample() == null) {
            // The basis says where minimumSample came from: alone it explains a number the record does not have.
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "minimumSampleBasis: says where minimumSample came from, but minimumSample is not set; send both"
                            + " (plan-sample-size gives per_variant and minimumSampleBasis)");
        }
        Window w = e.window();
        if (w.start() != null && w.end() != null && w.end().compareTo(w.start()) < 0) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "observationEnd: expected a date on or after observationStart " + w.start() + ", got " + w.end());
        }
        List<String> variants = c.variants();
        if (e.trafficWeights() != null) {
            for (String v : e.trafficWeights().keySet()) {
                if (!variants.contains(v)) {
                    throw new WorkbenchException(
                            ErrorCode.UNKNOWN_VARIANT,
                            "trafficWeights." + v + ": \"" + v + "\" is not a variant of this experiment (variants: "
                                    + String.join(", ", variants) + ")");
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
                throw new WorkbenchException(
                        ErrorCode.UNKNOWN_VARIANT,
                        (advice > 0 ? message.substring(0, advice) : message)
                                + "; the contract of \"" + e.slug() + "\" is frozen (status "
                                + e.status().wireName()
                                + "), so its variants cannot change: the data must use the variants it names: "
                                + String.join(", ", variants),
                        ex);
            }
        }
    }

    /**
     * An assignment without metrics (or metrics without an assignment) defines no data: collect-metrics needs both,
     * and the freeze would lock in half a definition. Checked on the merged record: both come in one call, or the
     * second joins the first already on record. Nothing here connects to a source.
     */
    private static void checkDefinitionsPaired(Contract c) {
        boolean metrics =
                c.metricDefinitions() != null && !c.metricDefinitions().isEmpty();
        if (c.assignment() != null && !metrics) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "metricDefinitions: required with assignment, as {event: {sql, type}}; "
                            + "send both in one call (collect-metrics computes inputData from them)");
        }
        if (metrics && c.assignment() == null) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "assignment: required with metricDefinitions, as {source, sql} returning unit_id, variant, "
                            + "exposed_at; send both in one call");
        }
    }

    static String activityType(boolean created, Status from, Status to) {
        if (created) {
            return "experiment.created";
        }
        return from == to ? "experiment.updated" : "experiment." + to.wireName();
    }

    static String activityTitle(boolean created, Experiment before, Experiment after) {
        if (created) {
            return "Experiment " + after.slug() + " created (" + after.status().wireName() + ")";
        }
        if (before.status() != after.status()) {
            String title = "Experiment " + after.slug() + ": " + before.status().wireName() + " → "
                    + after.status().wireName();
            if (after.override() != null && before.override() == null) {
                return title + ", gate overridden ("
                        + String.join(", ", after.override().failedChecks()) + ")";
            }
            return after.status() == Status.COLLECTING && before.preregistration() == null
                    ? title + ", contract frozen (sha256 "
                            + after.preregistration().sha256().substring(0, 12) + ")"
                    : title;
        }
        return "Experiment " + after.slug() + " updated";
    }
}
