package dev.workbench.core.program;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Sha256;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.ApprovalPolicy;
import dev.workbench.core.review.HumanApproval;
import dev.workbench.core.review.SignedStatements;
import dev.workbench.core.review.Stages;
import java.nio.charset.StandardCharsets;

/**
 * A claim's status other than {@code open} as a person's decision, on the same path as an area's approval
 * ({@code review/ApprovalRequests}): the policy's requirements checked before anyone is asked, the person asked
 * (elicitation, or {@code aw approve claim:<slug> --status <s>} on a terminal), the answer signed under the signed
 * policy; and on every read, whether the approval still holds.
 */
final class ClaimApprovals {
    private final SignedStatements statements;

    ClaimApprovals(SignedStatements statements) {
        this.statements = statements;
    }

    /** Whether a claim's status holds as approved now, and why not. */
    record Standing(boolean approved, String problem) {}

    /** The command a person runs in a terminal to decide {@code status} for the claim {@code slug}. */
    static String command(String slug, Claim.Status status, boolean signed) {
        return "aw approve " + Claim.subject(slug) + " --status " + status.wireName()
                + (signed ? " --key <their ssh key>" : "");
    }

    /** The SHA-256 of a statement's UTF-8 bytes, as an approval records it. */
    static String sha256(String statement) {
        return Sha256.of(statement.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An open claim is not approved and has no problem. Any other status holds only while its approval is for that
     * status and the statement as it reads now and, under the signed policy, its signature verifies.
     */
    Standing standing(Claim c) {
        if (c.status() == Claim.Status.OPEN) {
            return new Standing(false, null);
        }
        Claim.StatusApproval a = c.statusApproval();
        if (a == null) {
            return new Standing(false, "no person approved this status");
        }
        if (a.status() != c.status()) {
            return new Standing(
                    false,
                    "the approval is for " + a.status().wireName() + ", not "
                            + c.status().wireName());
        }
        if (!sha256(c.statement()).equals(a.statementSha256())) {
            return new Standing(false, "the statement changed since it was approved");
        }
        ApprovalPolicy policy = statements.policy();
        if (policy.signed()) {
            if (policy.problem() != null) {
                return new Standing(false, policy.problem());
            }
            String bad = statements.verify(a.signed(c.slug()).bytes(), a.signer(), a.signature());
            if (bad != null) {
                return new Standing(
                        false,
                        "its signature does not verify (" + bad + "); a person runs `"
                                + command(c.slug(), c.status(), true) + "`");
            }
        }
        return new Standing(true, null);
    }

    /**
     * A person's answer: the approval to record (signed when asked with a signer), or, when they declined, null with
     * their answer (who, and why not), which the activity log keeps.
     */
    record Asked(Claim.StatusApproval approval, HumanApproval.Answer answer) {}

    /**
     * Asks a person to set {@code proposed} for the claim reading {@code statement}; the approval to record, signed
     * when {@code signer} is given, or none when the person declined. Refused, with nothing changed, when the policy
     * needs a signature this channel cannot give, or when no person can be asked.
     */
    Asked ask(
            String slug,
            Claim.Status proposed,
            String statement,
            String question,
            String at,
            HumanApproval human,
            Stages.Signer signer) {
        ApprovalPolicy policy = statements.requireSignable(signer, command(slug, proposed, true));
        String command = command(slug, proposed, policy.signed());
        HumanApproval.Answer answer = human.decide(new HumanApproval.Question(Claim.subject(slug), question, command))
                .orElseThrow(() -> new WorkbenchException(
                        ErrorCode.HUMAN_APPROVAL_REQUIRED,
                        "setting claim \"" + slug + "\" to " + proposed.wireName()
                                + " is a person's decision and none could be asked here; a person runs `" + command
                                + "` in a terminal (nothing changed)"));
        if (!answer.approved()) {
            return new Asked(null, answer);
        }
        Claim.StatusApproval approval =
                new Claim.StatusApproval(at, proposed, answer.by(), answer.feedback(), sha256(statement), null, null);
        if (signer == null) {
            return new Asked(approval, answer);
        }
        SignedStatements.Signed signed = statements.sign(approval.signed(slug).bytes(), signer);
        return new Asked(approval.withSignature(signed.signature(), signed.signer()), answer);
    }
}
