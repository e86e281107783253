package dev.workbench.page;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.program.Claim;
import dev.workbench.core.program.ClaimInput;
import dev.workbench.core.program.Claims;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.review.Stages;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a person does from the review view: approve a reviewed stage, send one back with their reason, decide an open
 * claim. The person is who the session says they are, and clicking the button is their answer, so the question core
 * asks is answered by them; every policy check stays in core: under the signed policy core refuses the approval
 * ({@code APPROVAL_UNSIGNED}, nothing changed), and {@link Dashboard#act} turns the refusal into an outcome that says
 * so. Sending back needs no signature ({@code Stages.reject}).
 */
final class ReviewActions {
    private final Workbench wb;

    ReviewActions(Workbench wb) {
        this.wb = wb;
    }

    /** Registers {@code approve}, {@code reject} and {@code claim}. */
    void register(Map<String, Dashboard.Action> actions) {
        actions.put("approve", this::approve);
        actions.put("reject", this::reject);
        actions.put("claim", this::claim);
    }

    /** The person who clicked: the answer core's question gets, approving. */
    private static HumanApproval clicked(String person) {
        return request -> Optional.of(new HumanApproval.Answer(true, person, null));
    }

    /**
     * The person approves what they read: the answer is given only while the stage is still at the revision the page
     * showed them. Checked when core asks (after it read the stage, before it records the decision, which it refuses
     * if the stage changed meanwhile), so work executed or reviewed again after the page was drawn is never approved
     * unseen.
     */
    private HumanApproval clickedOn(String stage, long shown, String person) {
        return request -> {
            requireShown(stage, shown);
            return clicked(person).ask(request);
        };
    }

    private void requireShown(String stage, long shown) {
        long now = wb.stages().status(stage).revision();
        if (now != shown) {
            throw new WorkbenchException(
                    ErrorCode.CONFLICT,
                    stage + " changed after the page showed it (revision " + shown + ", now " + now
                            + "): read it again before deciding; nothing changed");
        }
    }

    /** The revision the form says the person read: a whole number (the page writes it). */
    private static long revision(Map<String, String> form) {
        String given = form.get("revision");
        try {
            return Long.parseLong(Check.requiredText(given, "revision"));
        } catch (NumberFormatException e) {
            throw Check.invalid("revision", "the stage's revision the page showed, a whole number", given);
        }
    }

    Dashboard.Outcome approve(Map<String, String> form, String person) {
        String stage = Check.requiredText(form.get("stage"), "stage");
        Stages.Result r = wb.stages().approve(stage, clickedOn(stage, revision(form), person));
        return new Dashboard.Outcome(
                true, "Approved " + stage + " as " + person + ": it is now " + r.state() + ".", Links.SERVED.review());
    }

    Dashboard.Outcome reject(Map<String, String> form, String person) {
        String stage = Check.requiredText(form.get("stage"), "stage");
        String feedback = form.get("feedback");
        if (feedback == null || feedback.isBlank()) {
            throw Check.invalid("feedback", "what must change, for the agent to act on", feedback);
        }
        requireShown(stage, revision(form));
        Stages.Result r = wb.stages().reject(stage, feedback.strip(), person);
        return new Dashboard.Outcome(
                true, "Sent " + stage + " back as " + person + ": it is now " + r.state() + ".", Links.SERVED.review());
    }

    Dashboard.Outcome claim(Map<String, String> form, String person) {
        String slug = Check.slug(form.get("slug"), "slug");
        String given = Check.requiredText(form.get("status"), "status");
        Claim.Status status = null;
        for (Claim.Status s : Claim.Status.values()) {
            if (s != Claim.Status.OPEN && s.wireName().equals(given.toLowerCase(Locale.ROOT))) {
                status = s;
            }
        }
        if (status == null) {
            throw Check.invalid("status", "supported, refuted or mixed (a person's decision)", given);
        }
        // Decided on the claim as the page showed it: core refuses a newer revision (CONFLICT).
        Claims.Result r =
                wb.claims().upsert(new ClaimInput(slug, null, status, revision(form), null), clicked(person), null);
        String message = r.note() != null
                ? r.note()
                : "Claim " + slug + " is now " + r.claim().status().wireName() + ", decided by " + person
                        + (r.approved() ? "." : " (" + r.approvalProblem() + ").");
        boolean done = r.claim() != null && r.claim().status() == status && r.approved();
        return new Dashboard.Outcome(done, message, Links.SERVED.review());
    }
}
