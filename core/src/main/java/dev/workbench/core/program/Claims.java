package dev.workbench.core.program;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Experiments;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.review.SignedStatements;
import dev.workbench.core.review.Stages;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.ClaimRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of the program and their roll-ups (issue 16, Deliver 3). The agent creates a claim and edits its
 * statement; a status other than {@code open} is a person's decision, asked as an area's approval is
 * ({@link ClaimApprovals}), and reads as approved only while that approval holds. Changing the statement of a claim
 * whose status is not {@code open} returns it to {@code open} (the person approved the old words), unless the same
 * call asks for a status, which the person then decides on the new words.
 */
public final class Claims {
    private final Backend backend;
    private final ClaimRecords records;
    private final Experiments experiments;
    private final Holdouts holdouts;
    private final ActivityLog activity;
    private final ClaimApprovals approvals;

    public Claims(
            Backend backend,
            Experiments experiments,
            Holdouts holdouts,
            ActivityLog activity,
            SignedStatements statements) {
        this.backend = backend;
        this.records = backend.claims();
        this.experiments = experiments;
        this.holdouts = holdouts;
        this.activity = activity;
        this.approvals = new ClaimApprovals(statements);
    }

    /** A claim as listed (aw://claims): how many experiments roll up to it, and whether its status holds. */
    public record Summary(
            String slug,
            String statement,
            Claim.Status status,
            boolean approved,
            String approvalProblem,
            int experiments) {}

    /**
     * What upsert-claim did.
     *
     * @param claim           the claim as stored now (null when a creation was declined)
     * @param changed         whether anything was written
     * @param approved        whether its status holds as a person's approved decision
     * @param approvalProblem why it does not, for a status other than open
     * @param note            what happened besides, in words: a person declined, the claim returned to open
     */
    public record Result(
            Claim claim, boolean created, boolean changed, boolean approved, String approvalProblem, String note) {}

    public Optional<Claim> find(String slug) {
        return records.find(Check.slug(slug, "slug"));
    }

    public Claim get(String slug) {
        return find(slug)
                .orElseThrow(() -> new WorkbenchException(
                        ErrorCode.NOT_FOUND,
                        "no claim \"" + slug + "\"; read aw://claims to list them, or create it with upsert-claim"));
    }

    /** Every claim, in slug order. */
    public List<Summary> list() {
        Map<String, List<Experiment>> byClaim = ClaimRollup.byClaim(allExperiments());
        List<Summary> out = new ArrayList<>();
        for (String slug : records.slugs()) {
            Optional<Claim> c;
            try {
                c = records.find(slug);
            } catch (WorkbenchException unreadable) { // listed with what is wrong, so it hides no other claim
                out.add(new Summary(slug, null, null, false, unreadable.getMessage(), 0));
                continue;
            }
            if (c.isPresent()) {
                ClaimApprovals.Standing s = approvals.standing(c.get());
                out.add(new Summary(
                        slug,
                        c.get().statement(),
                        c.get().status(),
                        s.approved(),
                        s.problem(),
                        byClaim.getOrDefault(slug, List.of()).size()));
            }
        }
        return out;
    }

    /** The claim {@code slug} with its experiments (NOT_FOUND when there is none). */
    public ClaimRollup rollup(String slug) {
        return rollup(get(slug));
    }

    private ClaimRollup rollup(Claim claim) {
        List<ClaimRollup.Entry> entries = new ArrayList<>();
        for (Experiment e : ClaimRollup.byClaim(allExperiments()).getOrDefault(claim.slug(), List.of())) {
            entries.add(ClaimRollup.entry(e, e.lineage().holdout() == null ? null : holdout(e.slug())));
        }
        ClaimApprovals.Standing s = approvals.standing(claim);
        return new ClaimRollup(claim, s.approved(), s.problem(), entries);
    }

    /** The holdout report of a launch, or null when its plan cannot be reported (edited by hand, say). */
    private HoldoutReport holdout(String slug) {
        try {
            return holdouts.report(slug);
        } catch (WorkbenchException unreportable) {
            return null;
        }
    }

    /** Every experiment that can be read: one damaged record does not stop every claim being read or decided. */
    private List<Experiment> allExperiments() {
        List<Experiment> all = new ArrayList<>();
        for (String slug : experiments.slugs()) {
            try {
                experiments.find(slug).ifPresent(all::add);
            } catch (WorkbenchException unreadable) {
                // get-project lists it with its problem
            }
        }
        return all;
    }

