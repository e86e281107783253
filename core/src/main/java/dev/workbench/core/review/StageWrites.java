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
    StageRecords.Manifest manifest(String area) {
        return files.read(area, StageFile.MANIFEST, StageRecords.Manifest.class)
                .orElseThrow(() -> new WorkbenchException(
                        ErrorCode.INVALID_TRANSITION, "area \"" + area + "\" has no executed artifacts"));
    }

    /** A review of earlier artifacts no longer speaks for the area: say so in its files. */
    void markReviewStale(String area, String now) {
        files.read(area, StageFile.REVIEW, StageRecords.Review.class)
                .filter(r -> !r.stale())
                .ifPresent(r -> {
                    files.write(
                            area,
                            StageFile.REVIEW,
                            new StageRecords.Review(
                                    r.at(), r.passed(), r.checks(), r.interpretation(), r.problems(), true));
                    files.text(area, StageFile.REVIEW_MARKDOWN)
                            .ifPresent(md -> files.writeText(
                                    area,
                                    StageFile.REVIEW_MARKDOWN,
                                    "> **Stale:** the area was executed again at " + now
                                            + "; this review is of the earlier artifacts.\n\n" + md));
                });
    }

    /** An approval of earlier artifacts no longer speaks for the area: approval.json says {@code stale}. */
    void markApprovalStale(String area) {
        files.read(area, StageFile.APPROVAL, StageRecords.Approval.class)
                .ifPresent(a -> files.write(
                        area,
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
    StageRecords.Status move(StageRecords.Status s, StageState to, String now, boolean executed) {
        StageRecords.Status next = new StageRecords.Status(
                s.area(),
                to,
                s.revision() + 1,
                now,
                executed ? now : s.executedAt(),
                to == StageState.REVIEWED ? now : s.reviewedAt(),
                to == StageState.APPROVED || to == StageState.REJECTED ? now : s.decidedAt(),
                null);
        files.write(s.area(), StageFile.STATUS, next);
        return next;
    }

    /** The refusal of {@code action} from the area's state {@code from}, with what to do instead. */
    static WorkbenchException transition(StageRecords.Status from, String action, String hint) {
        return new WorkbenchException(
                ErrorCode.INVALID_TRANSITION,
                "area \"" + from.area() + "\" is " + from.state()
                        + (from.staleReason() == null ? "" : " (" + from.staleReason() + ")") + ", so it cannot "
                        + action + "; " + hint);
    }
}
