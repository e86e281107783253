package dev.workbench.core.program;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.workbench.core.Json;
import dev.workbench.core.review.StageFile;
import dev.workbench.core.review.StageId;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.review.Stages;
import java.util.Optional;

/**
 * Whether an experiment's clean result was approved: its review stage {@code experiment:<slug>} as
 * {@link Stages#status} reads it now, so an approval whose artifacts changed, or whose signature no longer verifies,
 * reads as stale with the stage's own reason. Only {@code APPROVED} and not stale counts.
 */
final class CleanResultBanner {
    private CleanResultBanner() {}

    static CleanResult.Banner of(Stages stages, String slug) {
        String stage = StageId.experiment(slug).key();
        StageRecords.Status status = stages.status(stage);
        Optional<StageRecords.Approval> approval = approval(stages, stage);
        String approve = "aw approve " + stage;
        return switch (status.state()) {
            case APPROVED ->
                approval.map(a -> new CleanResult.Banner(true, null, a.by(), a.at(), a.signer()))
                        .orElseGet(() -> new CleanResult.Banner(true, null, null, status.decidedAt(), null));
            case REVIEWED -> pending("reviewed, waiting for a person to approve it (" + approve + ")");
            case EXECUTED -> pending("not reviewed yet (review-stage with experiment " + slug + ", action review)");
            case REJECTED ->
                pending("rejected"
                        + approval.map(a -> (a.by() == null ? "" : " by " + a.by())
                                        + (a.feedback() == null ? "" : ": " + a.feedback()))
                                .orElse(""));
            case STALE ->
                status.staleReason() == null
                        ? pending("not reviewed (review-stage with experiment " + slug + " starts the review)")
                        : pending((approval.filter(a -> "approved".equals(a.decision()))
                                                .isPresent()
                                        ? "approval stale because "
                                        : "review stale because ")
                                + status.staleReason());
        };
    }

    private static CleanResult.Banner pending(String why) {
        return new CleanResult.Banner(false, why, null, null, null);
    }

    private static Optional<StageRecords.Approval> approval(Stages stages, String stage) {
        return stages.read(stage, StageFile.APPROVAL.fileName()).flatMap(text -> {
            try {
                return Optional.of(Json.mapper().readValue(text, StageRecords.Approval.class));
            } catch (JsonProcessingException e) {
                return Optional.empty(); // the stage's status says what is wrong with it
            }
        });
    }
}
