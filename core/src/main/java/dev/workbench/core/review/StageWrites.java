package dev.workbench.core.review;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.store.StageFiles;

/**
 * How a transition is written to an area's stage files: the next status.json, and the review and approval an
 * execution leaves stale. Kept apart from {@link Stages}, which decides whether a transition may happen, so that
 * what each action writes, and the wording of a refused transition, are in one place.
 */
final class StageWrites {
    private final StageFiles files;

    StageWrites(StageFiles files) {
        this.files = files;
    }

    /** The executed artifacts of the area; {@code INVALID_TRANSITION} when it was never executed. */
    StageRecords.Manifest manifest(StageId stage) {
        return files.read(stage, StageFile.MANIFEST, StageRecords.Manifest.class)
                .orElseThrow(() -> new WorkbenchException(
                        ErrorCode.INVALID_TRANSITION, name(stage) + " has no executed artifacts"));
    }

    /** A review of earlier artifacts no longer speaks for the area: say so in its files. */
    void markReviewStale(StageId stage, String now) {
        files.read(stage, StageFile.REVIEW, StageRecords.Review.class)
                .filter(r -> !r.stale())
                .ifPresent(r -> {
                    files.write(
                            stage,
                            StageFile.REVIEW,
                            new StageRecords.Review(
                                    r.at(), r.passed(), r.checks(), r.interpretation(), r.problems(), true));
                    files.text(stage, StageFile.REVIEW_MARKDOWN)
                            .ifPresent(md -> files.writeText(
                                    stage,
                                    StageFile.REVIEW_MARKDOWN,
                                    "> **Stale:** the stage was executed again at " + now
                                            + "; this review is of the earlier artifacts.\n\n" + md));
                });
    }

    /** An approval of earlier artifacts no longer speaks for the area: approval.json says {@code stale}. */
    void markApprovalStale(StageId stage) {
        files.read(stage, StageFile.APPROVAL, StageRecords.Approval.class)
                .ifPresent(a -> files.write(
                        stage,
                        StageFile.APPROVAL,
                        new StageRecords.Approval(
                                a.at(),
                                a.decision(),
                                a.by(),
                                a.feedback(),
                                a.artifacts(),
                                true,
                                a.signature(),
                                a.signer())));
    }

    /** Writes the area's next status.json: state {@code to}, one revision on, the action's time recorded. */
    StageRecords.Status move(StageId stage, StageRecords.Status s, StageState to, String now, boolean executed) {
        StageRecords.Status next = new StageRecords.Status(
                stage.key(),
                to,
                s.revision() + 1,
                now,
                executed ? now : s.executedAt(),
                to == StageState.REVIEWED ? now : s.reviewedAt(),
                to == StageState.APPROVED || to == StageState.REJECTED ? now : s.decidedAt(),
                null);
        files.write(stage, StageFile.STATUS, next);
        return next;
    }

    /** How messages name a stage: {@code area "cleaning"}, {@code experiment "checkout"}. */
    static String name(StageId stage) {
        return (stage.experiment() ? "experiment \"" : "area \"") + stage.name() + "\"";
    }

    /** How the activity feed names a stage: "Area cleaning", "Experiment checkout's stage". */
    static String title(StageId stage) {
        return stage.experiment() ? "Experiment " + stage.name() + "'s stage" : "Area " + stage.name();
    }

    /** The refusal of {@code action} from the stage's state {@code from}, with what to do instead. */
    static WorkbenchException transition(StageId stage, StageRecords.Status from, String action, String hint) {
        return new WorkbenchException(
                ErrorCode.INVALID_TRANSITION,
                name(stage) + " is " + from.state()
                        + (from.staleReason() == null ? "" : " (" + from.staleReason() + ")") + ", so it cannot "
                        + action + "; " + hint);
    }
}
