package dev.workbench.core.review;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.StageFiles;
import java.util.List;

/**
 * Puts the approval of a reviewed area to a person: what the approval policy requires before anyone is asked (a
 * signer, and allowed signers to check it against), the question with the area's artifacts and review, and the
 * answer as the approval to record, signed when a signer is given. Apart from {@link Stages} because it runs
 * outside the workspace lock (a person may take minutes) and records nothing: {@link Stages} records the answer
 * only if the area did not change meanwhile.
 */
final class ApprovalRequests {
    private final Backend backend;
    private final StageFiles files;
    private final StageWrites writes;
    private final ApprovalSignatures signatures;

    private final Stages.Documents documents;

    ApprovalRequests(
            Backend backend,
            StageFiles files,
            StageWrites writes,
            ApprovalSignatures signatures,
            Stages.Documents documents) {
        this.documents = documents;
        this.backend = backend;
        this.files = files;
        this.writes = writes;
        this.signatures = signatures;
    }

    /** The person's decision on {@code stage} as an approval to record; refused, with nothing changed, otherwise. */
    StageRecords.Approval ask(StageId stage, HumanApproval human, Stages.Signer signer) {
        ApprovalPolicy policy =
                signatures.requireSignable(signer, "aw approve " + stage.key() + " --key <their ssh key>");
        StageRecords.Manifest manifest = writes.manifest(stage);
        StageRecords.Review review =
                files.read(stage, StageFile.REVIEW, StageRecords.Review.class).orElse(null);
        HumanApproval.Answer answer = human.ask(new HumanApproval.Request(
                        stage.key(),
                        manifest.artifacts(),
                        review == null ? List.of() : review.checks(),
                        review == null ? null : review.interpretation(),
                        stage.experiment() ? documents.of(stage.name()).orElse(null) : null))
                .orElseThrow(() -> new WorkbenchException(
                        ErrorCode.HUMAN_APPROVAL_REQUIRED,
                        "approving " + StageWrites.name(stage)
                                + " is a person's decision and none could be asked here; a person runs `aw approve "
                                + stage.key()
                                + (policy.signed() ? " --key <their ssh key>" : "")
                                + "` in a terminal (nothing changed)"));
        StageRecords.Approval approval = new StageRecords.Approval(
                backend.now(),
                answer.approved() ? "approved" : "rejected",
                answer.by(),
                answer.feedback(),
                manifest.artifacts(),
                false,
                null,
                null);
        return signer == null ? approval : signatures.sign(stage, approval, signer);
    }
}