    /**
     * Creates or changes a claim. A status other than {@code open} (new, or on new words) is put to a person through
     * {@code human}, signed by {@code signer} when given; declined, nothing changes and the result says so. CONFLICT
     * on a stale {@code expectedRevision}, or when the claim changed while the person decided.
     */
    public Result upsert(ClaimInput in, HumanApproval human, Stages.Signer signer) {
        Claim before = records.find(in.slug()).orElse(null);
        checkRevision(in, before);
        if (before == null && in.statement() == null) {
            throw Check.invalid(
                    "statement", "the claim's statement, required when creating claim \"" + in.slug() + "\"", null);
        }
        String statement = in.statement() != null ? in.statement() : before.statement();
        Claim.Status current = before == null ? Claim.Status.OPEN : before.status();
        boolean reworded = before != null && !statement.equals(before.statement());
        String note = null;
        Claim.Status target = in.status();
        if (target == null) {
            target = reworded ? Claim.Status.OPEN : current;
            if (reworded && current != Claim.Status.OPEN) {
                note = "the statement changed, so the claim returned to open (it was " + current.wireName()
                        + ", approved for the old statement); set the status again to ask a person";
            }
        }
        Claim base = before != null ? before : new Claim(in.slug(), statement, Claim.Status.OPEN, null, 0, null, null);
        if (target == Claim.Status.OPEN) {
            return write(in, before, new Claim(in.slug(), statement, target, null, 0, null, null), note);
        }
        if (before != null
                && !reworded
                && target == current
                && approvals.standing(before).approved()) {
            return result(before, false, false, null);
        }
        String question = rollup(base).question(target, statement, in.feedback());
        ClaimApprovals.Asked asked =
                approvals.ask(in.slug(), target, statement, question, backend.now(), human, signer);
        if (asked.approval() == null) {
            declined(in.slug(), target, asked.answer());
            return new Result(
                    before,
                    false,
                    false,
                    before != null && approvals.standing(before).approved(),
                    before == null ? null : approvals.standing(before).problem(),
                    "the person declined " + target.wireName() + ": nothing changed"
                            + (before == null
                                    ? " (the claim was not created)"
                                    : " (the claim stays " + current.wireName() + ")")
                            + "; the activity log keeps who declined"
                            + (asked.answer().feedback() == null ? "" : " and why"));
        }
        return write(in, before, new Claim(in.slug(), statement, target, asked.approval(), 0, null, null), note);
    }

    /** A person's decline is kept in the activity log (type claim.declined): who, and why; the claim is unchanged. */
    private void declined(String slug, Claim.Status target, HumanApproval.Answer answer) {
        backend.transactions()
                .transaction(() -> activity.append(
                        backend.now(),
                        "claim.declined",
                        "Claim " + slug + ": " + target.wireName() + " declined by " + answer.by(),
                        answer.feedback() == null ? null : "person: " + answer.feedback()));
    }

    private static void checkRevision(ClaimInput in, Claim stored) {
        long revision = stored == null ? 0 : stored.revision();
        if (in.expectedRevision() != null && in.expectedRevision() != revision) {
            throw new WorkbenchException(
                    ErrorCode.CONFLICT,
                    "claim \"" + in.slug() + "\" is at revision " + revision + ", not " + in.expectedRevision()
                            + "; read aw://claims/" + in.slug() + " and apply the change again");
        }
    }

    /** Writes {@code next} unless it says what {@code asked} said; CONFLICT when the claim changed since it was read. */
    private Result write(ClaimInput in, Claim asked, Claim next, String note) {
        return backend.transactions().transaction(() -> {
            Claim stored = records.find(in.slug()).orElse(null);
            if (!Objects.equals(stored, asked)) {
                throw new WorkbenchException(
                        ErrorCode.CONFLICT,
                        "claim \"" + in.slug() + "\" changed while this change was being made; read it again");
            }
            if (stored != null
                    && stored.statement().equals(next.statement())
                    && stored.status() == next.status()
                    && Objects.equals(stored.statusApproval(), next.statusApproval())) {
                return result(stored, false, false, note);
            }
            String now = backend.now();
            Claim written = next.written(
                    stored == null ? 1 : stored.revision() + 1, stored == null ? now : stored.createdAt(), now);
            records.write(written);
            activity.append(now, activityType(stored, written), activityTitle(stored, written), detail(in, written));
            return result(written, stored == null, true, note);
        });
    }

    private Result result(Claim c, boolean created, boolean changed, String note) {
        ClaimApprovals.Standing s = approvals.standing(c);
        return new Result(c, created, changed, s.approved(), s.problem(), note);
    }

    private static String activityType(Claim before, Claim after) {
        if (before == null) {
            return "claim.created";
        }
        return before.status() != after.status() || !Objects.equals(after.statusApproval(), before.statusApproval())
                ? "claim.status"
                : "claim.updated";
    }

    private static String activityTitle(Claim before, Claim after) {
        StringBuilder t = new StringBuilder("Claim ").append(after.slug());
        if (before == null) {
            t.append(" created");
        } else if (!before.statement().equals(after.statement())) {
            t.append(" reworded");
        }
        if (before == null ? after.status() != Claim.Status.OPEN : before.status() != after.status()) {
            t.append(before == null ? " as " : ": ")
                    .append(before == null ? "" : before.status().wireName() + " → ")
                    .append(after.status().wireName());
        } else if (before != null
                && after.statusApproval() != null
                && before.statement().equals(after.statement())) {
            t.append(": ").append(after.status().wireName()).append(" approved again");
        }
        Claim.StatusApproval a = after.statusApproval();
        if (a != null && (before == null || !a.equals(before.statusApproval()))) {
            t.append(", approved by ")
                    .append(a.by())
                    .append(a.signer() == null ? "" : " (signed by " + a.signer() + ")");
        }
        return t.toString();
    }

    private static String detail(ClaimInput in, Claim after) {
        Claim.StatusApproval a = after.statusApproval();
        String person = a == null || a.feedback() == null ? null : "person: " + a.feedback();
        if (in.feedback() == null) {
            return person;
        }
        return person == null ? in.feedback() : in.feedback() + "; " + person;
    }
}
