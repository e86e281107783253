package dev.workbench.page;

import dev.workbench.core.Check;
import dev.workbench.core.Workbench;
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

    Dashboard.Outcome approve(Map<String, String> form, String person) {
        String stage = Check.requiredText(form.get("stage"), "stage");
        Stages.Result r = wb.stages().approve(stage, clicked(person));
        return new Dashboard.Outcome(
                true, "Approved " + stage + " as " + person + ": it is now " + r.state() + ".", Links.SERVED.review());
    }

    Dashboard.Outcome reject(Map<String, String> form, String person) {
        String stage = Check.requiredText(form.get("stage"), "stage");
        String feedback = form.get("feedback");
        if (feedback == null || feedback.isBlank()) {
            throw Check.invalid("feedback", "what must change, for the agent to act on", feedback);
        }
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
        Claims.Result r = wb.claims().upsert(new ClaimInput(slug, null, status, null, null), clicked(person), null);
        String message = r.note() != null
                ? r.note()
                : "Claim " + slug + " is now " + r.claim().status().wireName() + ", decided by " + person
                        + (r.approved() ? "." : " (" + r.approvalProblem() + ").");
        boolean done = r.claim() != null && r.claim().status() == status && r.approved();
        return new Dashboard.Outcome(done, message, Links.SERVED.review());
    }
}
